import { DAY_MS } from '../time-buckets';
import { offsetSegments, type OffsetSegment } from '../time-zone';
import type { GuildColumns } from './guild-columns';

const UTC: readonly OffsetSegment[] = [{ start: Number.NEGATIVE_INFINITY, offsetMs: 0 }];

const computed = new WeakMap<GuildColumns, Map<string, readonly OffsetSegment[]>>();

/**
 * The offsets of `timeZone` over the guild's message span, the same segments as
 * `localTime(db, params).segments` (time-buckets.ts), for `toLocal` in JS. The span comes from the
 * columns' first and last message instead of a min/max query over the messages table (which
 * scans the guild's whole time index on SQLite), and the segments are kept per columns and
 * zone, so a query over local days pays neither more than once.
 *
 * @example
 * const segments = localTimeSegments(columns, params.timeZone);
 * const day = Math.floor(toLocal(columns.messages.sentAt[i], segments) / DAY_MS);
 */
export function localTimeSegments(columns: GuildColumns, timeZone: string): readonly OffsetSegment[] {
  if (timeZone === 'UTC') return UTC;
  const byZone = computed.get(columns) ?? computed.set(columns, new Map()).get(columns)!;
  let segments = byZone.get(timeZone);
  if (!segments) {
    const t = columns.messages.sentAt;
    const first = t.length === 0 ? Date.now() : t[0];
    const last = t.length === 0 ? first : t[t.length - 1];
    segments = offsetSegments(timeZone, first - DAY_MS, last + DAY_MS);
    byZone.set(timeZone, segments);
  }
  return segments;
}
