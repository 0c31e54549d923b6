import { bucketKeyOfDay } from '../activity/bucket-keys';
import { DAY_MS, type Granularity } from '../time-buckets';
import type { OffsetSegment } from '../time-zone';

/**
 * The bucket key (see `bucket-keys.ts`) of a UTC time, through the zone's offset `segments`
 * (from `zoneSegments`): the same local day as the SQL arithmetic and `toLocal`. Built for times in
 * order: the current offset segment and the key of the last day are kept, so most calls are a
 * few comparisons; times out of order are still right.
 *
 * @example
 * const keyOf = bucketKeyer(zoneSegments(columns, params.timeZone), 'week');
 * for (const i of counted) perWeek[keyOf(m.sentAt[i]) - firstWeek]++;
 */
export function bucketKeyer(segments: readonly OffsetSegment[], granularity: Granularity): (utcMs: number) => number {
  let s = 0;
  let lastDay = Number.NaN;
  let lastKey = 0;
  return (utcMs) => {
    if (utcMs < segments[s].start) s = 0; // out of order: start over (segments[0] starts at -infinity)
    while (s + 1 < segments.length && segments[s + 1].start <= utcMs) s++;
    const day = Math.floor((utcMs + segments[s].offsetMs) / DAY_MS);
    if (day !== lastDay) {
      lastDay = day;
      lastKey = granularity === 'month' ? monthKeyOfDay(day) : bucketKeyOfDay(day, granularity);
    }
    return lastKey;
  };
}

/**
 * `bucketKeyOfDay(day, 'month')` with integer arithmetic (civil-from-days):
 * members' messages jump between days, and a `Date` per day change would cost more than the rest.
 */
function monthKeyOfDay(day: number): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  // mp counts months from March: January and February belong to the next year.
  return (yoe + era * 400 + (mp >= 10 ? 1 : 0)) * 12 + (mp < 10 ? mp + 2 : mp - 10);
}
