import type { Kysely } from 'kysely';
import { byId } from '../../analysis/id-order';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { excludedUsers } from './excluded-users';
import { countInteractions } from './interactions';
import { membersSeen } from './members-seen';

/** A directed edge of the interaction network: everything `source` did towards `target`. */
export interface NetworkEdge {
  source: string;
  target: string;
  replies: number;
  mentions: number;
  reactions: number;
  /** replies + mentions + reactions: every interaction weighs 1. */
  weight: number;
}

/** The directed interaction network of a period (see `countInteractions` for what an edge is). */
export interface InteractionNetwork {
  /**
   * Everyone at either end of an interaction and, when asked for (it costs a pass over the
   * messages), every member seen without one: authors of any message in scope, command
   * invokers. In ID order.
   */
  nodes: string[];
  /** Edges sorted by source, then target (JS string order). */
  edges: NetworkEdge[];
  /** Listed reactors per author of the message reacted to (see `InteractionCounts`). */
  listedReactions: Map<string, number>;
}

/**
 * Builds the period's interaction network: directed, weighted edges and, with `withMembers`,
 * every member seen as a node (so isolated members count).
 *
 * @example
 * const { nodes, edges } = await interactionNetwork(db, params, { withMembers: true });
 */
export async function interactionNetwork(
  db: Kysely<Database>,
  params: AuditParams,
  options: { withMembers: boolean; excluded?: ReadonlySet<string> },
): Promise<InteractionNetwork> {
  const excluded = options.excluded ?? (await excludedUsers(db, params));
  const [{ counts, listedReactions }, seen] = await Promise.all([
    countInteractions(db, params, { excluded }),
    options.withMembers ? membersSeen(db, params, excluded) : null,
  ]);
  const edges = counts.map((c) => ({
    source: c.source, target: c.target, replies: c.replies, mentions: c.mentions, reactions: c.reactions,
    weight: c.replies + c.mentions + c.reactions,
  }));
  const nodes = new Set(seen ?? []);
  for (const e of edges) {
    nodes.add(e.source);
    nodes.add(e.target);
  }
  return { nodes: [...nodes].sort(byId), edges, listedReactions };
}
