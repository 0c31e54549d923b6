/** across-guilds metrics (being written). */
import type { QueryDefinition } from '../query-definition';

export const acrossGuildsQueries: QueryDefinition[] = [];
