import { PARAMETER_SETS_KEPT, perColumnsAndKey } from '../columns/columns-memo';
import type { LifecycleData } from './lifecycle-data';
import { lifecycleStates, type LifecycleStates } from './togethercrew-states';

const kept = perColumnsAndKey<LifecycleStates>(PARAMETER_SETS_KEPT);

/**
 * `lifecycleStates` of the data's members with their categories at window `at` — by default the
 * last window, the one lifecycle-members shows unless given a day — worked out once per data and
 * window and shared, so lifecycle's counts and lifecycle-members' default rows come from one pass
 * over the windows. Read-only.
 *
 * @example
 * const { counts } = periodStates(data, options.windowDays);
 */
export function periodStates(data: LifecycleData, windowDays: number, at = data.windows - 1): LifecycleStates {
  return kept(data.columns, `${data.key}|${at}`, () => lifecycleStates(data.members, data.windows, windowDays, at));
}
