import type { Kysely } from 'kysely';
import { byId } from '../../analysis/id-order';
import { numberedPageRank } from '../../analysis/pagerank';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import type { QueryDefinition } from '../query-definition';
import { interactionNetwork, nodeEdges } from './interaction-network';
import { undirectedNetwork } from './undirected-network';
import { memberNames, nameOf } from './member-names';
import { numberParam } from '../param-values';

/** Where a member sits in the interaction network. */
export type NetworkRole = 'sender' | 'receiver' | 'balanced' | 'isolated';

export interface NetworkMemberRow {
  user: string;
  name: string;
  /** Distinct members this member received from / sent to. */
  inDegree: number;
  outDegree: number;
  /** Interactions received / sent (replies + mentions + reactions). */
  inWeight: number;
  outWeight: number;
  /** TogetherCrew's roles by weighted degree (see `networkMembers`). */
  role: NetworkRole;
  /** Louvain community (1 = largest), null for isolated members. */
  community: number | null;
  /** PageRank on the weighted directed network, all members seen included; sums to 1. */
  pageRank: number;
}

export interface NetworkMembersInput extends AuditParamsInput {
  /** Sender when sent > threshold × received, receiver when received > threshold × sent (default 2). */
  roleThreshold?: number | string;
  /** PageRank damping factor, 0 to below 1 (default 0.85: the walk restarts uniformly with probability 0.15). */
  damping?: number | string;
}

/**
 * Each member's place in the interaction network, after TogetherCrew's member network stats:
 * in/out degree (distinct peers) and weighted degree (interactions), and the role — sender when
 * interactions sent > roleThreshold × received, receiver when received > roleThreshold × sent,
 * otherwise balanced (TogetherCrew's rule, threshold 2), isolated without any interaction. Also
 * the Louvain community (fixed seed, see network-summary) and PageRank (uniform restart, dangling
 * members restart too; iterated until the scores move less than 1e-12 in total). Highest
 * PageRank first, then by user ID.
 *
 * @example
 * const members = await networkMembers(db, { guild: '755126265953910784', roleThreshold: 3 });
 */
export async function networkMembers(db: Kysely<Database>, input: NetworkMembersInput): Promise<NetworkMemberRow[]> {
  const threshold = numberParam(input.roleThreshold, 'roleThreshold', { default: 2, min: 1 });
  // Below 1: with no restart at all the walk need not converge (a cycle passes score round forever).
  const damping = numberParam(input.damping, 'damping', { default: 0.85, min: 0, below: 1 });
  const params = await resolveAuditParams(db, input);
  const network = await interactionNetwork(db, params, { withMembers: true });
  const names = await memberNames(db, network.columns);
  const { columns, edges: e } = network;
  const ids = columns.users.ids;
  const users = ids.length;
  const inDegree = new Int32Array(users);
  const outDegree = new Int32Array(users);
  const inWeight = new Float64Array(users);
  const outWeight = new Float64Array(users);
  for (let k = 0; k < e.count; k++) {
    const w = e.replies[k] + e.mentions[k] + e.reactions[k];
    outDegree[e.source[k]]++;
    outWeight[e.source[k]] += w;
    inDegree[e.target[k]]++;
    inWeight[e.target[k]] += w;
  }
  const { community } = undirectedNetwork(network).communities;
  const { scores } = numberedPageRank(network.nodes.length, nodeEdges(columns, network.nodes, e), { alpha: 1 - damping });

  return Array.from(network.nodes, (u, i) => {
    const user = ids[u];
    return {
      user, name: nameOf(names, user), inDegree: inDegree[u], outDegree: outDegree[u], inWeight: inWeight[u], outWeight: outWeight[u],
      role: roleOf(inWeight[u], outWeight[u], threshold), community: community[u] || null, pageRank: scores[i],
    };
  }).sort((a, b) => b.pageRank - a.pageRank || byId(a.user, b.user));
}

/**
 * TogetherCrew's sender / receiver / balanced rule on weighted degrees.
 *
 * @example
 * roleOf(1, 3, 2) // 'sender' (3 > 2 × 1)
 */
export function roleOf(received: number, sent: number, threshold: number): NetworkRole {
  if (received === 0 && sent === 0) return 'isolated';
  if (sent > threshold * received) return 'sender';
  if (received > threshold * sent) return 'receiver';
  return 'balanced';
}

export const networkMembersQuery: QueryDefinition = {
  name: 'network-members',
  summary: 'Per member: in/out degree (peers and interactions), sender/receiver/balanced role, Louvain community, PageRank',
  follows: 'TogetherCrew member network stats (sender if out > 2 x in, receiver if in > 2 x out); Louvain; PageRank',
  scope: 'guild',
  params: [
    { name: 'roleThreshold', type: 'number', default: 2, description: 'sender when sent > threshold x received, receiver when received > threshold x sent' },
    { name: 'damping', type: 'number', default: 0.85, description: 'PageRank damping factor, 0 <= damping < 1 (restart probability = 1 - damping)' },
  ],
  run: networkMembers,
};
