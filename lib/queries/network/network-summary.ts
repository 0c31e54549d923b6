import type { Kysely } from 'kysely';
import { directedDensity } from '../../analysis/network-measures';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import type { QueryDefinition } from '../query-definition';
import { interactionNetwork } from './interaction-network';
import { memberCentralisation } from './undirected-measures';
import { undirectedNetwork } from './undirected-network';
import { unlistedPerAuthor } from './unlisted-reactions';

/** The shape of a period's interaction network, in one row. */
export interface NetworkSummaryRow {
  /** Members seen (authors of any message in scope, command invokers) plus everyone at either end of an interaction. */
  nodes: number;
  /** Nodes with at least one edge: the conversation network the measures below describe. */
  connected: number;
  /** Nodes without any edge, and their share of all nodes. */
  isolated: number;
  isolatedShare: number;
  /** Directed edges (ordered pairs of members with at least one interaction). */
  edges: number;
  /** Replies + mentions + reactions on those edges. */
  interactions: number;
  /** Share of the connected nodes' possible ordered pairs that have an edge; null below 2 nodes. */
  density: number | null;
  /** Freeman degree centralisation of the connected nodes (undirected, unweighted): 1 for a star; null below 3 nodes. */
  centralisation: number | null;
  /** Louvain communities among the connected nodes (undirected, weighted by interactions). */
  communities: number;
  /** Newman–Girvan modularity of that partition. */
  modularity: number;
  /** Reactions on counted messages whose reacting member the archive does not list: no edge could be drawn for them. */
  unlistedReactions: number;
}

/**
 * Network shape after TogetherCrew's network health figures: density, Freeman degree
 * centralisation (how much the conversation hangs on one member), isolated share, Louvain
 * communities and modularity (how fragmented it is). Density, centralisation and communities
 * describe the members who interact; isolated members would otherwise make any server look
 * sparse and decentralised, so their share is its own figure. Louvain runs with a fixed seed,
 * so the same data always gives the same communities.
 *
 * @example
 * const [s] = await networkSummary(db, { guild: '755126265953910784' });
 * console.log(s.centralisation, s.isolatedShare);
 */
export async function networkSummary(db: Kysely<Database>, input: AuditParamsInput): Promise<NetworkSummaryRow[]> {
  const params = await resolveAuditParams(db, input);
  const network = await interactionNetwork(db, params, { withMembers: true });
  const { columns, nodes: nodeNumbers, edges: counts } = network;
  const unlisted = unlistedPerAuthor(network);
  const { pairs: undirected, connected, communities } = undirectedNetwork(network);
  const interactions = undirected.weight.reduce((sum, w) => sum + w, 0);
  return [{
    nodes: nodeNumbers.length,
    connected: connected.length,
    isolated: nodeNumbers.length - connected.length,
    isolatedShare: nodeNumbers.length > 0 ? (nodeNumbers.length - connected.length) / nodeNumbers.length : 0,
    edges: counts.count,
    interactions,
    density: directedDensity(connected.length, counts.count),
    centralisation: memberCentralisation(columns.users.ids.length, undirected, connected),
    communities: communities.count,
    modularity: communities.modularity,
    unlistedReactions: unlisted.reduce((a, b) => a + b, 0),
  }];
}

export const networkSummaryQuery: QueryDefinition = {
  name: 'network-summary',
  summary: 'Interaction network shape: nodes, edges, density, Freeman centralisation, isolated share, Louvain communities, modularity',
  follows: 'TogetherCrew network health (density, decentralisation, fragmentation); Freeman degree centralisation; Louvain / Newman-Girvan modularity',
  scope: 'guild',
  params: [],
  run: networkSummary,
};
