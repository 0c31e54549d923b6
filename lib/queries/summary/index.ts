/** Headline figures of a guild: overview and concentration. */
import type { QueryDefinition } from '../query-definition';
import { concentrationQuery } from './concentration';
import { overviewQuery } from './overview';

export * from './concentration';
export * from './overview';

export const summaryQueries: QueryDefinition[] = [overviewQuery, concentrationQuery];
