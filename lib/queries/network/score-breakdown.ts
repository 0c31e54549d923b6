import { byId } from '../../analysis/id-order';

/** One edge of the contributor-score walk, its weight split by kind (already multiplied by the weights). */
export interface WalkEdge {
  source: string;
  target: string;
  replies: number;
  mentions: number;
  reactions: number;
}

/** What one reaction group minted at `member`. */
export interface Mint {
  member: string;
  emoji: string;
  emojiName: string;
  channel: string;
  /** count × reactor × channel × emoji weight. */
  weight: number;
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
  nodes: readonly string[];
  walk: readonly WalkEdge[];
  mints: readonly Mint[];
  alpha: number;
  /** Total minted weight: scores are shares of it. */
  total: number;
  /** Stationary shares from `pageRank`, and the normalised seed it used. */
  scores: ReadonlyMap<string, number>;
  seed: ReadonlyMap<string, number>;
  nameOf(user: string): string;
  channelName(channel: string): string;
}

/**
 * Splits each member's score into its sources, from the walk's stationary scores x: the seed
 * part is (alpha + (1 − alpha)·d)·s_v, with d the score held by members with no outgoing edge,
 * and each edge u → v passes (1 − alpha)·x_u·w(u→v)/W_u, split by the kinds in it. Scaled by the
 * total minted, these add up to v's score (to the walk's tolerance).
 *
 * @example
 * const byMember = scoreBreakdown({ nodes, walk, mints, alpha: 0.2, total, scores, seed, nameOf, channelName });
 */
export function scoreBreakdown(input: BreakdownInput): Map<string, ScoreBreakdown> {
  const { alpha, total, scores } = input;
  const x = (id: string) => scores.get(id) ?? 0;
  const outWeight = new Map<string, number>();
  for (const e of input.walk) outWeight.set(e.source, (outWeight.get(e.source) ?? 0) + e.replies + e.mentions + e.reactions);
  const dangling = [...input.nodes].sort(byId).reduce((sum, id) => sum + ((outWeight.get(id) ?? 0) > 0 ? 0 : x(id)), 0);
  const restart = alpha + (1 - alpha) * dangling;

  const result = new Map<string, ScoreBreakdown>();
  const sources = new Map<string, Map<string, number>>();
  for (const id of input.nodes) {
    result.set(id, {
      minted: total * restart * (input.seed.get(id) ?? 0),
      viaReplies: 0, viaMentions: 0, viaReactions: 0, mintedByEmoji: [], mintedByChannel: [], topSources: [],
    });
    sources.set(id, new Map());
  }
  for (const e of input.walk) {
    const w = e.replies + e.mentions + e.reactions;
    const out = outWeight.get(e.source) ?? 0;
    if (w === 0 || out === 0) continue;
    const flow = (total * (1 - alpha) * x(e.source)) / out;
    const b = result.get(e.target)!;
    b.viaReplies += flow * e.replies;
    b.viaMentions += flow * e.mentions;
    b.viaReactions += flow * e.reactions;
    const from = sources.get(e.target)!;
    from.set(e.source, (from.get(e.source) ?? 0) + flow * w);
  }

  // The minted part is split in proportion to what each emoji / channel minted at the member.
  const raw = new Map<string, number>();
  const byEmoji = new Map<string, Map<string, { name: string; weight: number }>>();
  const byChannel = new Map<string, Map<string, number>>();
  for (const m of input.mints) {
    raw.set(m.member, (raw.get(m.member) ?? 0) + m.weight);
    const emojis = byEmoji.get(m.member) ?? byEmoji.set(m.member, new Map()).get(m.member)!;
    const e = emojis.get(m.emoji) ?? emojis.set(m.emoji, { name: m.emojiName, weight: 0 }).get(m.emoji)!;
    e.weight += m.weight;
    const channels = byChannel.get(m.member) ?? byChannel.set(m.member, new Map()).get(m.member)!;
    channels.set(m.channel, (channels.get(m.channel) ?? 0) + m.weight);
  }
  for (const [id, b] of result) {
    const minted = raw.get(id) ?? 0;
    const part = (weight: number) => (minted > 0 ? (b.minted * weight) / minted : 0);
    b.mintedByEmoji = [...(byEmoji.get(id) ?? new Map<string, { name: string; weight: number }>())]
      .map(([emoji, e]) => ({ emoji, name: e.name, score: part(e.weight) }))
      .sort((p, q) => q.score - p.score || byId(p.emoji, q.emoji));
    b.mintedByChannel = [...(byChannel.get(id) ?? new Map<string, number>())]
      .map(([channel, weight]) => ({ channel, name: input.channelName(channel), score: part(weight) }))
      .sort((p, q) => q.score - p.score || byId(p.channel, q.channel));
    b.topSources = [...sources.get(id)!]
      .filter(([, score]) => score > 0)
      .map(([user, score]) => ({ user, name: input.nameOf(user), score }))
      .sort((p, q) => q.score - p.score || byId(p.user, q.user))
      .slice(0, 5);
  }
  return result;
}
