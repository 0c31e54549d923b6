import type { Kysely } from 'kysely';
import { byId } from '../../analysis/id-order';
import { pageRank } from '../../analysis/pagerank';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import type { QueryDefinition } from '../query-definition';
import { guildColumns } from '../columns';
import { idRanks } from '../columns/id-ranks';
import { contributorWeights, type ContributorWeightsInput } from './contributor-weights';
import { excludedUsers } from './excluded-users';
import { countInteractions, interactionEvents } from './interactions';
import { memberNames, nameOf } from './member-names';
import { reactionCounts } from './reaction-counts';
import { scoreBreakdown, type Mint, type ScoreBreakdown, type WalkEdge } from './score-breakdown';
import { reactionTotals, unlistedReactions } from './unlisted-reactions';

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
  const columns = await guildColumns(db, params.guild);
  const excluded = await excludedUsers(db, columns, params);
  const [events, reactions, counted, names] = await Promise.all([
    interactionEvents(db, columns, params, { excluded, withoutReactions: true }),
    reactionCounts(db, columns, params, excluded),
    reactionTotals(db, columns, params, excluded),
    memberNames(db, params.guild),
  ]);
  const interactions = countInteractions(columns, events);
  const unlisted = unlistedReactions(counted, reactions.listedReactions);
  const ids = columns.users.ids;
  const channelIds = columns.channels.ids;

  // Edges keyed by the ID ranks of their ends, so sorting the keys sorts them by source, then target ID.
  const rank = idRanks(ids);
  const edges = new Map<number, WalkEdge>();
  const edge = (s: number, t: number) => {
    const key = rank[s] * ids.length + rank[t];
    let e = edges.get(key);
    if (!e) edges.set(key, (e = { source: ids[s], target: ids[t], replies: 0, mentions: 0, reactions: 0 }));
    return e;
  };
  for (let k = 0; k < interactions.count; k++) {
    const e = edge(interactions.source[k], interactions.target[k]);
    e.replies += interactions.replies[k] * weights.replyWeight;
    e.mentions += interactions.mentions[k] * weights.mentionWeight;
  }
  // Weights per user, channel and emoji number, looked up once each.
  const reactorWeight = ids.map(() => NaN);
  const channelWeight = channelIds.map(() => NaN);
  const { keys, names: emojiNames } = reactions.emojis;
  const emojiWeight = keys.map((key, e) => weights.emoji(key, emojiNames[e]));
  const mints: Mint[] = new Array(reactions.count);
  const received = new Float64Array(ids.length);
  for (let k = 0; k < reactions.count; k++) {
    const u = reactions.reactor[k];
    const v = reactions.author[k];
    const c = reactions.channel[k];
    const em = reactions.emoji[k];
    const rw = Number.isNaN(reactorWeight[u]) ? (reactorWeight[u] = weights.reactor(ids[u])) : reactorWeight[u];
    const cw = Number.isNaN(channelWeight[c]) ? (channelWeight[c] = weights.channel(channelIds[c])) : channelWeight[c];
    const weight = reactions.n[k] * rw * cw * emojiWeight[em];
    edge(u, v).reactions += weight;
    mints[k] = { member: ids[v], emoji: keys[em], emojiName: emojiNames[em], channel: channelIds[c], weight };
    received[v] += reactions.n[k];
  }

  const walk = Float64Array.from(edges.keys()).sort().reduce<WalkEdge[]>((list, key) => (list.push(edges.get(key)!), list), []);
  const nodes = new Set<string>();
  for (const e of walk) nodes.add(e.source).add(e.target);
  const seed = new Map<string, number>();
  for (const m of mints) seed.set(m.member, (seed.get(m.member) ?? 0) + m.weight);
  const total = [...seed.keys()].sort(byId).reduce((sum, id) => sum + seed.get(id)!, 0);

  const result =
    total > 0
      ? pageRank(nodes, walk.map((e) => ({ source: e.source, target: e.target, weight: e.replies + e.mentions + e.reactions })), { alpha: weights.alpha, seed })
      : null;
  const channelNames = await channelNameMap(db, params.guild);
  const breakdowns = scoreBreakdown({
    nodes: [...nodes], walk, mints, alpha: weights.alpha, total, scores: result?.scores ?? new Map(),
    seed: result?.seed ?? new Map(), nameOf: (id) => nameOf(names, id), channelName: (id) => channelNames.get(id) ?? id,
  });

  return [...nodes]
    .map((user) => ({
      user,
      name: nameOf(names, user),
      score: total * (result?.scores.get(user) ?? 0),
      share: result?.scores.get(user) ?? 0,
      reactionsReceived: received[columns.users.index.get(user)!],
      minted: seed.get(user) ?? 0,
      unlistedReactions: unlisted[columns.users.index.get(user)!],
      breakdown: breakdowns.get(user)!,
    }))
    .sort((a, b) => b.score - a.score || byId(a.user, b.user));
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
