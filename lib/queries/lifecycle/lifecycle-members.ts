import type { Kysely } from 'kysely';
import { byId } from '../../analysis/id-order';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import { memberNames, nameOf } from '../network/member-names';
import { dayParam } from '../param-values';
import type { QueryDefinition } from '../query-definition';
import { QueryParamError } from '../query-error';
import { dayToIso } from '../time-buckets';
import { LIFECYCLE_PARAMS } from './lifecycle';
import { lifecycleData, lifecycleOptions, type LifecycleOptionsInput } from './lifecycle-data';
import { periodStates } from './period-states';
import type { Category } from './togethercrew-states';

/** One member's TogetherCrew categories in one window. */
export interface LifecycleMemberRow extends Record<Category, boolean> {
  user: string;
  name: string;
  /** Last day of the window. */
  day: string;
  /** When the member's join notice says they joined, if it falls in the period (ISO time). */
  joinedAt: string | null;
}

export interface LifecycleMembersInput extends AuditParamsInput, LifecycleOptionsInput {
  /** The window's last day, YYYY-MM-DD in the time zone (default: the period's last day). */
  day?: string;
}

/**
 * Each member's TogetherCrew categories in the window ending on `day` (default: the last
 * window of the period): the same definitions as `lifecycle`, whose counts these rows add up
 * to. Members in no category (never active, not joined in the period) have no row. By user ID.
 *
 * @example
 * const rows = await lifecycleMembers(db, { guild: '755126265953910784', day: '2024-03-01' });
 * rows.filter((r) => r.vital)
 */
export async function lifecycleMembers(db: Kysely<Database>, input: LifecycleMembersInput): Promise<LifecycleMemberRow[]> {
  const options = lifecycleOptions(input);
  const wanted = dayParam(input.day, 'day');
  const params = await resolveAuditParams(db, input);
  const data = await lifecycleData(db, params, options);
  const names = await memberNames(db, data.columns);
  if (data.windows === 0) {
    if (wanted === null) return [];
    throw new QueryParamError(`day: the period has no full ${options.windowDays}-day window`);
  }
  const last = data.firstEnd + data.windows - 1;
  const end = wanted ?? last;
  if (end < data.firstEnd || end > last) {
    throw new QueryParamError(`day must be between ${dayToIso(data.firstEnd)} and ${dayToIso(last)} (the period's full windows); got ${dayToIso(end)}`);
  }
  const { at } = periodStates(data, options.windowDays, end - data.firstEnd);
  return [...at!]
    .sort(([a], [b]) => byId(a, b))
    .map(([user, set]) => {
      const joined = data.joinedAt.get(user);
      return {
        user, name: nameOf(names, user), day: dayToIso(end), joinedAt: joined === undefined ? null : new Date(joined).toISOString(),
        active: set.has('active'), connected: set.has('connected'), consistentlyActive: set.has('consistentlyActive'), vital: set.has('vital'),
        newlyActive: set.has('newlyActive'), paused: set.has('paused'), returned: set.has('returned'), disengaged: set.has('disengaged'),
        lurker: set.has('lurker'),
      };
    });
}

export const lifecycleMembersQuery: QueryDefinition = {
  name: 'lifecycle-members',
  summary: "Per member: TogetherCrew categories in the window ending on a day (default the period's last)",
  follows: 'TogetherCrew member activity categories (see lifecycle)',
  scope: 'guild',
  params: [...LIFECYCLE_PARAMS.filter((p) => p.name !== 'stepDays'), { name: 'day', type: 'string', description: "the window's last day, YYYY-MM-DD (default: the period's last day)" }],
  run: lifecycleMembers,
};
