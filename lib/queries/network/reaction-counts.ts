import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { scopedIndexes, type GuildColumns } from '../columns';
import { idRanks } from '../columns/id-ranks';
import { reactorEmojis, type ReactorEmojis } from '../columns/reactor-emojis';
import { countingOrder } from './counting-order';

/**
 * Listed reactions by reactor, author, channel (of the message reacted to) and emoji: one entry
 * per group, users and channels by the columns' numbers, emojis by `emojis`' numbers.
 */
export interface ReactionCounts {
  count: number;
  /** Self-reactions and excluded accounts left out; sorted by reactor, author, channel ID, then emoji key. */
  reactor: Int32Array;
  author: Int32Array;
  channel: Int32Array;
  emoji: Int32Array;
  n: Int32Array;
  /** Listed reactors per author (user number), self-reactions and excluded reactors included (see `unlistedReactions`). */
  listedReactions: Int32Array;
  emojis: ReactorEmojis;
}

/**
 * Listed reactions (the archive names the reacting member) to messages in scope, grouped by
 * reactor, author, channel and emoji with counting sorts on ID ranks. Sorted, so sums over
 * weights come out the same on every engine.
 *
 * @example
 * const reactions = await reactionCounts(db, columns, params, excluded);
 */
export async function reactionCounts(db: Kysely<Database>, columns: GuildColumns, params: AuditParams, excluded: Uint8Array): Promise<ReactionCounts> {
  const m = columns.messages;
  const { start, values } = columns.reactors;
  const emojis = await reactorEmojis(db, columns);
  const scoped = await scopedIndexes(db, columns, { ...params, includeBots: true, includeStaff: true });
  const listedReactions = new Int32Array(columns.users.ids.length);
  let capacity = 0;
  for (const i of scoped) capacity += start[i + 1] - start[i];
  const reactor = new Int32Array(capacity);
  const author = new Int32Array(capacity);
  const channel = new Int32Array(capacity);
  const emoji = new Int32Array(capacity);
  let n = 0;
  for (const i of scoped) {
    const a = m.author[i];
    listedReactions[a] += start[i + 1] - start[i];
    if (excluded[a] === 1) continue;
    for (let k = start[i]; k < start[i + 1]; k++) {
      const u = values[k];
      if (u === a || excluded[u] === 1 || emojis.emoji[k] < 0) continue;
      reactor[n] = u; author[n] = a; channel[n] = m.channel[i]; emoji[n++] = emojis.emoji[k];
    }
  }
  const entries = { reactor: reactor.subarray(0, n), author: author.subarray(0, n), channel: channel.subarray(0, n), emoji: emoji.subarray(0, n) };
  const userRank = idRanks(columns.users.ids);
  let order = countingOrder(entries.emoji, idRanks(emojis.keys), null);
  order = countingOrder(entries.channel, idRanks(columns.channels.ids), order);
  order = countingOrder(entries.author, userRank, order);
  order = countingOrder(entries.reactor, userRank, order);

  const groups = { reactor: [] as number[], author: [] as number[], channel: [] as number[], emoji: [] as number[], n: [] as number[] };
  let g = -1;
  for (const e of order) {
    const same = g >= 0 && groups.reactor[g] === entries.reactor[e] && groups.author[g] === entries.author[e]
      && groups.channel[g] === entries.channel[e] && groups.emoji[g] === entries.emoji[e];
    if (same) {
      groups.n[g]++;
      continue;
    }
    g++;
    groups.reactor.push(entries.reactor[e]);
    groups.author.push(entries.author[e]);
    groups.channel.push(entries.channel[e]);
    groups.emoji.push(entries.emoji[e]);
    groups.n.push(1);
  }
  return {
    count: g + 1, reactor: Int32Array.from(groups.reactor), author: Int32Array.from(groups.author), channel: Int32Array.from(groups.channel),
    emoji: Int32Array.from(groups.emoji), n: Int32Array.from(groups.n), listedReactions, emojis,
  };
}
