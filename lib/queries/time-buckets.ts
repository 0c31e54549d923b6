
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Buckets for time series. */
export type Granularity = 'day' | 'week' | 'month';

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
