import type { InteractionEvents } from '../network/interactions';
import type { WindowSpan } from './window-span';

/**
 * Per member (user number), how many peers they are connected with in each window: a peer
 * counts in a window when the two exchanged at least `connectedInteractions` interactions (both
 * directions, all kinds) in it; undefined for members never connected. Interactions are bucketed
 * by unordered pair with counting sorts that keep their time order, so each pair's days come
 * sorted for the sweep.
 *
 * @example
 * const peers = connectedPeers(events, eventDay, users, { firstEnd, windows, windowDays: 7 }, 5);
 */
export function connectedPeers(
  events: InteractionEvents,
  eventDay: Int32Array,
  users: number,
  span: WindowSpan,
  connectedInteractions: number,
): Array<Uint16Array | undefined> {
  const { count: n, source, target } = events;
  // Bucket by the lower user number of the pair, keeping the other end and the day.
  const start = new Int32Array(users + 1);
  for (let e = 0; e < n; e++) start[Math.min(source[e], target[e]) + 1]++;
  for (let u = 0; u < users; u++) start[u + 1] += start[u];
  const other = new Int32Array(n);
  const days = new Int32Array(n);
  const fill = start.slice(0, users);
  for (let e = 0; e < n; e++) {
    const lo = Math.min(source[e], target[e]);
    other[fill[lo]] = Math.max(source[e], target[e]);
    days[fill[lo]++] = eventDay[e];
  }

  // Spans are added as differences (+1 at the first window, −1 after the last), summed at the end.
  const change: Array<Int32Array | undefined> = new Array(users);
  const mark = (a: number, b: number, from: number, to: number) => {
    const first = Math.max(0, from - span.firstEnd);
    const last = Math.min(span.windows - 1, to - span.firstEnd);
    if (first > last) return;
    for (const u of [a, b]) {
      const d = (change[u] ??= new Int32Array(span.windows + 1));
      d[first]++;
      d[last + 1]--;
    }
  };
  // Within a bucket, the same again by the higher end: each pair's days side by side.
  const count = new Int32Array(users);
  const offset = new Int32Array(users);
  const highs: number[] = [];
  const pairDays = new Int32Array(n);
  for (let lo = 0; lo < users; lo++) {
    if (start[lo + 1] - start[lo] < connectedInteractions) continue;
    highs.length = 0;
    for (let k = start[lo]; k < start[lo + 1]; k++) if (count[other[k]]++ === 0) highs.push(other[k]);
    let at = 0;
    for (const hi of highs) {
      offset[hi] = at;
      at += count[hi];
    }
    for (let k = start[lo]; k < start[lo + 1]; k++) pairDays[offset[other[k]]++] = days[k];
    for (const hi of highs) {
      const m = count[hi];
      count[hi] = 0;
      if (m < connectedInteractions) continue;
      const pair = pairDays.subarray(offset[hi] - m, offset[hi]);
      // Local days follow time order, unless a zone moves its clocks back across midnight.
      for (let i = 1; i < m; i++) {
        if (pair[i] >= pair[i - 1]) continue;
        pair.sort();
        break;
      }
      strongSpans(pair, span.windowDays, connectedInteractions, (from, to) => mark(lo, hi, from, to));
    }
  }
  // `map` skips the holes: members never connected stay undefined.
  return change.map((d) => {
    const peers = new Uint16Array(span.windows);
    let n = 0;
    for (let w = 0; w < span.windows; w++) peers[w] = n += d![w];
    return peers;
  });
}

/**
 * Spans of window end days [from, to] over which a pair's interactions in the window (the
 * `windowDays` days ending that day) reach `threshold`: a sweep over the days where the sum
 * changes (an interaction enters on its day and leaves `windowDays` later). `days` is sorted.
 */
function strongSpans(days: Int32Array, windowDays: number, threshold: number, span: (from: number, to: number) => void): void {
  const n = days.length;
  let entering = 0;
  let leaving = 0;
  let sum = 0;
  while (leaving < n) {
    const day = Math.min(entering < n ? days[entering] : Infinity, days[leaving] + windowDays);
    for (; entering < n && days[entering] === day; entering++) sum++;
    for (; leaving < n && days[leaving] + windowDays === day; leaving++) sum--;
    const next = Math.min(entering < n ? days[entering] : Infinity, leaving < n ? days[leaving] + windowDays : Infinity);
    if (sum >= threshold) span(day, next - 1);
  }
}
