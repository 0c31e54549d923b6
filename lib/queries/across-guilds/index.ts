/** Across guilds: the same accounts in several guilds (Discord user IDs are global). */
import type { QueryDefinition } from '../query-definition';
import { crossGuildAccountsQuery } from './cross-guild-accounts';
import { memberOverlapQuery } from './member-overlap';

export * from './cross-guild-accounts';
export * from './member-overlap';

export const acrossGuildsQueries: QueryDefinition[] = [memberOverlapQuery, crossGuildAccountsQuery];
