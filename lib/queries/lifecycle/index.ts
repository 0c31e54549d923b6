/** Member lifecycle: Orbit levels and TogetherCrew's activity categories over sliding windows. */
import type { QueryDefinition } from '../query-definition';
import { lifecycleQuery } from './lifecycle';
import { lifecycleMembersQuery } from './lifecycle-members';
import { orbitLevelCountsQuery, orbitLevelsQuery } from './orbit-levels';

export * from './lifecycle';
export * from './lifecycle-members';
export * from './orbit-levels';
export { CATEGORIES, type Category } from './togethercrew-states';

export const lifecycleQueries: QueryDefinition[] = [orbitLevelsQuery, orbitLevelCountsQuery, lifecycleQuery, lifecycleMembersQuery];
