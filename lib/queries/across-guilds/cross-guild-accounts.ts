import { sql, type Kysely } from 'kysely';
import { CONVERSATIONAL_KINDS } from '../../archives/message-kinds';
import type { Database } from '../../database/schema';
import { flag } from '../audit-params';
import type { QueryDefinition } from '../query-definition';
import { compareIds } from '../compare-ids';
import { numberParam } from '../param-values';

/** Parameters of `cross-guild-accounts`. */
export interface CrossGuildAccountsInput {
  /** Fewest guilds an account must be seen in (default 2). */
  minGuilds?: number | string;
  /** List bot and webhook accounts too (default false). */
  includeBots?: boolean | string;
}

/** One account's presence in one guild. */
export interface AccountInGuild {
  guild: string;
  guildName: string;
  nickname: string | null;
  /** Conversational messages there (system notices apart). */
  messages: number;
}

/** An account seen in several guilds. */
export interface CrossGuildAccountRow {
  userId: string;
  name: string;
  displayName: string | null;
  bot: boolean;
  guildCount: number;
  /** Guild IDs and names, in guild-ID order (the same order as `perGuild`). */
  guildIds: string[];
  guildNames: string[];
  /** Messages in all these guilds together. */
  messages: number;
  perGuild: AccountInGuild[];
}

/**
 * Accounts seen in two or more guilds, after the project's "identity across servers" definition:
 * a Discord user ID is one account everywhere. Seen = the archive holds them as a member of the
 * guild (they posted, reacted, were mentioned or used a command there). Messages are
 * conversational messages (system notices apart), per guild and in total. Accounts that may be
 * the same person under different IDs are not guessed here. Most guilds first, then most
 * messages, then user ID.
 *
 * @example
 * const rows = await crossGuildAccounts(db, { minGuilds: 3 });
 * rows[0].guildNames, rows[0].perGuild[0].messages
 */
export async function crossGuildAccounts(db: Kysely<Database>, input: CrossGuildAccountsInput = {}): Promise<CrossGuildAccountRow[]> {
  const minGuilds = numberParam(input.minGuilds, 'minGuilds', { default: 2, min: 2, max: 1_000_000, integer: true });
  const includeBots = flag(input.includeBots, 'includeBots');

  let spread = db
    .selectFrom('members as mb')
    .innerJoin('users as u', 'u.id', 'mb.user_id')
    .select('mb.user_id')
    .groupBy('mb.user_id')
    .having(sql<number>`count(*)`, '>=', minGuilds);
  if (!includeBots) spread = spread.where('u.is_bot', '=', 0);

  const memberships = await db
    .selectFrom('members as mb')
    .innerJoin('users as u', 'u.id', 'mb.user_id')
    .innerJoin('guilds as g', 'g.id', 'mb.guild_id')
    .select(['mb.user_id', 'u.name', 'u.display_name', 'u.is_bot', 'mb.guild_id', 'g.name as guild_name', 'mb.nickname'])
    .where('mb.user_id', 'in', spread)
    .execute();
  // No account in enough guilds (always so in a database of one guild): the message counts would
  // find nothing, at a cost (PostgreSQL plans parallel workers that each hash the users table).
  if (memberships.length === 0) return [];
  const counts = await db
    .selectFrom('messages as m')
    .select(['m.author_id', 'm.guild_id', sql<number>`count(*)`.as('n')])
    .where('m.author_id', 'in', spread)
    .where('m.kind', 'in', [...CONVERSATIONAL_KINDS])
    .groupBy(['m.author_id', 'm.guild_id'])
    .execute();
  const messages = new Map(counts.map((c) => [`${c.author_id}:${c.guild_id}`, Number(c.n)]));

  const byUser = new Map<string, typeof memberships>();
  for (const m of memberships) {
    const list = byUser.get(m.user_id);
    if (list) list.push(m);
    else byUser.set(m.user_id, [m]);
  }
  return [...byUser.values()]
    .map((list): CrossGuildAccountRow => {
      const perGuild = list
        .map((m) => ({ guild: m.guild_id, guildName: m.guild_name, nickname: m.nickname, messages: messages.get(`${m.user_id}:${m.guild_id}`) ?? 0 }))
        .sort((a, b) => compareIds(a.guild, b.guild));
      const u = list[0];
      return {
        userId: u.user_id,
        name: u.name,
        displayName: u.display_name,
        bot: u.is_bot === 1,
        guildCount: perGuild.length,
        guildIds: perGuild.map((g) => g.guild),
        guildNames: perGuild.map((g) => g.guildName),
        messages: perGuild.reduce((sum, g) => sum + g.messages, 0),
        perGuild,
      };
    })
    .sort((a, b) => b.guildCount - a.guildCount || b.messages - a.messages || compareIds(a.userId, b.userId));
}

export const crossGuildAccountsQuery: QueryDefinition = {
  name: 'cross-guild-accounts',
  summary: 'Accounts seen in two or more guilds: guilds, names, messages per guild',
  follows: 'Identity across servers: a Discord user ID is the same account in every guild',
  scope: 'global',
  params: [
    { name: 'minGuilds', type: 'number', default: 2, description: 'fewest guilds an account must be seen in' },
    { name: 'includeBots', type: 'boolean', default: false, description: 'list bots and webhooks too' },
  ],
  run: crossGuildAccounts,
};
