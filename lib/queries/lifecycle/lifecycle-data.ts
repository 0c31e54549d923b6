import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { excludedUsers } from '../network/excluded-users';
import { interactionRows, type PairCount } from '../network/interactions';
import { numberParam } from '../param-values';
import { DAY_MS, localTime } from '../time-buckets';
import { toLocal, type OffsetSegment } from '../time-zone';
import type { MemberWindows } from './togethercrew-states';

/** The lifecycle queries' own parameters, as callers pass them (CLI strings welcome). */
export interface LifecycleOptionsInput {
  /** Days in a window (default 7); "a window ago" is this many days back. */
  windowDays?: number | string;
  /** Days between rows (default 1: a row per day). */
  stepDays?: number | string;
  /** Interactions with one peer in a window for that peer to count towards connected (default 5). */
  connectedInteractions?: number | string;
  /** Such peers needed to be connected (default 5). */
  connectedPeers?: number | string;
}

export interface LifecycleOptions {
  windowDays: number;
  stepDays: number;
  connectedInteractions: number;
  connectedPeers: number;
}

/**
 * Checks the lifecycle parameters (whole numbers: windowDays 1–90, the others >= 1).
 *
 * @example
 * lifecycleOptions({ windowDays: '7' }) // { windowDays: 7, stepDays: 1, connectedInteractions: 5, connectedPeers: 5 }
 */
export function lifecycleOptions(input: LifecycleOptionsInput): LifecycleOptions {
  return {
    windowDays: numberParam(input.windowDays, 'windowDays', { default: 7, min: 1, max: 90, integer: true }),
    stepDays: numberParam(input.stepDays, 'stepDays', { default: 1, min: 1, integer: true }),
    connectedInteractions: numberParam(input.connectedInteractions, 'connectedInteractions', { default: 5, min: 1, integer: true }),
    connectedPeers: numberParam(input.connectedPeers, 'connectedPeers', { default: 5, min: 1, integer: true }),
  };
}

/** What the lifecycle state machine runs on. */
export interface LifecycleData {
  /** Local day number of window 0's last day; window w ends on `firstEnd + w`. */
  firstEnd: number;
  /** Number of windows (0 when the period is shorter than one window). */
  windows: number;
  members: MemberWindows[];
  /** Local join day of members whose join notice falls in the period. */
  joinDays: Map<string, number>;
  /** Join times (epoch ms) of the same members. */
  joinedAt: Map<string, number>;
}

/**
 * Loads a period's daily interactions and joins and turns them into windows per member:
 * - the period runs from the local day of `from` (else the first day with an interaction or a
 *   join) to the local day before `to` (else the last such day); window 0 is its first full
 *   window, so there is one window per day from the period's `windowDays`-th day on;
 * - a member is active in a window with at least one interaction of theirs in it: replies,
 *   mentions and reactions they made, replies and reactions they received (being mentioned is
 *   no act of theirs, as in TogetherCrew's analyzer);
 * - a member is connected in a window when, with at least `connectedPeers` other members, they
 *   exchanged at least `connectedInteractions` interactions (both directions, all kinds);
 * - joins are the first join notice (`members.joined_at`) when it falls in the period; the
 *   archive has no leave events, so nobody is known to have left.
 *
 * @example
 * const data = await lifecycleData(db, params, lifecycleOptions({}));
 */
export async function lifecycleData(db: Kysely<Database>, params: AuditParams, options: LifecycleOptions): Promise<LifecycleData> {
  const excluded = await excludedUsers(db, params);
  const t = await localTime(db, params);
  const [rows, joins] = await Promise.all([interactionRows(db, params, { excluded, byDay: t }), joinsInPeriod(db, params)]);
  const all = [...rows.replies, ...rows.mentions, ...rows.reactions];
  const day = (ms: number) => localDay(ms, t.segments);

  const joinDays = new Map<string, number>();
  const joinedAt = new Map<string, number>();
  for (const j of joins) {
    if (excluded.has(j.user_id) || j.joined_at === null) continue;
    joinDays.set(j.user_id, day(Number(j.joined_at)));
    joinedAt.set(j.user_id, Number(j.joined_at));
  }
  const days = [...all.map((c) => c.day!), ...joinDays.values()];
  const start = params.from !== null ? day(params.from) : days.reduce((a, b) => Math.min(a, b), Infinity);
  const end = params.to !== null ? day(params.to - 1) : days.reduce((a, b) => Math.max(a, b), -Infinity);
  const L = options.windowDays;
  const firstEnd = start + L - 1;
  const windows = Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, end - firstEnd + 1) : 0;

  const index = new Map<string, number>();
  const ids: string[] = [];
  const member = (id: string) => {
    let i = index.get(id);
    if (i === undefined) {
      index.set(id, (i = ids.length));
      ids.push(id);
    }
    return i;
  };
  const active: Uint8Array[] = [];
  const markActive = (i: number, d: number) => {
    const a = (active[i] ??= new Uint8Array(windows));
    for (let w = Math.max(0, d - firstEnd); w <= Math.min(windows - 1, d - firstEnd + L - 1); w++) a[w] = 1;
  };

  // Interactions per unordered pair and day, as flat [day, n, day, n, ...] lists.
  const BIG = 2 ** 21;
  const pairDays = new Map<number, number[]>();
  const pairTotals = new Map<number, number>();
  const fold = (list: readonly PairCount[], targetActs: boolean) => {
    for (const c of list) {
      const s = member(c.source);
      const r = member(c.target);
      const d = c.day!;
      markActive(s, d);
      if (targetActs) markActive(r, d);
      const key = Math.min(s, r) * BIG + Math.max(s, r);
      const pair = pairDays.get(key);
      if (pair) pair.push(d, c.n);
      else pairDays.set(key, [d, c.n]);
      pairTotals.set(key, (pairTotals.get(key) ?? 0) + c.n);
    }
  };
  // A reply or reaction received is an act of the receiver too; being mentioned is not.
  fold(rows.replies, true);
  fold(rows.reactions, true);
  fold(rows.mentions, false);
  if (ids.length >= BIG) throw new RangeError(`too many members for the lifecycle (${ids.length})`);

  const peers: Uint16Array[] = [];
  for (const [key, list] of pairDays) {
    if (pairTotals.get(key)! < options.connectedInteractions) continue;
    const lo = Math.floor(key / BIG);
    const hi = key % BIG;
    for (const [from, to] of strongSpans(list, L, options.connectedInteractions)) {
      for (let w = Math.max(0, from - firstEnd); w <= Math.min(windows - 1, to - firstEnd); w++) {
        (peers[lo] ??= new Uint16Array(windows))[w]++;
        (peers[hi] ??= new Uint16Array(windows))[w]++;
      }
    }
  }

  for (const id of joinDays.keys()) member(id);
  const members = ids.map((id, i): MemberWindows => {
    const p = peers[i];
    const connected = p ? Uint8Array.from(p, (n) => (n >= options.connectedPeers ? 1 : 0)) : null;
    const join = joinDays.get(id);
    return { id, active: active[i] ?? new Uint8Array(windows), connected, joinWindow: join === undefined ? null : join - firstEnd };
  });
  return { firstEnd, windows, members, joinDays, joinedAt };
}

/**
 * Spans of window end days [from, to] over which a pair's interactions in the window (the
 * `windowDays` days ending that day) reach `threshold`: a sweep over the days where the sum
 * changes (a day's interactions enter on that day and leave `windowDays` later).
 */
function strongSpans(list: readonly number[], windowDays: number, threshold: number): Array<[number, number]> {
  const events = new Map<number, number>();
  for (let i = 0; i < list.length; i += 2) {
    events.set(list[i], (events.get(list[i]) ?? 0) + list[i + 1]);
    events.set(list[i] + windowDays, (events.get(list[i] + windowDays) ?? 0) - list[i + 1]);
  }
  const days = [...events.keys()].sort((a, b) => a - b);
  const spans: Array<[number, number]> = [];
  let sum = 0;
  for (let k = 0; k < days.length - 1; k++) {
    sum += events.get(days[k])!;
    if (sum >= threshold) spans.push([days[k], days[k + 1] - 1]);
  }
  return spans;
}

/** Local day number of an instant. */
export function localDay(ms: number, segments: readonly OffsetSegment[]): number {
  return Math.floor(toLocal(ms, segments) / DAY_MS);
}

function joinsInPeriod(db: Kysely<Database>, params: AuditParams) {
  let q = db.selectFrom('members').select(['user_id', 'joined_at']).where('guild_id', '=', params.guild).where('joined_at', 'is not', null);
  if (params.from !== null) q = q.where('joined_at', '>=', params.from);
  if (params.to !== null) q = q.where('joined_at', '<', params.to);
  return q.execute();
}
