/** Growth and retention: joins, first-seen members, new-member activation and cohort retention. */
import type { QueryDefinition } from '../query-definition';
import { activationQuery } from './activation';
import { joinsQuery } from './joins';
import { newMembersQuery } from './new-members';
import { retentionQuery } from './retention';

export * from './activation';
export * from './first-sightings';
export * from './joins';
export * from './new-members';
export * from './retention';

export const growthQueries: QueryDefinition[] = [joinsQuery, activationQuery, newMembersQuery, retentionQuery];
