/** responsiveness metrics (being written). */
import type { QueryDefinition } from '../query-definition';

export const responsivenessQueries: QueryDefinition[] = [];
