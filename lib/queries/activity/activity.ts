import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import { guildColumns, scopedIndexes } from '../columns';
import { localUnits } from '../columns/local-units';
import { zoneSegments } from '../columns/zone-segments';
import type { QueryDefinition } from '../query-definition';
import { DAY_MS, type Granularity } from '../time-buckets';
import { bucketKeyLabel, bucketKeyOfDay, seriesKeys } from './bucket-keys';
import { groupTotals } from './group-totals';
import { granularityParam } from '../param-values';

/** Messages and communicators in one time bucket. */
export interface ActivityRow {
  /** `YYYY-MM-DD` (a day, or the Monday that starts a week) or `YYYY-MM`, local to `timeZone`. */
  bucket: string;
  messages: number;
  /** Distinct authors of those messages: the bucket's active members. */
  communicators: number;
}

export interface ActivityInput extends AuditParamsInput {
  /** day (default), week (from Monday) or month, in `timeZone`. */
  granularity?: Granularity | string;
}

/**
 * Messages and communicators (distinct authors) per local day, week (Monday to Sunday) or
 * month, after Discord Server Insights' daily/weekly/monthly active members. The series has
 * no gaps: every bucket from the period's start (or the first message) to its end (or the last
 * message) is a row, empty ones with zeros, so a chart of it is honest.
 *
 * @example
 * const weeks = await activity(db, { guild, granularity: 'week', timeZone: 'Europe/Berlin' });
 */
export async function activity(db: Kysely<Database>, input: ActivityInput): Promise<ActivityRow[]> {
  const granularity = granularityParam(input.granularity, ['day', 'week', 'month'], 'day');
  const params = await resolveAuditParams(db, input);
  const columns = await guildColumns(db, params.guild);
  const counted = await scopedIndexes(db, columns, params);
  const { units: days, range } = localUnits(columns, counted, zoneSegments(columns, params.timeZone), DAY_MS);
  const [firstDay, lastDay] = range ?? [0, -1];
  // The bucket key of each day of the span, worked out once per day rather than per message;
  // buckets are then numbered from the first day's.
  const firstKey = bucketKeyOfDay(firstDay, granularity);
  const bucketOfDay = new Int32Array(lastDay - firstDay + 1);
  for (let d = 0; d < bucketOfDay.length; d++) bucketOfDay[d] = bucketNumber(bucketKeyOfDay(firstDay + d, granularity), firstKey, granularity);
  const groups = range ? bucketOfDay[bucketOfDay.length - 1] + 1 : 0;
  // Each message's day becomes its bucket's number, in place.
  for (let k = 0; k < days.length; k++) days[k] = bucketOfDay[days[k] - firstDay];
  const totals = groupTotals(columns, counted, days, groups);

  const dataKeys = groups > 0 ? [firstKey, bucketKey(groups - 1, firstKey, granularity)] : [];
  return seriesKeys(params, granularity, dataKeys).map((key) => {
    const b = bucketNumber(key, firstKey, granularity);
    const inData = b >= 0 && b < groups;
    return { bucket: bucketKeyLabel(key, granularity), messages: inData ? totals.messages[b] : 0, communicators: inData ? totals.communicators[b] : 0 };
  });
}

/** Position of bucket `key` counted from `firstKey` (weeks are keyed by their Monday's day). */
function bucketNumber(key: number, firstKey: number, granularity: Granularity): number {
  return granularity === 'week' ? (key - firstKey) / 7 : key - firstKey;
}

/** The key of the bucket at position `b` from `firstKey`. */
function bucketKey(b: number, firstKey: number, granularity: Granularity): number {
  return firstKey + (granularity === 'week' ? b * 7 : b);
}

export const activityQuery: QueryDefinition = {
  name: 'activity',
  summary: 'Messages and communicators per day, week (from Monday) or month in timeZone; empty buckets as zeros',
  follows: 'Discord Server Insights / CHAOSS: active members per day/week/month = distinct authors of counted messages',
  scope: 'guild',
  params: [{ name: 'granularity', type: 'string', description: 'day, week (Monday to Sunday) or month', default: 'day' }],
  run: activity,
};
