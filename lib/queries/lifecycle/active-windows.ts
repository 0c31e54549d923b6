import { MENTIONED, type InteractionEvents } from '../network/interactions';
import type { WindowSpan } from './window-span';

/**
 * Per member (user number), 1 in each window holding an act of theirs: an interaction they made,
 * or a reply or reaction they received (being mentioned is no act of theirs); undefined for
 * members who never acted. Acts are bucketed by member with a counting sort that keeps their
 * time order, so each window is marked about once.
 *
 * @example
 * const active = activeWindows(events, eventDay, columns.users.ids.length, { firstEnd, windows, windowDays: 7 });
 */
export function activeWindows(events: InteractionEvents, eventDay: Int32Array, users: number, span: WindowSpan): Array<Uint8Array | undefined> {
  const { count: n, source, target, kind } = events;
  const mentioned = MENTIONED;
  const start = new Int32Array(users + 1);
  for (let e = 0; e < n; e++) {
    start[source[e] + 1]++;
    if (kind[e] !== mentioned) start[target[e] + 1]++;
  }
  for (let u = 0; u < users; u++) start[u + 1] += start[u];
  const days = new Int32Array(start[users]);
  const fill = start.slice(0, users);
  for (let e = 0; e < n; e++) {
    days[fill[source[e]]++] = eventDay[e];
    if (kind[e] !== mentioned) days[fill[target[e]]++] = eventDay[e];
  }
  const { firstEnd, windows, windowDays } = span;
  const active: Array<Uint8Array | undefined> = new Array(users);
  for (let u = 0; u < users; u++) {
    if (start[u] === start[u + 1]) continue;
    const a = (active[u] = new Uint8Array(windows));
    // With days in time order, the windows of the latest day so far are marked up to `marked`.
    let marked = -1;
    let latest = -Infinity;
    for (let k = start[u]; k < start[u + 1]; k++) {
      const d = days[k];
      const inOrder = d >= latest;
      const from = Math.max(0, d - firstEnd, inOrder ? marked + 1 : 0);
      const to = Math.min(windows - 1, d - firstEnd + windowDays - 1);
      for (let w = from; w <= to; w++) a[w] = 1;
      if (inOrder) {
        marked = Math.max(marked, to);
        latest = d;
      }
    }
  }
  return active;
}
