import type { GuildColumns } from '../columns';
import { PARAMETER_SETS_KEPT, perColumnsAndKey } from '../columns/columns-memo';
import type { InteractionNetwork } from './interaction-network';

const kept = perColumnsAndKey<Float64Array>(PARAMETER_SETS_KEPT);

/**
 * `unlistedReactions` per author over the network's period, worked out once per columns and
 * parameters: network-summary and contributor-scores both report them. Read-only.
 *
 * @example
 * const unlisted = unlistedPerAuthor(await interactionNetwork(db, params, { withMembers: false }));
 */
export function unlistedPerAuthor(network: InteractionNetwork): Float64Array {
  return kept(network.columns, network.key, () =>
    unlistedReactions(reactionTotals(network.columns, network.scoped, network.excluded), network.edges.listedReactions));
}

/**
 * Reactions counted on each author's messages in scope (`interactionScope`; the `count` Discord
 * showed, listed reactors or not), by user number; excluded authors get 0.
 *
 * @example
 * const counted = reactionTotals(columns, scoped, excluded);
 */
export function reactionTotals(columns: GuildColumns, scoped: Int32Array, excluded: Uint8Array): Float64Array {
  const counted = new Float64Array(columns.users.ids.length);
  for (const i of scoped) counted[columns.messages.author[i]] += columns.reactionCounts[i];
  for (let u = 0; u < counted.length; u++) if (excluded[u] === 1) counted[u] = 0;
  return counted;
}

/**
 * Reactions the archive counts but whose reacting members it does not list, per author (by
 * user number): counted − listed, or 0. Old DiscordChatExporter versions list no reactors at
 * all, and newer ones can list fewer than the count (accounts gone, super reactions): such
 * reactions cannot become edges, so the queries say how many there are instead of guessing who
 * reacted.
 *
 * @example
 * unlistedReactions(Float64Array.of(5, 1), Int32Array.of(3, 2)) // Float64Array [2, 0]
 */
export function unlistedReactions(counted: Float64Array, listed: Int32Array): Float64Array {
  return counted.map((n, u) => Math.max(0, n - listed[u]));
}
