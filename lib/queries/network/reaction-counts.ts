import type { Kysely } from 'kysely';
import { byId } from '../../analysis/id-order';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { scopedMessages } from '../message-scope';

/** Reactions of one member to another's messages in one channel with one emoji. */
export interface ReactionCount {
  reactor: string;
  author: string;
  /** The channel (or thread) of the message reacted to. */
  channel: string;
  /** `reactions.emoji_key`: a custom emoji's ID, or the Unicode emoji itself. */
  emoji: string;
  count: number;
}

/** Listed reactions by reactor, author, channel and emoji; and listed reactors per author. */
export interface ReactionCounts {
  /** Self-reactions and excluded accounts left out; sorted by reactor, author, channel, emoji. */
  counts: ReactionCount[];
  /** Listed reactors per author, self-reactions and excluded reactors included (see `unlistedReactions`). */
  listedReactions: Map<string, number>;
}

/**
 * Listed reactions (the archive names the reacting member) to messages in scope, grouped by
 * reactor, author, channel and emoji. Sorted, so sums over weights come out the same on every
 * engine.
 *
 * @example
 * const { counts } = await reactionCounts(db, params, excluded);
 */
export async function reactionCounts(db: Kysely<Database>, params: AuditParams, excluded: ReadonlySet<string>): Promise<ReactionCounts> {
  const rows = await scopedMessages(db, { ...params, includeBots: true, includeStaff: true })
    .innerJoin('reaction_users as ru', 'ru.message_id', 'm.id')
    .select((eb) => ['ru.user_id as reactor', 'm.author_id as author', 'm.channel_id as channel', 'ru.emoji_key as emoji', eb.fn.countAll<number>().as('n')])
    .groupBy(['ru.user_id', 'm.author_id', 'm.channel_id', 'ru.emoji_key'])
    .execute();
  const listedReactions = new Map<string, number>();
  for (const r of rows) listedReactions.set(r.author, (listedReactions.get(r.author) ?? 0) + Number(r.n));
  const counts = rows
    .filter((r) => r.reactor !== r.author && !excluded.has(r.reactor) && !excluded.has(r.author))
    .map((r) => ({ reactor: r.reactor, author: r.author, channel: r.channel, emoji: r.emoji, count: Number(r.n) }))
    .sort((a, b) => byId(a.reactor, b.reactor) || byId(a.author, b.author) || byId(a.channel, b.channel) || byId(a.emoji, b.emoji));
  return { counts, listedReactions };
}
