import { byId } from '../../analysis/id-order';

const ranked = new WeakMap<readonly string[], Int32Array>();
const ordered = new WeakMap<readonly string[], Int32Array>();

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

/**
 * The positions of a list's IDs in ID order: the inverse of `idRanks` (`idOrder(ids)[idRanks(ids)[i]] === i`),
 * computed once per list. Read-only: it is shared.
 *
 * @example
 * for (const u of idOrder(columns.users.ids)) if (active[u]) rows.push(columns.users.ids[u]); // rows in ID order
 */
export function idOrder(ids: readonly string[]): Int32Array {
  const rank = idRanks(ids);
  let order = ordered.get(ids);
  if (order === undefined || order.length !== ids.length) {
    order = new Int32Array(ids.length);
    for (let i = 0; i < rank.length; i++) order[rank[i]] = i;
    ordered.set(ids, order);
  }
  return order;
}
