/** Responsiveness metrics (Common Room, CHAOSS): time to first response and conversations. */
import type { QueryDefinition } from '../query-definition';
import { conversationsQuery } from './conversations';
import { responsivenessQuery } from './responsiveness';

export * from './conversations';
export * from './responsiveness';

export const responsivenessQueries: QueryDefinition[] = [responsivenessQuery, conversationsQuery];
