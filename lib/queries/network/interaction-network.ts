import type { Kysely } from 'kysely';
import type { WeightedEdge } from '../../analysis/pagerank';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { guildColumns, type GuildColumns } from '../columns';
import { idRanks } from '../columns/id-ranks';
import { excludedUsers } from './excluded-users';
import { countInteractions, interactionEvents, type InteractionCounts } from './interactions';
import { membersWithMessages } from './members-seen';

/** The directed interaction network of a period (see `InteractionEvents` for what an interaction is). */
export interface InteractionNetwork {
  columns: GuildColumns;
  /**
   * User numbers of everyone at either end of an interaction and, when asked for, every member
   * seen without one: authors of any message in scope, command invokers. In ID order.
   */
  nodes: Int32Array;
  /** The edges: interaction counts per (source, target), sorted by source, then target ID. */
  edges: InteractionCounts;
}

/**
 * Builds the period's interaction network: directed, weighted edges (every interaction weighs 1)
 * and, with `withMembers`, every member seen as a node (so isolated members count).
 *
 * @example
 * const { nodes, edges } = await interactionNetwork(db, params, { withMembers: true });
 */
export async function interactionNetwork(
  db: Kysely<Database>,
  params: AuditParams,
  options: { withMembers: boolean },
): Promise<InteractionNetwork> {
  const columns = await guildColumns(db, params.guild);
  const excluded = await excludedUsers(db, columns, params);
  const edges = countInteractions(columns, await interactionEvents(db, columns, params, { excluded }));
  const isNode = options.withMembers ? (await membersWithMessages(db, columns, params, excluded)).seen : new Uint8Array(columns.users.ids.length);
  for (let e = 0; e < edges.count; e++) isNode[edges.source[e]] = isNode[edges.target[e]] = 1;
  return { columns, nodes: usersInIdOrder(columns, isNode), edges };
}

/** User numbers marked 1, in ID order. */
export function usersInIdOrder(columns: GuildColumns, marked: Uint8Array): Int32Array {
  const rank = idRanks(columns.users.ids);
  const byRank = new Int32Array(rank.length).fill(-1);
  for (let u = 0; u < marked.length; u++) if (marked[u] === 1) byRank[rank[u]] = u;
  return byRank.filter((u) => u >= 0);
}

/** The edges as the analysis functions take them: member IDs, weight = replies + mentions + reactions. */
export function weightedEdges(network: InteractionNetwork): WeightedEdge[] {
  const { ids } = network.columns.users;
  const e = network.edges;
  const out: WeightedEdge[] = new Array(e.count);
  for (let k = 0; k < e.count; k++) out[k] = { source: ids[e.source[k]], target: ids[e.target[k]], weight: e.replies[k] + e.mentions[k] + e.reactions[k] };
  return out;
}
