import type { AuditParams } from '../audit-params';
import { dayToIso, DAY_MS, monthKeyToIso, weekStartDay, type Granularity } from '../time-buckets';
import { offsetAt } from '../time-zone';

/**
 * Time buckets as integer keys, so JS can group by them and walk from one to the next:
 * a day is its local day number, a week the day number of its Monday, a month `year * 12 +
 * month0` (the shared month key). Built on the shared local-time arithmetic of `time-buckets.ts`.
 */

/** The key of the bucket holding local day `day`. */
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
