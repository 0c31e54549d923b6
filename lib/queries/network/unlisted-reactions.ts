import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { scopedMessages } from '../message-scope';

/** What the reactions table says of the messages in scope. */
export interface ReactionTotals {
  /** Reactions counted on each author's messages (the `count` Discord showed), excluded authors left out. */
  byAuthor: Map<string, number>;
  /** Name of each emoji key seen (a custom emoji's key is its ID). */
  emojiNames: Map<string, string>;
}

/**
 * Reaction counts per author of the message reacted to, and emoji names, in one grouped pass.
 *
 * @example
 * const totals = await reactionTotals(db, params, excluded);
 */
export async function reactionTotals(db: Kysely<Database>, params: AuditParams, excluded: ReadonlySet<string>): Promise<ReactionTotals> {
  const rows = await scopedMessages(db, { ...params, includeBots: true, includeStaff: true })
    .innerJoin('reactions as rx', 'rx.message_id', 'm.id')
    .select((eb) => ['m.author_id', 'rx.emoji_key', eb.fn.max('rx.emoji_name').as('name'), eb.fn.sum<number>('rx.count').as('counted')])
    .groupBy(['m.author_id', 'rx.emoji_key'])
    .execute();
  const byAuthor = new Map<string, number>();
  const emojiNames = new Map<string, string>();
  for (const r of rows) {
    emojiNames.set(r.emoji_key, String(r.name));
    if (!excluded.has(r.author_id)) byAuthor.set(r.author_id, (byAuthor.get(r.author_id) ?? 0) + Number(r.counted ?? 0));
  }
  return { byAuthor, emojiNames };
}

/**
 * Reactions the archive counts but whose reacting members it does not list, per author:
 * counted − listed. Old DiscordChatExporter versions list no reactors at all, and newer ones can
 * list fewer than the count (accounts gone, super reactions): such reactions cannot become
 * edges, so the queries say how many there are instead of guessing who reacted.
 *
 * @example
 * unlistedReactions(new Map([['u1', 5]]), new Map([['u1', 3]])) // Map { 'u1' => 2 }
 */
export function unlistedReactions(counted: ReadonlyMap<string, number>, listed: ReadonlyMap<string, number>): Map<string, number> {
  const unlisted = new Map<string, number>();
  for (const [author, n] of counted) {
    const missing = n - (listed.get(author) ?? 0);
    if (missing > 0) unlisted.set(author, missing);
  }
  return unlisted;
}
