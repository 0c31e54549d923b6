import { bucketByKey } from '../../analysis/bucket-by-key';
import type { GuildColumns } from '../columns';
import { idRanks } from '../columns/id-ranks';
import type { ReactorEmojis } from '../columns';

/** The edges of the contributor-score walk, their weight split by kind (already multiplied by the weights). */
export interface WalkEdges {
  count: number;
  /** User numbers, sorted by source ID then target ID; one entry per pair. */
  source: Int32Array;
  target: Int32Array;
  replies: Float64Array;
  mentions: Float64Array;
  reactions: Float64Array;
}

/** What each reaction group minted (see `ReactionCounts`, in its order). */
export interface Mints {
  count: number;
  /** The member minted at (the author reacted to), the emoji number and the channel number. */
  member: Int32Array;
  emoji: Int32Array;
  channel: Int32Array;
  /** count × reactor × channel × emoji weight. */
  weight: Float64Array;
}

/** Where one member's score came from; the four amounts add up to the score. */
export interface ScoreBreakdown {
  /** Score from the seed: what reactions to this member's messages minted, returned with alpha. */
  minted: number;
  /** Score passed on by members who replied to, mentioned, or reacted to this member. */
  viaReplies: number;
  viaMentions: number;
  viaReactions: number;
  /** `minted` split by emoji and by channel of the reactions that minted it (largest first). */
  mintedByEmoji: Array<{ emoji: string; name: string; score: number }>;
  mintedByChannel: Array<{ channel: string; name: string; score: number }>;
  /** The five members whose replies, mentions and reactions passed on the most score (largest first). */
  topSources: Array<{ user: string; name: string; score: number }>;
}

export interface BreakdownInput {
  columns: GuildColumns;
  emojis: ReactorEmojis;
  /** User numbers of the walk's members, in ID order. */
  nodes: Int32Array;
  walk: WalkEdges;
  mints: Mints;
  alpha: number;
  /** Total minted weight: scores are shares of it. */
  total: number;
  /** Stationary shares from `pageRank`, and the normalised seed it used, by user number (0 for none). */
  scores: Float64Array;
  seed: Float64Array;
  nameOf(user: number): string;
  channelName(channel: number): string;
}

/**
 * Splits each member's score into its sources, from the walk's stationary scores x: the seed
 * part is (alpha + (1 − alpha)·d)·s_v, with d the score held by members with no outgoing edge,
 * and each edge u → v passes (1 − alpha)·x_u·w(u→v)/W_u, split by the kinds in it. Scaled by the
 * total minted, these add up to v's score (to the walk's tolerance). Sums run in the walk's and
 * the mints' order, so they come out the same on every engine. By user number.
 *
 * @example
 * const byMember = scoreBreakdown({ columns, emojis, nodes, walk, mints, alpha: 0.2, total, scores, seed, nameOf, channelName });
 */
export function scoreBreakdown(input: BreakdownInput): Map<number, ScoreBreakdown> {
  const { alpha, total, scores, walk, columns } = input;
  const users = columns.users.ids.length;
  const outWeight = new Float64Array(users);
  for (let k = 0; k < walk.count; k++) {
    const u = walk.source[k];
    outWeight[u] = outWeight[u] + walk.replies[k] + walk.mentions[k] + walk.reactions[k];
  }
  let dangling = 0;
  for (const u of input.nodes) dangling += outWeight[u] > 0 ? 0 : scores[u];
  const restart = alpha + (1 - alpha) * dangling;

  const via = [new Float64Array(users), new Float64Array(users), new Float64Array(users)];
  const passed = new Float64Array(walk.count);
  for (let k = 0; k < walk.count; k++) {
    const w = walk.replies[k] + walk.mentions[k] + walk.reactions[k];
    const out = outWeight[walk.source[k]];
    if (w === 0 || out === 0) continue;
    const flow = (total * (1 - alpha) * scores[walk.source[k]]) / out;
    const t = walk.target[k];
    via[0][t] += flow * walk.replies[k];
    via[1][t] += flow * walk.mentions[k];
    via[2][t] += flow * walk.reactions[k];
    passed[k] = flow * w;
  }

  const result = new Map<number, ScoreBreakdown>();
  for (const u of input.nodes) {
    result.set(u, {
      minted: total * restart * input.seed[u], viaReplies: via[0][u], viaMentions: via[1][u], viaReactions: via[2][u],
      mintedByEmoji: [], mintedByChannel: [], topSources: [],
    });
  }
  mintedParts(input, result);
  topSources(input, passed, result);
  return result;
}

/** The minted part split in proportion to what each emoji / channel minted at the member. */
function mintedParts(input: BreakdownInput, result: Map<number, ScoreBreakdown>): void {
  const { mints, columns, emojis } = input;
  const byMember = bucketByKey(mints.member, columns.users.ids.length, mints.count);
  const emojiRank = idRanks(emojis.keys);
  const channelRank = idRanks(columns.channels.ids);
  const emojiSum = new Float64Array(emojis.keys.length);
  const channelSum = new Float64Array(columns.channels.ids.length);
  // Which member last touched each emoji / channel: its sums start afresh for the next one.
  const emojiOwner = new Int32Array(emojis.keys.length).fill(-1);
  const channelOwner = new Int32Array(columns.channels.ids.length).fill(-1);
  for (const [member, b] of result) {
    let raw = 0;
    const emojiSeen: number[] = [];
    const channelSeen: number[] = [];
    for (let k = byMember.start[member]; k < byMember.start[member + 1]; k++) {
      const m = byMember.order[k];
      const w = mints.weight[m];
      const e = mints.emoji[m];
      const c = mints.channel[m];
      raw += w;
      if (emojiOwner[e] !== member) {
        emojiOwner[e] = member;
        emojiSum[e] = 0;
        emojiSeen.push(e);
      }
      emojiSum[e] += w;
      if (channelOwner[c] !== member) {
        channelOwner[c] = member;
        channelSum[c] = 0;
        channelSeen.push(c);
      }
      channelSum[c] += w;
    }
    const part = (weight: number) => (raw > 0 ? (b.minted * weight) / raw : 0);
    b.mintedByEmoji = emojiSeen
      .map((e) => ({ e, score: part(emojiSum[e]) }))
      .sort((p, q) => q.score - p.score || emojiRank[p.e] - emojiRank[q.e])
      .map(({ e, score }) => ({ emoji: emojis.keys[e], name: emojis.names[e], score }));
    b.mintedByChannel = channelSeen
      .map((c) => ({ c, score: part(channelSum[c]) }))
      .sort((p, q) => q.score - p.score || channelRank[p.c] - channelRank[q.c])
      .map(({ c, score }) => ({ channel: columns.channels.ids[c], name: input.channelName(c), score }));
  }
}

/** How many sources `topSources` lists. */
const TOP_SOURCES = 5;

/**
 * The five members that passed the most score to each member (each edge passes once), ties by
 * source ID: kept in a sorted list of five while passing over the member's incoming edges, so no
 * member's edges are sorted whole.
 */
function topSources(input: BreakdownInput, passed: Float64Array, result: Map<number, ScoreBreakdown>): void {
  const { walk, columns } = input;
  const rank = idRanks(columns.users.ids);
  const byTarget = bucketByKey(walk.target, columns.users.ids.length, walk.count);
  // Edge p before edge q: more passed, or as much from a source earlier in ID order.
  const before = (p: number, q: number) => passed[p] > passed[q] || (passed[p] === passed[q] && rank[walk.source[p]] < rank[walk.source[q]]);
  const top = new Int32Array(TOP_SOURCES);
  for (const [member, b] of result) {
    let kept = 0;
    for (let x = byTarget.start[member]; x < byTarget.start[member + 1]; x++) {
      const k = byTarget.order[x];
      if (!(passed[k] > 0) || (kept === TOP_SOURCES && !before(k, top[kept - 1]))) continue;
      let at = Math.min(kept, TOP_SOURCES - 1);
      for (; at > 0 && before(k, top[at - 1]); at--) top[at] = top[at - 1];
      top[at] = k;
      kept = Math.min(kept + 1, TOP_SOURCES);
    }
    b.topSources = Array.from(top.subarray(0, kept), (k) => ({ user: columns.users.ids[walk.source[k]], name: input.nameOf(walk.source[k]), score: passed[k] }));
  }
}
