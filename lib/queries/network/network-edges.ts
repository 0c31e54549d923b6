import type { Kysely } from 'kysely';
import { bucketByKey } from '../../analysis/bucket-by-key';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import type { QueryDefinition } from '../query-definition';
import { interactionNetwork } from './interaction-network';
import { memberNames, nameOf } from './member-names';

/** One directed edge of the interaction network. */
export interface NetworkEdgeRow {
  source: string;
  sourceName: string;
  target: string;
  targetName: string;
  /** Replies by source to a message of target. */
  replies: number;
  /** Mentions of target by source (a reply's automatic ping of the replied-to author not counted again). */
  mentions: number;
  /** Reactions by source to target's messages, where the archive lists the reacting members. */
  reactions: number;
  /** replies + mentions + reactions. */
  weight: number;
}

/**
 * The directed, weighted interaction network, after TogetherCrew's interaction graph (author →
 * target for replies, mentions and reactions). Replies and mentions are dated by their message;
 * reactions have no time of their own and take the time and channel of the message reacted to.
 * Reactions count only where the archive lists who reacted. Self-interactions are not edges;
 * bots and staff are left out at either end unless included. Heaviest edges first, then by
 * source and target ID.
 *
 * @example
 * const edges = await networkEdges(db, { guild: '755126265953910784', from: '2024-01-01' });
 */
export async function networkEdges(db: Kysely<Database>, input: AuditParamsInput): Promise<NetworkEdgeRow[]> {
  const params = await resolveAuditParams(db, input);
  const { columns, edges: e } = await interactionNetwork(db, params, { withMembers: false });
  const names = await memberNames(db, columns);
  const { ids } = columns.users;
  const name = ids.map((id) => nameOf(names, id));
  const weight = new Int32Array(e.count);
  for (let k = 0; k < e.count; k++) weight[k] = e.replies[k] + e.mentions[k] + e.reactions[k];
  // The edges come in (source, target) ID order: a stable sort by weight keeps it for ties.
  const rows: NetworkEdgeRow[] = new Array(e.count);
  heaviestFirst(weight).forEach((k, at) => {
    const s = e.source[k];
    const t = e.target[k];
    rows[at] = {
      source: ids[s], sourceName: name[s], target: ids[t], targetName: name[t],
      replies: e.replies[k], mentions: e.mentions[k], reactions: e.reactions[k], weight: weight[k],
    };
  });
  return rows;
}

/** Positions by weight, heaviest first, equal weights in position order (a counting sort). */
function heaviestFirst(weight: Int32Array): Int32Array {
  const max = weight.reduce((a, b) => Math.max(a, b), 0);
  return bucketByKey(weight.map((w) => max - w), max + 1, weight.length).order;
}

export const networkEdgesQuery: QueryDefinition = {
  name: 'network-edges',
  summary: 'Directed interaction edges (source -> target): replies, mentions, reactions and their total',
  follows: 'TogetherCrew interaction graph: reply/mention/reaction edges author -> target; reactions take the time of the message reacted to',
  scope: 'guild',
  params: [],
  run: networkEdges,
};
