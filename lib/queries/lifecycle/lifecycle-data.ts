import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import type { GuildColumns } from '../columns';
import { PARAMETER_SETS_KEPT, perColumnsAndKey } from '../columns/columns-memo';
import { zoneSegments } from '../columns/zone-segments';
import { periodInteractions, type PeriodInteractions } from '../network/period-interactions';
import { numberParam } from '../param-values';
import { DAY_MS } from '../time-buckets';
import { toLocal, type OffsetSegment } from '../time-zone';
import { activeWindows } from './active-windows';
import { connectedPeers } from './connected-peers';
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

/** What the lifecycle state machine runs on. Shared: read-only. */
export interface LifecycleData {
  columns: GuildColumns;
  /** Names the interactions, zone and options these were made from: the key of anything derived from them. */
  key: string;
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

/** The interactions' local days, and the first and last of them (±Infinity without any). */
interface EventDays {
  day: Int32Array;
  first: number;
  last: number;
}

// Kept per interactions, zone and options, so lifecycle and lifecycle-members share them.
const kept = perColumnsAndKey<Promise<LifecycleData>>(PARAMETER_SETS_KEPT);

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
 * Worked out once per columns, parameters (the period, channels and accounts left out; the
 * zone) and options (`stepDays` plays no part), and shared: read-only.
 *
 * @example
 * const data = await lifecycleData(db, params, lifecycleOptions({}));
 */
export async function lifecycleData(db: Kysely<Database>, params: AuditParams, options: LifecycleOptions): Promise<LifecycleData> {
  const interactions = await periodInteractions(db, params);
  const { windowDays, connectedInteractions, connectedPeers } = options;
  const key = `${interactions.key}|${params.timeZone}|${windowDays}|${connectedInteractions}|${connectedPeers}`;
  return kept(interactions.columns, key, () => windowsOf(db, params, options, interactions, key));
}

/** The work behind `lifecycleData`: joins, event days, each member's windows. */
async function windowsOf(db: Kysely<Database>, params: AuditParams, options: LifecycleOptions, interactions: PeriodInteractions, key: string): Promise<LifecycleData> {
  const { columns, excluded, events } = interactions;
  const joins = await joinsInPeriod(db, params);
  const segments = zoneSegments(columns, params.timeZone);
  const { ids, index } = columns.users;
  const days = eventDays(columns.messages.sentAt, events.message, segments);

  const joinDays = new Map<string, number>();
  const joinedAt = new Map<string, number>();
  for (const j of joins) {
    const u = index.get(j.user_id);
    if ((u !== undefined && excluded[u] === 1) || j.joined_at === null) continue;
    joinDays.set(j.user_id, localDay(Number(j.joined_at), segments));
    joinedAt.set(j.user_id, Number(j.joined_at));
  }
  let { first, last } = days;
  for (const d of joinDays.values()) {
    first = Math.min(first, d);
    last = Math.max(last, d);
  }
  const start = params.from !== null ? localDay(params.from, segments) : first;
  const end = params.to !== null ? localDay(params.to - 1, segments) : last;
  const L = options.windowDays;
  const firstEnd = start + L - 1;
  const windows = Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, end - firstEnd + 1) : 0;

  const span = { firstEnd, windows, windowDays: L };
  const active = activeWindows(events, days.day, ids.length, span);
  const peers = connectedPeers(events, days.day, ids.length, span, options.connectedInteractions);
  // A member is in the lifecycle once at either end of an interaction, or by joining.
  const isMember = new Uint8Array(ids.length);
  for (let e = 0; e < events.count; e++) isMember[events.source[e]] = isMember[events.target[e]] = 1;
  const members: MemberWindows[] = [];
  const member = (id: string, u: number | undefined) => {
    const p = u === undefined ? undefined : peers[u];
    const join = joinDays.get(id);
    let connected: Uint8Array | null = null;
    if (p) {
      connected = new Uint8Array(windows);
      for (let w = 0; w < windows; w++) connected[w] = p[w] >= options.connectedPeers ? 1 : 0;
    }
    members.push({
      id, active: (u === undefined ? undefined : active[u]) ?? new Uint8Array(windows), connected,
      joinWindow: join === undefined ? null : join - firstEnd,
    });
  };
  for (let u = 0; u < ids.length; u++) if (isMember[u] === 1 || joinDays.has(ids[u])) member(ids[u], u);
  for (const id of joinDays.keys()) if (!index.has(id)) member(id, undefined);
  return { columns, key, firstEnd, windows, members, joinDays, joinedAt };
}

/** Local day number of the message at each position, walking the zone's offsets in time order. */
function eventDays(sentAt: Float64Array, positions: Int32Array, segments: readonly OffsetSegment[]): EventDays {
  const day = new Int32Array(positions.length);
  let first = Infinity;
  let last = -Infinity;
  let s = 0;
  for (let k = 0; k < positions.length; k++) {
    const t = sentAt[positions[k]];
    while (s + 1 < segments.length && segments[s + 1].start <= t) s++;
    const d = (day[k] = Math.floor((t + segments[s].offsetMs) / DAY_MS));
    if (d < first) first = d;
    if (d > last) last = d;
  }
  return { day, first, last };
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
