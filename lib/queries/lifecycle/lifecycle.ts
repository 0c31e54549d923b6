import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import type { QueryDefinition } from '../query-definition';
import { dayToIso } from '../time-buckets';
import { lifecycleData, lifecycleOptions, type LifecycleOptionsInput } from './lifecycle-data';
import { periodStates } from './period-states';

/** Members in each TogetherCrew category for the window ending on `day`. */
export interface LifecycleRow {
  /** Last day of the window (local day in the time zone), and its first day. */
  day: string;
  windowStart: string;
  /** Members whose join notice falls in the window (the archive's joins; leaves are never recorded). */
  joined: number;
  active: number;
  connected: number;
  consistentlyActive: number;
  vital: number;
  newlyActive: number;
  paused: number;
  returned: number;
  disengaged: number;
  lurker: number;
}

export interface LifecycleInput extends AuditParamsInput, LifecycleOptionsInput {}

/**
 * TogetherCrew's member activity categories over windows of `windowDays` local days (default 7)
 * sliding by a day, one row every `stepDays` days. Interactions are replies, mentions and
 * reactions between members (network-edges explains each; a reaction takes the time of the
 * message reacted to). Following TogetherCrew's published definitions and analyzer defaults:
 * - active: at least one interaction in the window — made, or a reply or reaction received
 *   (being mentioned does not count: the member did nothing);
 * - connected: at least 5 interactions (both directions, all kinds) with each of at least 5
 *   other members in the window (connectedInteractions, connectedPeers);
 * - consistently active: active in at least 3 of the last 4 windows (this one, one window ago,
 *   two and three windows ago: windows that do not overlap);
 * - vital: connected in at least 3 of the last 4 windows;
 * - newly active: active, and one window ago neither active, paused, disengaged nor back from a
 *   pause: in effect active for the first time since the period's windows began (everyone
 *   active in the first `windowDays` windows counts, as they have no window before them);
 * - paused: active one window ago, not active now;
 * - disengaged: paused one window ago and still not active (so two windows without activity
 *   after being active), staying disengaged until active again;
 * - returned: disengaged one window ago and active now;
 * - lurker: joined in the period (by the archive's join notice) and not active since.
 * Paused needs one window of history and disengaged and returned two: the first rows show
 * none. The first row is the period's first full window.
 *
 * @example
 * const rows = await lifecycle(db, { guild: '755126265953910784', timeZone: 'Europe/Berlin' });
 */
export async function lifecycle(db: Kysely<Database>, input: LifecycleInput): Promise<LifecycleRow[]> {
  const options = lifecycleOptions(input);
  const params = await resolveAuditParams(db, input);
  const data = await lifecycleData(db, params, options);
  const { counts } = periodStates(data, options.windowDays);

  const joinsPerDay = new Map<number, number>();
  for (const d of data.joinDays.values()) joinsPerDay.set(d, (joinsPerDay.get(d) ?? 0) + 1);
  const rows: LifecycleRow[] = [];
  for (let w = 0; w < data.windows; w += options.stepDays) {
    const end = data.firstEnd + w;
    let joined = 0;
    for (let d = end - options.windowDays + 1; d <= end; d++) joined += joinsPerDay.get(d) ?? 0;
    rows.push({
      day: dayToIso(end),
      windowStart: dayToIso(end - options.windowDays + 1),
      joined,
      active: counts.active[w],
      connected: counts.connected[w],
      consistentlyActive: counts.consistentlyActive[w],
      vital: counts.vital[w],
      newlyActive: counts.newlyActive[w],
      paused: counts.paused[w],
      returned: counts.returned[w],
      disengaged: counts.disengaged[w],
      lurker: counts.lurker[w],
    });
  }
  return rows;
}

export const LIFECYCLE_PARAMS: QueryDefinition['params'] = [
  { name: 'windowDays', type: 'number', default: 7, description: 'days in a window; "a window ago" is this many days back' },
  { name: 'stepDays', type: 'number', default: 1, description: 'days between rows' },
  { name: 'connectedInteractions', type: 'number', default: 5, description: 'interactions with a peer in a window for the peer to count towards connected' },
  { name: 'connectedPeers', type: 'number', default: 5, description: 'such peers needed to be connected' },
];

export const lifecycleQuery: QueryDefinition = {
  name: 'lifecycle',
  summary: 'Per day: members active, connected, consistently active, vital, newly active, paused, returned, disengaged, lurking (7-day windows)',
  follows: 'TogetherCrew member activity categories (analyzer defaults), 7-day windows sliding by a day in the local time zone',
  scope: 'guild',
  params: LIFECYCLE_PARAMS,
  run: lifecycle,
};
