/**
 * Entry numbers in the order of `rank[keys[entry]]`, ties kept in the order of `within` (or of
 * entry number): a stable counting sort in O(entries + ranks), so sorting by the last key first
 * and the first key last sorts by several keys, with no comparison and no object per entry.
 *
 * @example
 * const bySourceThenTarget = countingOrder(source, rank, countingOrder(target, rank, null));
 */
export function countingOrder(keys: Int32Array, rank: Int32Array, within: Int32Array | null): Int32Array {
  const start = new Int32Array(rank.length + 1);
  for (let e = 0; e < keys.length; e++) start[rank[keys[e]] + 1]++;
  for (let r = 0; r < rank.length; r++) start[r + 1] += start[r];
  const order = new Int32Array(keys.length);
  for (let k = 0; k < keys.length; k++) {
    const e = within === null ? k : within[k];
    order[start[rank[keys[e]]]++] = e;
  }
  return order;
}
