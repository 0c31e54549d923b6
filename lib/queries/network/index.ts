/** Interaction network: edges, network shape, members' places in it, contributor scores. */
import type { QueryDefinition } from '../query-definition';
import { contributorScoresQuery } from './contributor-scores';
import { networkEdgesQuery } from './network-edges';
import { networkMembersQuery } from './network-members';
import { networkSummaryQuery } from './network-summary';

export * from './contributor-scores';
export * from './interactions';
export * from './network-edges';
export * from './network-members';
export * from './network-summary';
export type { ScoreBreakdown } from './score-breakdown';

export const networkQueries: QueryDefinition[] = [networkEdgesQuery, networkSummaryQuery, networkMembersQuery, contributorScoresQuery];
