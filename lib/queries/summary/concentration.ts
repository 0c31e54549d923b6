import type { Kysely } from 'kysely';
import { absenceFactor, gini, topShare } from '../../analysis/inequality';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParams, type AuditParamsInput } from '../audit-params';
import { guildColumns, scopedIndexes, type GuildColumns } from '../columns';
import type { QueryDefinition } from '../query-definition';

/** How concentrated the conversation is among communicators. */
export interface ConcentrationRow {
  /** Gini coefficient of communicators' message counts (members who sent nothing are not in it). */
  gini: number;
  /** Share of messages from the top 1% of communicators (at least one). */
  top1Share: number;
  /** Share of messages from the top 10% of communicators (at least one). */
  top10Share: number;
  /** The fewest communicators whose messages together reach half of all messages. */
  absenceFactor: number;
  communicators: number;
  messages: number;
}

/** Message count per communicator in scope, largest first (ties by user ID). */
export async function messagesPerAuthor(db: Kysely<Database>, params: AuditParams): Promise<Array<{ user: string; messages: number }>> {
  const columns = await guildColumns(db, params.guild);
  const perUser = await countsPerUser(db, columns, params);
  const rows: Array<{ user: string; messages: number }> = [];
  for (let u = 0; u < perUser.length; u++) if (perUser[u] > 0) rows.push({ user: columns.users.ids[u], messages: perUser[u] });
  return rows.sort((a, b) => b.messages - a.messages || (a.user < b.user ? -1 : 1));
}

/** Counted messages per user number (0 for users who sent none in scope). */
async function countsPerUser(db: Kysely<Database>, columns: GuildColumns, params: AuditParams): Promise<Int32Array> {
  const author = columns.messages.author;
  const perUser = new Int32Array(columns.users.ids.length);
  for (const i of await scopedIndexes(db, columns, params)) perUser[author[i]]++;
  return perUser;
}

/**
 * Concentration of messages, after CHAOSS: top 1% / 10% share, Gini coefficient and contributor
 * absence factor, over the message counts of the period's communicators.
 *
 * @example
 * const [c] = await concentration(db, { guild });
 */
export async function concentration(db: Kysely<Database>, input: AuditParamsInput): Promise<ConcentrationRow[]> {
  const params = await resolveAuditParams(db, input);
  // Order does not matter to the measures: no need for messagesPerAuthor's sorted rows.
  const counts = Array.from((await countsPerUser(db, await guildColumns(db, params.guild), params)).filter((n) => n > 0));
  return [{
    gini: gini(counts),
    top1Share: topShare(counts, 0.01),
    top10Share: topShare(counts, 0.1),
    absenceFactor: absenceFactor(counts),
    communicators: counts.length,
    messages: counts.reduce((a, b) => a + b, 0),
  }];
}

export const concentrationQuery: QueryDefinition = {
  name: 'concentration',
  summary: 'Gini, top 1% / 10% share and contributor absence factor of messages per communicator',
  follows: 'CHAOSS contributor absence factor and concentration; Gini over communicators only',
  scope: 'guild',
  params: [],
  run: concentration,
};
