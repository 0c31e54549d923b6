import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../database/schema';
import type { AuditParams } from './audit-params';
import { offsetSegments, type OffsetSegment } from './time-zone';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Buckets for time series. */
export type Granularity = 'day' | 'week' | 'month';

/**
 * Local time in the parameters' time zone as SQL integer arithmetic, so days, hours and weekdays
 * come out the same on SQLite and PostgreSQL (neither engine's time functions are used).
 */
export interface LocalTime {
  readonly timeZone: string;
  readonly segments: readonly OffsetSegment[];
  /** Local wall-clock time of a UTC ms column, as ms since the epoch. */
  ms(column: string): RawBuilder<number>;
  /** Local day number (days since 1970-01-01 local). */
  day(column: string): RawBuilder<number>;
  /** Local hour of day, 0–23. */
  hour(column: string): RawBuilder<number>;
  /** Local weekday, 0 = Monday … 6 = Sunday. */
  weekday(column: string): RawBuilder<number>;
}

/**
 * The local-time expressions for a guild, with the zone's offsets over the guild's whole message
 * span (one small query).
 *
 * @example
 * const t = await localTime(db, params);
 * scopedMessages(db, params).select([t.day('m.sent_at').as('day'), (eb) => eb.fn.countAll().as('n')]).groupBy('day')
 */
export async function localTime(db: Kysely<Database>, params: AuditParams): Promise<LocalTime> {
  let segments: OffsetSegment[] = [{ start: Number.NEGATIVE_INFINITY, offsetMs: 0 }];
  if (params.timeZone !== 'UTC') {
    const span = await db
      .selectFrom('messages')
      .select((eb) => [eb.fn.min('sent_at').as('first'), eb.fn.max('sent_at').as('last')])
      .where('guild_id', '=', params.guild)
      .executeTakeFirst();
    const first = span?.first == null ? Date.now() : Number(span.first);
    const last = span?.last == null ? first : Number(span.last);
    segments = offsetSegments(params.timeZone, first - DAY_MS, last + DAY_MS);
  }
  const ms = (column: string): RawBuilder<number> => {
    const col = sql.ref(column);
    if (segments.length === 1) return segments[0].offsetMs === 0 ? sql<number>`${col}` : sql<number>`(${col} + ${sql.lit(segments[0].offsetMs)})`;
    const branches = segments.slice(1).map((s, i) => sql`WHEN ${col} < ${sql.lit(s.start)} THEN ${sql.lit(segments[i].offsetMs)}`);
    return sql<number>`(${col} + CASE ${sql.join(branches, sql` `)} ELSE ${sql.lit(segments[segments.length - 1].offsetMs)} END)`;
  };
  return {
    timeZone: params.timeZone,
    segments,
    ms,
    day: (column) => sql<number>`(${ms(column)} / ${sql.lit(DAY_MS)})`,
    hour: (column) => sql<number>`((${ms(column)} / ${sql.lit(HOUR_MS)}) % 24)`,
    // 1970-01-01 was a Thursday: day 0 + 3 = 3 = Thursday when Monday is 0.
    weekday: (column) => sql<number>`(((${ms(column)} / ${sql.lit(DAY_MS)}) + 3) % 7)`,
  };
}

/**
 * SQL for the month of a local day number, as `year * 12 + month0` (civil-from-days with
 * integer operations only, valid for days from 1970 on), so months group identically on every
 * engine. `day` should be a column reference, not a long expression: it is used several times.
 */
export function monthKeySql(day: RawBuilder<number>): RawBuilder<number> {
  const z = sql`(${day} + 719468)`;
  const era = sql`(${z} / 146097)`;
  const doe = sql`(${z} - ${era} * 146097)`;
  const yoe = sql`((${doe} - ${doe} / 1460 + ${doe} / 36524 - ${doe} / 146096) / 365)`;
  const doy = sql`(${doe} - (365 * ${yoe} + ${yoe} / 4 - ${yoe} / 100))`;
  const mp = sql`((5 * ${doy} + 2) / 153)`;
  // month = mp + 3 for mp < 10 (March..December), else mp - 9; January and February belong to the next year.
  return sql<number>`((${yoe} + ${era} * 400 + CASE WHEN ${mp} >= 10 THEN 1 ELSE 0 END) * 12 + CASE WHEN ${mp} < 10 THEN ${mp} + 2 ELSE ${mp} - 10 END)`;
}

/**
 * An epoch-ms time as ISO 8601 (UTC), null staying null: how rows carry instants. Accepts the
 * string PostgreSQL may return for a bigint aggregate.
 */
export function isoTime(ms: number | string | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();
}

/** `YYYY-MM-DD` of a local day number. */
export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday that starts the week of a local day number. */
export function weekStartDay(day: number): number {
  return day - ((day + 3) % 7);
}

/** The local day number of the first day of the month of `day`. */
export function monthStartDay(day: number): number {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
}

/** `YYYY-MM` of a month key (`year * 12 + month0`). */
export function monthKeyToIso(key: number): string {
  return `${Math.floor(key / 12)}-${String((key % 12) + 1).padStart(2, '0')}`;
}

/** The label of the bucket holding local day `day`: its day, its week's Monday, or its month. */
export function bucketLabel(day: number, granularity: Granularity): string {
  if (granularity === 'day') return dayToIso(day);
  if (granularity === 'week') return dayToIso(weekStartDay(day));
  return dayToIso(monthStartDay(day)).slice(0, 7);
}
