import { sql, type AliasedSelectQueryBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { dayToIso, DAY_MS, monthKeySql, monthKeyToIso, weekStartDay, type Granularity } from '../time-buckets';
import { offsetAt } from '../time-zone';

/**
 * Time buckets as integer keys, so SQL can group by them and JS can walk from one to the next:
 * a day is its local day number, a week the day number of its Monday, a month `year * 12 +
 * month0` (the shared month key). Built on the shared local-time arithmetic of `time-buckets.ts`.
 */

/**
 * SQL for the key of the bucket holding local day `day`. `day` should be a column reference
 * (the month key uses it several times).
 *
 * @example
 * db.selectFrom(days.as('x')).select(bucketKeySql(sql.ref('x.day'), 'week').as('bucket'))
 */
export function bucketKeySql(day: RawBuilder<number>, granularity: Granularity): RawBuilder<number> {
  if (granularity === 'day') return day;
  // The same Monday arithmetic as weekStartDay (day 0, 1970-01-01, was a Thursday).
  if (granularity === 'week') return sql<number>`(${day} - ((${day} + 3) % 7))`;
  return monthKeySql(day);
}

/** The key of the bucket holding local day `day`, as `bucketKeySql` computes it. */
export function bucketKeyOfDay(day: number, granularity: Granularity): number {
  if (granularity === 'day') return day;
  if (granularity === 'week') return weekStartDay(day);
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The key of the bucket after `key`. */
export function nextBucketKey(key: number, granularity: Granularity): number {
  return key + (granularity === 'week' ? 7 : 1);
}

/** The label of a bucket key: `YYYY-MM-DD` for a day or a week's Monday, `YYYY-MM` for a month. */
export function bucketKeyLabel(key: number, granularity: Granularity): string {
  return granularity === 'month' ? monthKeyToIso(key) : dayToIso(key);
}

/** The local day number of a UTC time in `timeZone`. */
export function localDayOf(utcMs: number, timeZone: string): number {
  return Math.floor((utcMs + offsetAt(timeZone, utcMs)) / DAY_MS);
}

/**
 * Every bucket key of a series, in order, with none missing: from the bucket of the period's
 * start (`from`, when set; else the first key with data) to the bucket of its end (the last
 * instant before `to`, when set; else the last key with data). Empty when neither data nor
 * both ends of the period say where the series lies.
 *
 * @example
 * seriesKeys(params, 'day', [19723, 19725]) // [19723, 19724, 19725] when the period is open
 */
export function seriesKeys(params: AuditParams, granularity: Granularity, dataKeys: readonly number[]): number[] {
  const keyAt = (ms: number) => bucketKeyOfDay(localDayOf(ms, params.timeZone), granularity);
  const first = params.from !== null ? keyAt(params.from) : dataKeys.length > 0 ? Math.min(...dataKeys) : null;
  const last = params.to !== null ? keyAt(params.to - 1) : dataKeys.length > 0 ? Math.max(...dataKeys) : null;
  if (first === null || last === null) return [];
  const keys: number[] = [];
  for (let key = first; key <= last; key = nextBucketKey(key, granularity)) keys.push(key);
  return keys;
}

/**
 * A query creator that knows `calendar(day, bucket)`: every local day of the guild's history
 * (and of the period, when it reaches further), with the key of its bucket. Queries join their
 * messages' local day to it instead of computing the key per message: the month key is a few
 * dozen integer operations, worth doing once per day rather than once per message. The
 * calendar is materialized, so each engine computes it once and joins to it by hash or index.
 *
 * @example
 * const rows = await (await withCalendar(db, params, 'month'))
 *   .selectFrom(days.as('d')).innerJoin('calendar as cal', 'cal.day', 'd.day')
 *   .select((eb) => ['cal.bucket', eb.fn.countAll().as('n')]).groupBy('cal.bucket').execute();
 */
export async function withCalendar(db: Kysely<Database>, params: AuditParams, granularity: Granularity) {
  const span = await db
    .selectFrom('messages')
    .select((eb) => [eb.fn.min('sent_at').as('first'), eb.fn.max('sent_at').as('last')])
    .where('guild_id', '=', params.guild)
    .executeTakeFirst();
  const ends = [span?.first, span?.last, params.from, params.to].filter((t) => t != null).map((t) => localDayOf(Number(t), params.timeZone));
  // A day either side: the SQL and JS local days agree, but the margin costs nothing.
  const firstDay = ends.length > 0 ? Math.min(...ends) - 1 : 0;
  const lastDay = ends.length > 0 ? Math.max(...ends) + 1 : 0;
  return db
    .withRecursive('calendar_days(day)', (qc) =>
      qc
        .selectNoFrom(sql<number>`${sql.lit(firstDay)}`.as('day'))
        .unionAll((u) => u.selectFrom('calendar_days').select(sql<number>`${sql.ref('calendar_days.day')} + 1`.as('day')).where('calendar_days.day', '<', lastDay)))
    .with((cte) => cte('calendar').materialized(), (qc) =>
      qc.selectFrom('calendar_days').select(['calendar_days.day', bucketKeySql(sql.ref('calendar_days.day'), granularity).as('bucket')]));
}

/**
 * `rows` (a query with a local `day` column) with the key of each row's bucket added as
 * `bucket`, as a subquery named `b`. Days are their own key; weeks and months come from
 * `withCalendar`.
 *
 * @example
 * db.selectFrom(await inBuckets(db, params, days, 'month')).select((eb) => ['b.bucket', eb.fn.countAll().as('n')]).groupBy('b.bucket')
 */
export async function inBuckets<R extends { day: number }>(
  db: Kysely<Database>,
  params: AuditParams,
  rows: SelectQueryBuilder<any, any, R>,
  granularity: Granularity,
): Promise<AliasedSelectQueryBuilder<R & { bucket: number }, 'b'>> {
  // The casts state what Kysely cannot derive through `selectAll` of a generic row.
  if (granularity === 'day') {
    return db.selectFrom(rows.as('d')).selectAll('d').select(sql<number>`${sql.ref('d.day')}`.as('bucket')).as('b') as any;
  }
  return (await withCalendar(db, params, granularity))
    .selectFrom(rows.as('d'))
    .innerJoin('calendar as cal', 'cal.day', 'd.day')
    .selectAll('d')
    .select('cal.bucket')
    .as('b') as any;
}

/**
 * Rows per bucket key from a query with a local `day` column (one row per counted thing).
 *
 * @example
 * const joins = await countByBucket(db, params, joinNotices.select(t.day('m.sent_at').as('day')), 'week');
 */
export async function countByBucket(
  db: Kysely<Database>,
  params: AuditParams,
  days: SelectQueryBuilder<any, any, { day: number }>,
  granularity: Granularity,
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom(await inBuckets(db, params, days, granularity))
    .select((eb) => ['b.bucket', eb.fn.countAll<number>().as('n')])
    .groupBy('b.bucket')
    .execute();
  return new Map(rows.map((r) => [Number(r.bucket), Number(r.n)]));
}
