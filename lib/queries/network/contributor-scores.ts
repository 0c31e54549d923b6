import type { Kysely } from 'kysely';
import { byId } from '../../analysis/id-order';
import { numberedPageRank } from '../../analysis/pagerank';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import type { QueryDefinition } from '../query-definition';
import type { GuildColumns } from '../columns';
import { idRanks } from '../columns/id-ranks';
import { contributorWeights, type ContributorWeights, type ContributorWeightsInput } from './contributor-weights';
import { interactionNetwork, nodeEdges, usersInIdOrder } from './interaction-network';
import type { InteractionCounts } from './interactions';
import { memberNames, nameOf } from './member-names';
import { reactionCounts, type ReactionCounts } from './reaction-counts';
import { scoreBreakdown, type Mints, type ScoreBreakdown, type WalkEdges } from './score-breakdown';
import { unlistedPerAuthor } from './unlisted-reactions';

/** One member's contributor score, with where it came from. */
export interface ContributorScoreRow {
  user: string;
  name: string;
  /** Score; all members' scores add up to the total weight minted. */
  score: number;
  /** score / total. */
  share: number;
  /** Listed reactions others gave to this member's messages. */
  reactionsReceived: number;
  /** What those reactions minted: Σ reactor role weight × channel weight × emoji weight. */
  minted: number;
  /** Reactions to this member's messages whose reactors the archive does not list: they minted nothing. */
  unlistedReactions: number;
  breakdown: ScoreBreakdown;
}

export interface ContributorScoresInput extends AuditParamsInput, ContributorWeightsInput {}

/**
 * A SourceCred-style contributor score. Reactions mint score: a reaction by u to a message of v
 * in channel c with emoji e mints reactorWeight(u) × channelWeight(c) × emojiWeight(e) at v (a
 * reaction to one's own message mints nothing; unlisted reactors mint nothing and are counted
 * apart). Score then flows like SourceCred's cred, as a PageRank-like walk on the member graph:
 * each member passes (1 − alpha) of their score along their outgoing interactions — replies
 * (replyWeight each), mentions (mentionWeight each) and reactions (their minted weight) — and
 * returns alpha (default 0.2) to the seed, which is where the reactions minted; members who
 * interact with no one return everything to the seed. Iterated until the scores move less than
 * 1e-12 of the total. So score comes from being reacted to, and from being replied to, mentioned
 * or reacted to by members who have score.
 *
 * A member-level collapse of SourceCred's Discord graph (messages are not nodes of their own).
 * Every score comes with its breakdown: minted here (by emoji and by channel), received via
 * replies, mentions and reactions, and the members it came from most. Highest score first, then
 * by user ID; every member at either end of an interaction has a row.
 *
 * @example
 * const rows = await contributorScores(db, { guild, roleWeights: 'Maker=2', emojiWeights: '🎉=0.5' });
 * rows[0].breakdown.mintedByEmoji
 */
export async function contributorScores(db: Kysely<Database>, input: ContributorScoresInput): Promise<ContributorScoreRow[]> {
  const params = await resolveAuditParams(db, input);
  const weights = await contributorWeights(db, params, input);
  const network = await interactionNetwork(db, params, { withMembers: false });
  const { columns, scoped, excluded, edges: interactions } = network;
  const reactions = reactionCounts(columns, scoped, excluded);
  const names = await memberNames(db, columns);
  const unlisted = unlistedPerAuthor(network);
  const { ids } = columns.users;
  const channelIds = columns.channels.ids;
  const channelNames = await channelNameMap(db, params.guild);

  // What each reaction group minted: weights per user, channel and emoji number, looked up once each.
  const reactorWeight = ids.map(() => NaN);
  const channelWeight = channelIds.map(() => NaN);
  const emojiWeight = reactions.emojis.keys.map((key, e) => weights.emoji(key, reactions.emojis.names[e]));
  const mints: Mints = { count: reactions.count, member: reactions.author, emoji: reactions.emoji, channel: reactions.channel, weight: new Float64Array(reactions.count) };
  const received = new Float64Array(ids.length);
  const seed = new Float64Array(ids.length);
  const seeded = new Uint8Array(ids.length);
  for (let k = 0; k < reactions.count; k++) {
    const u = reactions.reactor[k];
    const v = reactions.author[k];
    const c = reactions.channel[k];
    const rw = Number.isNaN(reactorWeight[u]) ? (reactorWeight[u] = weights.reactor(ids[u])) : reactorWeight[u];
    const cw = Number.isNaN(channelWeight[c]) ? (channelWeight[c] = weights.channel(channelIds[c])) : channelWeight[c];
    const weight = (mints.weight[k] = reactions.n[k] * rw * cw * emojiWeight[reactions.emoji[k]]);
    received[v] += reactions.n[k];
    seed[v] += weight;
    seeded[v] = 1;
  }
  const walk = walkEdges(columns, interactions, reactions, mints.weight, weights);
  const isNode = new Uint8Array(ids.length);
  for (let k = 0; k < walk.count; k++) isNode[walk.source[k]] = isNode[walk.target[k]] = 1;
  const nodes = usersInIdOrder(columns, isNode);
  const total = usersInIdOrder(columns, seeded).reduce((sum, u) => sum + seed[u], 0);

  const scores = new Float64Array(ids.length);
  const normalisedSeed = new Float64Array(ids.length);
  if (total > 0) {
    const result = numberedPageRank(nodes.length, nodeEdges(columns, nodes, walk), { alpha: weights.alpha, seed: Float64Array.from(nodes, (u) => seed[u]) });
    nodes.forEach((u, i) => {
      scores[u] = result.scores[i];
      normalisedSeed[u] = result.seed[i];
    });
  }
  const breakdowns = scoreBreakdown({
    columns, emojis: reactions.emojis, nodes, walk, mints, alpha: weights.alpha, total, scores, seed: normalisedSeed,
    nameOf: (u) => nameOf(names, ids[u]), channelName: (c) => channelNames.get(channelIds[c]) ?? channelIds[c],
  });

  return Array.from(nodes, (u) => ({
    user: ids[u],
    name: nameOf(names, ids[u]),
    score: total * scores[u],
    share: scores[u],
    reactionsReceived: received[u],
    minted: seed[u],
    unlistedReactions: unlisted[u],
    breakdown: breakdowns.get(u)!,
  })).sort((a, b) => b.score - a.score || byId(a.user, b.user));
}

/**
 * The walk's edges: replies and mentions (times their weights) and what reactions minted, per
 * (source, target) in ID order — a merge of the interaction pairs that replied or mentioned
 * (their reaction counts are not read: the groups carry the reactions with their emoji) and the
 * reaction groups, both already in that order; each pair's reactions add up in the groups' order.
 */
function walkEdges(columns: GuildColumns, interactions: InteractionCounts, reactions: ReactionCounts, minted: Float64Array, weights: ContributorWeights): WalkEdges {
  const rank = idRanks(columns.users.ids);
  const capacity = interactions.count + reactions.count;
  const walk = {
    count: 0, source: new Int32Array(capacity), target: new Int32Array(capacity),
    replies: new Float64Array(capacity), mentions: new Float64Array(capacity), reactions: new Float64Array(capacity),
  };
  let i = 0;
  let g = 0;
  while (i < interactions.count || g < reactions.count) {
    if (i < interactions.count && interactions.replies[i] + interactions.mentions[i] === 0) {
      i++; // reactions only
      continue;
    }
    // Which comes first: interaction pair i or reaction pair g (by source rank, then target rank).
    const order = i === interactions.count ? 1 : g === reactions.count ? -1
      : rank[interactions.source[i]] - rank[reactions.reactor[g]] || rank[interactions.target[i]] - rank[reactions.author[g]];
    const k = walk.count++;
    if (order <= 0) {
      walk.source[k] = interactions.source[i];
      walk.target[k] = interactions.target[i];
      walk.replies[k] = interactions.replies[i] * weights.replyWeight;
      walk.mentions[k] = interactions.mentions[i] * weights.mentionWeight;
      i++;
    } else {
      walk.source[k] = reactions.reactor[g];
      walk.target[k] = reactions.author[g];
    }
    if (order < 0) continue;
    const [s, t] = [walk.source[k], walk.target[k]];
    for (; g < reactions.count && reactions.reactor[g] === s && reactions.author[g] === t; g++) walk.reactions[k] += minted[g];
  }
  return {
    count: walk.count, source: walk.source.subarray(0, walk.count), target: walk.target.subarray(0, walk.count),
    replies: walk.replies.subarray(0, walk.count), mentions: walk.mentions.subarray(0, walk.count), reactions: walk.reactions.subarray(0, walk.count),
  };
}

async function channelNameMap(db: Kysely<Database>, guild: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('channels').select(['id', 'name']).where('guild_id', '=', guild).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const contributorScoresQuery: QueryDefinition = {
  name: 'contributor-scores',
  summary: 'SourceCred-style score: reactions mint (role x channel x emoji weight), score flows along replies/mentions/reactions; with its breakdown',
  follows: 'SourceCred (Discord plugin, CredRank-style walk with seed return alpha), collapsed to a member graph',
  scope: 'guild',
  params: [
    { name: 'alpha', type: 'number', default: 0.2, description: 'share of score each member returns to the seed (where reactions minted) at every step' },
    { name: 'replyWeight', type: 'number', default: 1, description: 'weight of a reply as a path for score' },
    { name: 'mentionWeight', type: 'number', default: 1, description: 'weight of a mention as a path for score' },
    { name: 'emojiWeights', type: 'list', description: 'emoji=weight pairs (the emoji, or a custom emoji name or ID); others weigh 1' },
    { name: 'channelWeights', type: 'list', description: 'channel=weight pairs (ID or name; threads take their channel, channels their category); others 1' },
    { name: 'roleWeights', type: 'list', description: "role=weight pairs (ID or name); a reactor weighs their highest-weighted role's weight; others 1" },
    { name: 'staffWeight', type: 'number', default: 1, description: 'weight of a staff reactor (only counted with includeStaff)' },
  ],
  run: contributorScores,
};
