/** lifecycle metrics (being written). */
import type { QueryDefinition } from '../query-definition';

export const lifecycleQueries: QueryDefinition[] = [];
