import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../queries/audit-params';
import { guildSummaries, type GuildSummary } from '../queries/guild-summaries';
import { QueryParamError } from '../queries/query-error';
import { messagesPerAuthor } from '../queries/summary/concentration';

/**
 * The guild a notebook investigates: `guild` when given, else the guild with the most messages,
 * so every notebook runs on any database with nothing but defaults. An unknown ID is an error
 * that lists the guilds there are.
 *
 * @example
 * const g = await chooseGuild(db, guild); // guild = '' → the busiest guild
 */
export async function chooseGuild(db: Kysely<Database>, guild: string | null | undefined): Promise<GuildSummary> {
  const guilds = await guildSummaries(db);
  if (guilds.length === 0) throw new QueryParamError('the database holds no guild yet: import an archive first (guildaudit ingest)');
  if (!guild) return [...guilds].sort((a, b) => b.messages - a.messages || (a.id < b.id ? -1 : 1))[0];
  const found = guilds.find((g) => g.id === guild);
  if (!found) {
    throw new QueryParamError(`unknown guild '${guild}'; the database holds ${guilds.map((g) => `${g.id} (${g.name})`).join(', ')}`);
  }
  return found;
}

/**
 * The member a person-centred notebook looks at when none is given: the communicator with the
 * most counted messages in the period (ties: the lower ID), or null when nobody wrote anything.
 */
export async function mostActiveMember(db: Kysely<Database>, input: AuditParamsInput): Promise<string | null> {
  const [top] = await messagesPerAuthor(db, await resolveAuditParams(db, input));
  return top?.user ?? null;
}
