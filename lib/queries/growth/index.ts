/** growth metrics (being written). */
import type { QueryDefinition } from '../query-definition';

export const growthQueries: QueryDefinition[] = [];
