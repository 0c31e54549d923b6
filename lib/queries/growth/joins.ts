import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { bucketKeyLabel, bucketKeyOfDay, localDayOf, seriesKeys } from '../activity/bucket-keys';
import { granularityParam } from '../param-values';
import { resolveAuditParams, type AuditParams, type AuditParamsInput } from '../audit-params';
import { channelMask, excludedUserMask, guildColumns, periodSlice, type GuildColumns } from '../columns';
import { zoneSegments } from '../columns/zone-segments';
import type { QueryDefinition } from '../query-definition';
import type { Granularity } from '../time-buckets';
import { firstSightings } from './first-sightings';
import { historySpan } from './history-span';
import { bucketKeyer } from './local-buckets';
import { memberFirsts } from './member-firsts';

/** Growth evidence in one time bucket. */
export interface JoinsRow {
  /** `YYYY-MM-DD` (a day, or the Monday that starts a week) or `YYYY-MM`, local to `timeZone`. */
  bucket: string;
  /** `GuildMemberJoin` notices: join events (a member who rejoins counts again). */
  joins: number;
  /** Members whose first sighting (earliest message of any kind, join notices included) falls in the bucket. */
  firstSeen: number;
  /** Members first seen up to the end of the bucket, the history before the period included. */
  membersSeen: number;
  /**
   * Always null: a scraped history has no leave events (Discord posts no notice when someone
   * leaves), so leaves and net growth cannot be measured from it.
   */
  leaves: null;
}

export interface JoinsInput extends AuditParamsInput {
  granularity?: Granularity | string;
}

/**
 * Joins and first-seen members per local day, week (from Monday) or month. Every bucket of the
 * period is a row, zeros included; an open end of the period is the history's first or last
 * message of any kind, so quiet months at either end still show. Join notices are system
 * messages, never counted as messages elsewhere, but they are the join evidence here. `leaves`
 * is null: leaves are not in a scraped history. See `firstSightings` for how the channels
 * filter applies.
 *
 * @example
 * const weeks = await joins(db, { guild, granularity: 'week' });
 */
export async function joins(db: Kysely<Database>, input: JoinsInput): Promise<JoinsRow[]> {
  const granularity = granularityParam(input.granularity, ['day', 'week', 'month'], 'day');
  const params = await resolveAuditParams(db, input);
  const columns = await guildColumns(db, params.guild);
  const segments = zoneSegments(columns, params.timeZone);
  const keyOf = bucketKeyer(segments, granularity);
  const joinCounts = await joinNoticesByBucket(db, columns, params, keyOf);
  const { firstSeen } = await firstSightings(db, columns, params);
  const firstCounts = new Map<number, number>();
  let before = 0;
  for (const seen of firstSeen) {
    if (Number.isNaN(seen)) continue;
    if (params.from !== null && seen < params.from) before++;
    else increment(firstCounts, keyOf(seen));
  }
  const span = historySpan(columns, params);
  const spanKeys = span === null ? [] : [span.first, span.last].map((ms) => bucketKeyOfDay(localDayOf(ms, params.timeZone), granularity));
  let membersSeen = before;
  return seriesKeys(params, granularity, [...joinCounts.keys(), ...firstCounts.keys(), ...spanKeys]).map((key) => {
    const firstSeen = firstCounts.get(key) ?? 0;
    membersSeen += firstSeen;
    return { bucket: bucketKeyLabel(key, granularity), joins: joinCounts.get(key) ?? 0, firstSeen, membersSeen, leaves: null };
  });
}

/** Join notices in the period, channels and scope, per bucket key. */
async function joinNoticesByBucket(db: Kysely<Database>, columns: GuildColumns, params: AuditParams, keyOf: (utcMs: number) => number) {
  const m = columns.messages;
  const [lo, hi] = periodSlice(columns, params);
  const out = await excludedUserMask(db, columns, params);
  const inChannels = params.channels === null ? null : channelMask(columns, params.channels);
  const counts = new Map<number, number>();
  for (const i of memberFirsts(columns).joinNotices) {
    if (i < lo || i >= hi || out[m.author[i]] === 1 || (inChannels !== null && inChannels[m.channel[i]] === 0)) continue;
    increment(counts, keyOf(m.sentAt[i]));
  }
  return counts;
}

function increment(counts: Map<number, number>, key: number): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

export const joinsQuery: QueryDefinition = {
  name: 'joins',
  summary: 'Join notices, first-seen members and members seen so far per day, week or month; leaves are not in a scraped history (null)',
  follows: 'Discord Server Insights joins (from GuildMemberJoin notices) and first-seen dates; no leave data in an archive',
  scope: 'guild',
  params: [{ name: 'granularity', type: 'string', description: 'day, week (Monday to Sunday) or month', default: 'day' }],
  run: joins,
};
