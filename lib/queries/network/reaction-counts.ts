import { bucketByKey } from '../../analysis/bucket-by-key';
import type { GuildColumns, ReactorEmojis } from '../columns';
import { idOrder, idRanks } from '../columns/id-ranks';

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
  emojis: ReactorEmojis;
}

/**
 * Listed reactions (the archive names the reacting member) to messages in scope
 * (`interactionScope`), grouped by
 * reactor, author, channel and emoji: bucketed by reactor, then each reactor's reactions sorted
 * by one number made of the other three ID ranks. Sorted, so sums over weights come out the same
 * on every engine.
 *
 * @example
 * const reactions = reactionCounts(columns, scoped, excluded);
 */
export function reactionCounts(columns: GuildColumns, scoped: Int32Array, excluded: Uint8Array): ReactionCounts {
  const m = columns.messages;
  const { start, values } = columns.reactors;
  const emojis = columns.reactorEmojis;
  const users = columns.users.ids.length;
  const userRank = idRanks(columns.users.ids);
  const channelRank = idRanks(columns.channels.ids);
  const emojiRank = idRanks(emojis.keys);
  const [C, E] = [channelRank.length, emojiRank.length];
  if (users * C * E > Number.MAX_SAFE_INTEGER) throw new RangeError(`too many users, channels and emojis to group reactions (${users} x ${C} x ${E})`);

  // Each counted reaction as its reactor and (author, channel, emoji) ranks in one exact number.
  const capacity = scoped.length === 0 ? 0 : start[scoped[scoped.length - 1] + 1] - start[scoped[0]];
  const reactorOf = new Int32Array(capacity);
  const rankKey = new Float64Array(capacity);
  let n = 0;
  for (const i of scoped) {
    const a = m.author[i];
    if (excluded[a] === 1) continue;
    const prefix = (userRank[a] * C + channelRank[m.channel[i]]) * E;
    for (let k = start[i]; k < start[i + 1]; k++) {
      const u = values[k];
      if (u === a || excluded[u] === 1 || emojis.emoji[k] < 0) continue;
      reactorOf[n] = u;
      rankKey[n++] = prefix + emojiRank[emojis.emoji[k]];
    }
  }
  const { start: perReactor, order } = bucketByKey(reactorOf, users, n);
  const keys = new Float64Array(n);
  for (let k = 0; k < n; k++) keys[k] = rankKey[order[k]];

  const [userAt, channelAt, emojiAt] = [idOrder(columns.users.ids), idOrder(columns.channels.ids), idOrder(emojis.keys)];
  const out = {
    reactor: new Int32Array(keys.length), author: new Int32Array(keys.length), channel: new Int32Array(keys.length),
    emoji: new Int32Array(keys.length), n: new Int32Array(keys.length),
  };
  let g = 0;
  for (let r = 0; r < users; r++) {
    const u = userAt[r];
    const sorted = keys.subarray(perReactor[u], perReactor[u + 1]).sort();
    for (let k = 0; k < sorted.length; ) {
      const key = sorted[k];
      let n = 0;
      for (; k < sorted.length && sorted[k] === key; k++) n++;
      const ranks = Math.floor(key / E);
      out.reactor[g] = u;
      out.author[g] = userAt[Math.floor(ranks / C)];
      out.channel[g] = channelAt[ranks % C];
      out.emoji[g] = emojiAt[key % E];
      out.n[g++] = n;
    }
  }
  return {
    count: g, reactor: out.reactor.slice(0, g), author: out.author.slice(0, g), channel: out.channel.slice(0, g),
    emoji: out.emoji.slice(0, g), n: out.n.slice(0, g), emojis,
  };
}
