import type { Kysely } from 'kysely';
import { MEMBER_JOIN_KIND } from '../../archives/message-kinds';
import type { Database } from '../../database/schema';
import { bucketKeyLabel, bucketKeyOfDay, countByBucket, localDayOf, seriesKeys } from '../activity/bucket-keys';
import { granularityParam } from '../param-values';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import { scopedMessages } from '../message-scope';
import type { QueryDefinition } from '../query-definition';
import { localTime, type Granularity } from '../time-buckets';
import { firstSightings } from './first-sightings';
import { historySpan } from './history-span';

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
  const t = await localTime(db, params);
  const joinDays = scopedMessages(db, params, { system: true }).where('m.kind', '=', MEMBER_JOIN_KIND).select(t.day('m.sent_at').as('day'));
  const sightingDays = db.selectFrom(firstSightings(db, params).as('f')).select(['f.first_seen', t.day('f.first_seen').as('day')]);
  const [joinCounts, firstCounts, before, span] = await Promise.all([
    countByBucket(db, params, joinDays, granularity),
    countByBucket(db, params, params.from === null ? sightingDays : sightingDays.where('f.first_seen', '>=', params.from), granularity),
    params.from === null
      ? Promise.resolve(0)
      : db
          .selectFrom(firstSightings(db, params).as('f'))
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('f.first_seen', '<', params.from)
          .executeTakeFirstOrThrow()
          .then((r) => Number(r.n)),
    historySpan(db, params),
  ]);
  const spanKeys = span === null ? [] : [span.first, span.last].map((ms) => bucketKeyOfDay(localDayOf(ms, params.timeZone), granularity));
  let membersSeen = before;
  return seriesKeys(params, granularity, [...joinCounts.keys(), ...firstCounts.keys(), ...spanKeys]).map((key) => {
    const firstSeen = firstCounts.get(key) ?? 0;
    membersSeen += firstSeen;
    return { bucket: bucketKeyLabel(key, granularity), joins: joinCounts.get(key) ?? 0, firstSeen, membersSeen, leaves: null };
  });
}

export const joinsQuery: QueryDefinition = {
  name: 'joins',
  summary: 'Join notices, first-seen members and members seen so far per day, week or month; leaves are not in a scraped history (null)',
  follows: 'Discord Server Insights joins (from GuildMemberJoin notices) and first-seen dates; no leave data in an archive',
  scope: 'guild',
  params: [{ name: 'granularity', type: 'string', description: 'day, week (Monday to Sunday) or month', default: 'day' }],
  run: joins,
};
