import type { Kysely } from 'kysely';
import { absenceFactor, gini, topShare } from '../../analysis/inequality';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParams, type AuditParamsInput } from '../audit-params';
import { scopedMessages } from '../message-scope';
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
  const rows = await scopedMessages(db, params)
    .select((eb) => ['m.author_id', eb.fn.countAll<number>().as('n')])
    .groupBy('m.author_id')
    .execute();
  return rows
    .map((r) => ({ user: r.author_id, messages: Number(r.n) }))
    .sort((a, b) => b.messages - a.messages || (a.user < b.user ? -1 : 1));
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
  const counts = (await messagesPerAuthor(db, params)).map((r) => r.messages);
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
