/** network metrics (being written). */
import type { QueryDefinition } from '../query-definition';

export const networkQueries: QueryDefinition[] = [];
