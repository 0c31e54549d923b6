import type { OffsetSegment } from '../time-zone';
import type { GuildColumns } from './guild-columns';

/**
 * Local time of each message at `indexes`, in whole units of `unitMs` since 1970-01-01 local:
 * `Math.floor(toLocal(sentAt, segments) / unitMs)`, so `DAY_MS` gives local day numbers and
 * `HOUR_MS` local hour numbers (hour of day = h % 24, day = floor(h / 24)). `indexes` must be in
 * time order (as `scopedIndexes` returns them): the zone's offset segments are walked once
 * alongside the messages instead of searched per message.
 *
 * @example
 * const days = localUnits(columns, counted, (await localTime(db, params)).segments, DAY_MS);
 */
export function localUnits(columns: GuildColumns, indexes: Int32Array, segments: readonly OffsetSegment[], unitMs: number): Int32Array {
  const sentAt = columns.messages.sentAt;
  const out = new Int32Array(indexes.length);
  let s = 0;
  let offset = segments[0].offsetMs;
  let nextStart = segments.length > 1 ? segments[1].start : Number.POSITIVE_INFINITY;
  for (let k = 0; k < indexes.length; k++) {
    const t = sentAt[indexes[k]];
    while (t >= nextStart) {
      s++;
      offset = segments[s].offsetMs;
      nextStart = s + 1 < segments.length ? segments[s + 1].start : Number.POSITIVE_INFINITY;
    }
    out[k] = Math.floor((t + offset) / unitMs);
  }
  return out;
}

/**
 * The smallest and largest of `units` (local days, say), or null when there are none. Local
 * time follows the messages' order except where clocks go back, so the ends are found, not assumed.
 */
export function unitRange(units: Int32Array): [first: number, last: number] | null {
  if (units.length === 0) return null;
  let first = units[0];
  let last = units[0];
  for (let k = 1; k < units.length; k++) {
    const u = units[k];
    if (u < first) first = u;
    else if (u > last) last = u;
  }
  return [first, last];
}
