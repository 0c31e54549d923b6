/** activity metrics (being written). */
import type { QueryDefinition } from '../query-definition';

export const activityQueries: QueryDefinition[] = [];
