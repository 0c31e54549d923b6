/**
 * TogetherCrew's member activity categories as a pure state machine over sliding windows, after
 * their analyzer's `assess_engagement` (default settings: paused for one window, consistently
 * active = active in 3 of the last 4 windows, vital = connected in 3 of the last 4).
 *
 * Windows are numbered 0..W−1, one per day; "a window ago" is `windowDays` windows back (the
 * previous, non-overlapping window), so the last 4 windows are w, w − 7, w − 14, w − 21 for
 * 7-day windows. Windows before 0 do not exist and count as empty.
 */

/** The categories, in the order rows show them. */
export const CATEGORIES = [
  'active', 'connected', 'consistentlyActive', 'vital', 'newlyActive', 'paused', 'returned', 'disengaged', 'lurker',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Consistently active and vital look back 4 windows (see `inMostOfLookback`); this many of them must qualify. */
const NEEDED = 3;

/** One member's raw facts per window. */
export interface MemberWindows {
  id: string;
  /** 1 where the member was active in window w (length W). */
  active: Uint8Array;
  /** 1 where the member was connected in window w; null when never. */
  connected: Uint8Array | null;
  /** Window whose last day is the join day (may be negative: joined before window 0 ended); null when no join is known. */
  joinWindow: number | null;
}

export interface LifecycleStates {
  /** Members in each category, per window. */
  counts: Record<Category, Int32Array>;
  /** Each member's categories at window `at`, when asked for; members in no category left out. */
  at: Map<string, Set<Category>> | null;
}

/**
 * Runs the categories over every window:
 * - active: given (≥ 1 interaction in the window); connected: given (see the query);
 * - consistently active / vital: active / connected in ≥ 3 of windows w, w − L, w − 2L, w − 3L;
 * - newly active: active now, and a window ago neither active, paused, disengaged nor unpaused
 *   (back from a pause): in effect active for the first time since the period's windows began
 *   (every active member in the first L windows, which have no window before them);
 * - paused: active a window ago, not now (from window L on);
 * - disengaged: paused a window ago and still inactive, or disengaged a window ago and still
 *   inactive (from window 2L on): so inactive for two windows after being active;
 * - returned: disengaged a window ago and active now;
 * - lurker: joined (join day on or before the window's last day) and not active in any window
 *   since the join.
 * L = `windowDays`. Works member by member, from their first activity, connection or join to
 * 3L windows after their last activity (the quiet rest repeats and is added up at the end).
 *
 * @example
 * const { counts } = lifecycleStates(members, 30, 7, null);
 * counts.active[29] // members active in the last window
 */
export function lifecycleStates(members: readonly MemberWindows[], windows: number, windowDays: number, at: number | null): LifecycleStates {
  const L = windowDays;
  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, new Int32Array(Math.max(0, windows))])) as Record<Category, Int32Array>;
  const { active, connected, consistentlyActive, vital, newlyActive, paused: pausedCount, returned, disengaged: disengagedCount, lurker } = counts;
  const states = at === null ? null : new Map<string, Set<Category>>();
  const paused = new Uint8Array(windows);
  const disengaged = new Uint8Array(windows);
  const unpaused = new Uint8Array(windows);
  // Quiet tails, added at the end: disengaged repeats every L windows, lurker stays (see below).
  const disengagedFrom = new Int32Array(windows);
  const lurkerFrom = new Int32Array(windows + 1);

  for (const m of members) {
    const a = m.active;
    const c = m.connected;
    let lurking = m.joinWindow !== null;
    const joinedFrom = m.joinWindow === null ? windows : Math.max(0, m.joinWindow);
    // Before a member's first activity, connection or join every category is empty: start there,
    // clearing the window of state flags that the first windows look back to.
    const first = Math.min(joinedFrom, firstFlagged(a, windows), c === null ? windows : firstFlagged(c, windows));
    for (let w = Math.max(0, first - L); w < first; w++) paused[w] = disengaged[w] = unpaused[w] = 0;
    // From 3L windows after the last activity or connection (and the join) nothing changes any
    // more but in steps of L: nobody is active, connected, consistent, vital, new, paused or back;
    // disengaged(w) = disengaged(w − L); lurking stays as it is.
    const lastEvent = Math.max(lastFlagged(a, windows), c === null ? -1 : lastFlagged(c, windows));
    const quiet = Math.max(3 * L, lastEvent + 3 * L + 1, joinedFrom);
    const end = Math.min(windows, quiet);
    for (let w = first; w < end; w++) {
      const act = a[w] === 1;
      let newly = false;
      let isPaused = false;
      let isReturned = false;
      let isDisengaged = false;
      let isUnpaused = false;
      if (w >= L) {
        const pPrev = paused[w - L] === 1;
        const dPrev = disengaged[w - L] === 1;
        newly = act && a[w - L] === 0 && !pPrev && !dPrev && unpaused[w - L] === 0;
        let current = (a[w - L] === 1 && !act) || pPrev;
        if (w >= 2 * L) {
          isUnpaused = pPrev && act;
          if (isUnpaused) current = false;
          isReturned = dPrev && act;
          isDisengaged = ((pPrev && current) || dPrev) && !isReturned;
          if (isDisengaged) current = false;
        }
        isPaused = current;
      } else {
        newly = act;
      }
      paused[w] = isPaused ? 1 : 0;
      disengaged[w] = isDisengaged ? 1 : 0;
      unpaused[w] = isUnpaused ? 1 : 0;
      if (w >= joinedFrom && act) lurking = false;

      const isConnected = c !== null && c[w] === 1;
      const isConsistent = inMostOfLookback(a, w, L);
      const isVital = c !== null && inMostOfLookback(c, w, L);
      const isLurker = lurking && w >= joinedFrom;
      if (act) active[w]++;
      if (isConnected) connected[w]++;
      if (isConsistent) consistentlyActive[w]++;
      if (isVital) vital[w]++;
      if (newly) newlyActive[w]++;
      if (isPaused) pausedCount[w]++;
      if (isReturned) returned[w]++;
      if (isDisengaged) disengagedCount[w]++;
      if (isLurker) lurker[w]++;
      if (states && w === at) {
        const flags: Record<Category, boolean> = {
          active: act, connected: isConnected, consistentlyActive: isConsistent, vital: isVital, newlyActive: newly,
          paused: isPaused, returned: isReturned, disengaged: isDisengaged, lurker: isLurker,
        };
        const set = new Set(CATEGORIES.filter((k) => flags[k]));
        if (set.size > 0) states.set(m.id, set);
      }
    }
    if (quiet >= windows) continue;
    for (let w = quiet; w < Math.min(windows, quiet + L); w++) disengagedFrom[w] += disengaged[w - L];
    if (lurking) lurkerFrom[quiet]++;
    if (states && at! >= quiet) {
      const set = new Set<Category>();
      if (disengaged[quiet - L + ((at! - quiet) % L)] === 1) set.add('disengaged');
      if (lurking) set.add('lurker');
      if (set.size > 0) states.set(m.id, set);
    }
  }
  let lurkers = 0;
  for (let w = 0; w < windows; w++) {
    if (w >= L) disengagedFrom[w] += disengagedFrom[w - L];
    disengagedCount[w] += disengagedFrom[w];
    lurkers += lurkerFrom[w];
    lurker[w] += lurkers;
  }
  return { counts, at: states };
}

/** The first window flagged, or `windows` when none is. */
function firstFlagged(flags: Uint8Array, windows: number): number {
  const w = flags.indexOf(1);
  return w < 0 ? windows : w;
}

/** The last window flagged, or -1 when none is. */
function lastFlagged(flags: Uint8Array, windows: number): number {
  for (let w = windows - 1; w >= 0; w--) if (flags[w] === 1) return w;
  return -1;
}

/** At least `NEEDED` of the 4 windows w, w − L, w − 2L, w − 3L (those that exist) flagged. */
function inMostOfLookback(flags: Uint8Array, w: number, L: number): boolean {
  let n = flags[w];
  if (w >= L) n += flags[w - L];
  if (w >= 2 * L) n += flags[w - 2 * L];
  if (w >= 3 * L) n += flags[w - 3 * L];
  return n >= NEEDED;
}
