import { byId } from '../../analysis/id-order';

const ranked = new WeakMap<readonly string[], Int32Array>();

/**
 * The rank of each ID of a list in the one ID order of the analysis code (JS string order, see
 * `byId`), so rows keyed by user or channel number sort by plain integer comparison. Computed
 * once per list: the columns' `users.ids` and `channels.ids` live as long as the columns.
 *
 * @example
 * const rank = idRanks(columns.users.ids);
 * pairs.sort((a, b) => rank[a.source] - rank[b.source]); // same order as byId on the IDs
 */
export function idRanks(ids: readonly string[]): Int32Array {
  let rank = ranked.get(ids);
  if (rank === undefined || rank.length !== ids.length) {
    const order = Array.from(ids.keys()).sort((a, b) => byId(ids[a], ids[b]));
    rank = new Int32Array(ids.length);
    order.forEach((i, r) => (rank![i] = r));
    ranked.set(ids, rank);
  }
  return rank;
}
