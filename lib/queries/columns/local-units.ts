import type { OffsetSegment } from '../time-zone';
import type { GuildColumns } from './guild-columns';

/** Local times of messages in whole units, with the smallest and largest. */
export interface LocalUnits {
  /** One entry per message asked for, in the same order. */
  units: Int32Array;
  /**
   * The smallest and largest unit, null when there are none. Local time follows the messages'
   * order except where clocks go back, so the ends are found, not assumed.
   */
  range: [first: number, last: number] | null;
}

/**
 * Local time of each message at `indexes`, in whole units of `unitMs` since 1970-01-01 local:
 * `Math.floor(toLocal(sentAt, segments) / unitMs)`, so `DAY_MS` gives local day numbers and
 * `HOUR_MS` local hour numbers (hour of day = h % 24, day = floor(h / 24)). `indexes` must be in
 * time order (as `scopedIndexes` returns them): the zone's offset segments are walked once
 * alongside the messages instead of searched per message.
 *
 * @example
 * const { units: days, range } = localUnits(columns, counted, zoneSegments(columns, params.timeZone), DAY_MS);
 */
export function localUnits(columns: GuildColumns, indexes: Int32Array, segments: readonly OffsetSegment[], unitMs: number): LocalUnits {
  const sentAt = columns.messages.sentAt;
  const units = new Int32Array(indexes.length);
  let s = 0;
  let offset = segments[0].offsetMs;
  let nextStart = segments.length > 1 ? segments[1].start : Number.POSITIVE_INFINITY;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < indexes.length; k++) {
    const t = sentAt[indexes[k]];
    while (t >= nextStart) {
      s++;
      offset = segments[s].offsetMs;
      nextStart = s + 1 < segments.length ? segments[s + 1].start : Number.POSITIVE_INFINITY;
    }
    const u = Math.floor((t + offset) / unitMs);
    units[k] = u;
    if (u < first) first = u;
    if (u > last) last = u;
  }
  return { units, range: indexes.length > 0 ? [first, last] : null };
}
