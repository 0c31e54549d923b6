import { DAY_MS } from '../time-buckets';
import { offsetSegments, type OffsetSegment } from '../time-zone';
import { perColumnsAndKey } from './columns-memo';
import type { GuildColumns } from './guild-columns';

const UTC: readonly OffsetSegment[] = [{ start: Number.NEGATIVE_INFINITY, offsetMs: 0 }];

/** Zones kept per columns: a session rarely looks at more than a few. */
const kept = perColumnsAndKey<readonly OffsetSegment[]>(8);

/**
 * The offsets of `timeZone` over the guild's message span (a day either side), the span taken
 * from the columns' first and last message rather than a `min`/`max` query, which reads the
 * guild's whole time index on SQLite (0.1-0.3 s on a million messages). Kept per columns and zone.
 *
 * @example
 * const days = localUnits(columns, counted, zoneSegments(columns, params.timeZone), DAY_MS);
 */
export function zoneSegments(columns: GuildColumns, timeZone: string): readonly OffsetSegment[] {
  if (timeZone === 'UTC') return UTC;
  return kept(columns, timeZone, () => {
    const t = columns.messages.sentAt;
    const first = t.length > 0 ? t[0] : Date.now();
    const last = t.length > 0 ? t[t.length - 1] : first;
    return offsetSegments(timeZone, first - DAY_MS, last + DAY_MS);
  });
}
