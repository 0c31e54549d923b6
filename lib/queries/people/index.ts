/** people metrics (being written). */
import type { QueryDefinition } from '../query-definition';

export const peopleQueries: QueryDefinition[] = [];
