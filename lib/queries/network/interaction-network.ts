import type { Kysely } from 'kysely';
import type { NumberedEdges } from '../../analysis/pagerank';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import type { GuildColumns } from '../columns';
import { PARAMETER_SETS_KEPT, perColumnsAndKey } from '../columns/columns-memo';
import { idOrder } from '../columns/id-ranks';
import { countInteractions, type InteractionCounts } from './interactions';
import { membersWithMessages } from './members-seen';
import { periodInteractions } from './period-interactions';

/** The directed interaction network of a period (see `InteractionEvents` for what an interaction is). */
export interface InteractionNetwork {
  columns: GuildColumns;
  /** The messages in scope (`interactionScope`) and the accounts left out (`excludedUserMask`). */
  scoped: Int32Array;
  excluded: Uint8Array;
  /**
   * User numbers of everyone at either end of an interaction and, when asked for, every member
   * seen without one: authors of any message in scope, command invokers. In ID order.
   */
  nodes: Int32Array;
  /** The edges: interaction counts per (source, target), sorted by source, then target ID. Shared: read-only. */
  edges: InteractionCounts;
  /** Names the interactions' parameters (see `PeriodInteractions.key`): the key of anything derived from the edges. */
  key: string;
}

const countsKept = perColumnsAndKey<InteractionCounts>(PARAMETER_SETS_KEPT);

/**
 * Builds the period's interaction network: directed, weighted edges (every interaction weighs 1)
 * and, with `withMembers`, every member seen as a node (so isolated members count). The edges
 * are counted once per columns and parameters (see `periodInteractions`) and shared by the
 * network queries.
 *
 * @example
 * const { nodes, edges } = await interactionNetwork(db, params, { withMembers: true });
 */
export async function interactionNetwork(
  db: Kysely<Database>,
  params: AuditParams,
  options: { withMembers: boolean },
): Promise<InteractionNetwork> {
  const { columns, scoped, excluded, events, key } = await periodInteractions(db, params);
  const edges = countsKept(columns, key, () => countInteractions(columns, events));
  const isNode = options.withMembers ? (await membersWithMessages(db, columns, params, excluded)).seen.slice() : new Uint8Array(columns.users.ids.length);
  for (let e = 0; e < edges.count; e++) isNode[edges.source[e]] = isNode[edges.target[e]] = 1;
  return { columns, scoped, excluded, nodes: usersInIdOrder(columns, isNode), edges, key };
}

/** User numbers marked 1, in ID order. */
export function usersInIdOrder(columns: GuildColumns, marked: Uint8Array): Int32Array {
  return idOrder(columns.users.ids).filter((u) => marked[u] === 1);
}

/** Edges between user numbers with interaction amounts by kind (pair counts, or the contributor walk's weights). */
export interface EdgesByKind {
  count: number;
  source: Int32Array;
  target: Int32Array;
  replies: ArrayLike<number>;
  mentions: ArrayLike<number>;
  reactions: ArrayLike<number>;
}

/**
 * The edges as `numberedPageRank` takes them: each end numbered by its position in `nodes`
 * (user numbers in ID order, holding both ends of every edge), weight = replies + mentions +
 * reactions.
 *
 * @example
 * const { scores } = numberedPageRank(network.nodes.length, nodeEdges(columns, network.nodes, network.edges));
 */
export function nodeEdges(columns: GuildColumns, nodes: Int32Array, edges: EdgesByKind): NumberedEdges {
  const position = new Int32Array(columns.users.ids.length);
  nodes.forEach((u, i) => (position[u] = i));
  const out = { count: edges.count, source: new Int32Array(edges.count), target: new Int32Array(edges.count), weight: new Float64Array(edges.count) };
  for (let k = 0; k < edges.count; k++) {
    out.source[k] = position[edges.source[k]];
    out.target[k] = position[edges.target[k]];
    out.weight[k] = edges.replies[k] + edges.mentions[k] + edges.reactions[k];
  }
  return out;
}

/** The network with direction dropped: one entry per pair of members (user numbers, lo < hi). */
export interface UndirectedPairs {
  count: number;
  lo: Int32Array;
  hi: Int32Array;
  /** Everything the two exchanged, both directions added. */
  weight: Float64Array;
}

/**
 * The edges with direction dropped, as the undirected measures (communities, centralisation)
 * take them: bucketed by the lower user number, the other ends merged in a scratch array indexed
 * by user number. Weights are whole numbers, so the sums are exact.
 *
 * @example
 * const pairs = undirectedPairs(network);
 */
export function undirectedPairs(network: InteractionNetwork): UndirectedPairs {
  const users = network.columns.users.ids.length;
  const e = network.edges;
  const start = new Int32Array(users + 1);
  for (let k = 0; k < e.count; k++) start[Math.min(e.source[k], e.target[k]) + 1]++;
  for (let u = 0; u < users; u++) start[u + 1] += start[u];
  const other = new Int32Array(e.count);
  const weight = new Float64Array(e.count);
  const fill = start.slice(0, users);
  for (let k = 0; k < e.count; k++) {
    const at = fill[Math.min(e.source[k], e.target[k])]++;
    other[at] = Math.max(e.source[k], e.target[k]);
    weight[at] = e.replies[k] + e.mentions[k] + e.reactions[k];
  }
  const slot = new Int32Array(users).fill(-1);
  const pairs = { count: 0, lo: new Int32Array(e.count), hi: new Int32Array(e.count), weight: new Float64Array(e.count) };
  for (let lo = 0; lo < users; lo++) {
    for (let k = start[lo]; k < start[lo + 1]; k++) {
      const hi = other[k];
      if (slot[hi] < 0) {
        slot[hi] = pairs.count;
        pairs.lo[pairs.count] = lo;
        pairs.hi[pairs.count++] = hi;
      }
      pairs.weight[slot[hi]] += weight[k];
    }
    for (let k = start[lo]; k < start[lo + 1]; k++) slot[other[k]] = -1;
  }
  return pairs;
}
