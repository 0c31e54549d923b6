import { DAY_MS } from '../time-buckets';
import { offsetSegments, type OffsetSegment } from '../time-zone';
import type { GuildColumns } from './guild-columns';

const cache = new WeakMap<GuildColumns, Map<string, readonly OffsetSegment[]>>();

/**
 * The offset segments of `timeZone` over the guild's whole message span: the same segments as
 * `localTime(db, params).segments` (which asks the database for the span and works them out
 * again on every call: finding the transitions of a few years costs tens of ms), worked out
 * once per columns and zone. Turn a time into local wall-clock ms with `toLocal`.
 *
 * @example
 * const segments = localTimeSegments(columns, params.timeZone);
 * const day = Math.floor(toLocal(columns.messages.sentAt[i], segments) / DAY_MS);
 */
export function localTimeSegments(columns: GuildColumns, timeZone: string): readonly OffsetSegment[] {
  if (timeZone === 'UTC') return UTC;
  const byZone = cache.get(columns) ?? cache.set(columns, new Map()).get(columns)!;
  let segments = byZone.get(timeZone);
  if (!segments) {
    const t = columns.messages.sentAt;
    // As localTime: a guild without messages gets the offsets of today.
    const first = t.length > 0 ? t[0] : Date.now();
    const last = t.length > 0 ? t[t.length - 1] : first;
    segments = offsetSegments(timeZone, first - DAY_MS, last + DAY_MS);
    byZone.set(timeZone, segments);
  }
  return segments;
}

const UTC: readonly OffsetSegment[] = [{ start: Number.NEGATIVE_INFINITY, offsetMs: 0 }];
