import { PARAMETER_SETS_KEPT, perColumnsAndKey } from '../columns/columns-memo';
import { undirectedPairs, usersInIdOrder, type InteractionNetwork, type UndirectedPairs } from './interaction-network';
import { memberCommunities, type MemberCommunities } from './undirected-measures';

/** The network with direction dropped, as the undirected measures read it. */
export interface UndirectedNetwork {
  /** One entry per pair of members that interacted (see `undirectedPairs`). */
  pairs: UndirectedPairs;
  /** User numbers of the members at either end of an edge, in ID order. */
  connected: Int32Array;
  /** Louvain communities of the connected members (see `memberCommunities`). */
  communities: MemberCommunities;
}

const kept = perColumnsAndKey<UndirectedNetwork>(PARAMETER_SETS_KEPT);

/**
 * The undirected pairs, connected members and Louvain communities of the network's edges (its
 * nodes without edges play no part), worked out once per columns and parameters and shared by
 * network-summary and network-members: read-only.
 *
 * @example
 * const { connected, communities } = undirectedNetwork(await interactionNetwork(db, params, { withMembers: true }));
 */
export function undirectedNetwork(network: InteractionNetwork): UndirectedNetwork {
  return kept(network.columns, network.key, () => {
    const { columns, edges } = network;
    const isConnected = new Uint8Array(columns.users.ids.length);
    for (let e = 0; e < edges.count; e++) isConnected[edges.source[e]] = isConnected[edges.target[e]] = 1;
    const connected = usersInIdOrder(columns, isConnected);
    const pairs = undirectedPairs(network);
    return { pairs, connected, communities: memberCommunities(columns.users.ids.length, pairs, connected) };
  });
}
