import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import { scopedMessages } from '../message-scope';
import type { QueryDefinition } from '../query-definition';
import { localTime, type Granularity } from '../time-buckets';
import { bucketKeyLabel, inBuckets, seriesKeys } from './bucket-keys';
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
  const t = await localTime(db, params);
  const days = scopedMessages(db, params).select(['m.author_id', t.day('m.sent_at').as('day')]);
  const rows = await db
    .selectFrom(await inBuckets(db, params, days, granularity))
    .select((eb) => ['b.bucket', eb.fn.countAll<number>().as('messages'), eb.fn.count<number>('b.author_id').distinct().as('communicators')])
    .groupBy('b.bucket')
    .execute();
  const byKey = new Map(rows.map((r) => [Number(r.bucket), r]));
  return seriesKeys(params, granularity, [...byKey.keys()]).map((key) => {
    const r = byKey.get(key);
    return { bucket: bucketKeyLabel(key, granularity), messages: Number(r?.messages ?? 0), communicators: Number(r?.communicators ?? 0) };
  });
}

export const activityQuery: QueryDefinition = {
  name: 'activity',
  summary: 'Messages and communicators per day, week (from Monday) or month in timeZone; empty buckets as zeros',
  follows: 'Discord Server Insights / CHAOSS: active members per day/week/month = distinct authors of counted messages',
  scope: 'guild',
  params: [{ name: 'granularity', type: 'string', description: 'day, week (Monday to Sunday) or month', default: 'day' }],
  run: activity,
};
