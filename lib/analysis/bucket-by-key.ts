/** Entries grouped by an integer key: key `x`'s entries are `order[start[x]]` up to `order[start[x + 1]]`. */
export interface Buckets {
  /** Where each key's group starts in `order`, and (last) the number of entries. */
  start: Int32Array;
  /** The entries, key after key, each key's in the order they were given. */
  order: Int32Array;
}

/**
 * Groups entries by `keys[entry]` (integers 0..range−1) with a stable counting sort: two passes,
 * no comparisons, no key per entry. `entries` lists the entries in the order ties keep; a count
 * `n` stands for 0..n−1. The queries use it to walk a guild's columns per user, channel or group.
 *
 * @example
 * bucketByKey(Int32Array.of(1, 0, 1), 2, 3) // { start: [0, 1, 3], order: [1, 0, 2] }
 */
export function bucketByKey(keys: Int32Array, range: number, entries: Int32Array | number): Buckets {
  const start = new Int32Array(range + 1);
  const order = new Int32Array(typeof entries === 'number' ? entries : entries.length);
  if (typeof entries === 'number') {
    for (let e = 0; e < entries; e++) start[keys[e] + 1]++;
  } else {
    for (let k = 0; k < entries.length; k++) start[keys[entries[k]] + 1]++;
  }
  for (let x = 0; x < range; x++) start[x + 1] += start[x];
  const fill = start.slice(0, range);
  if (typeof entries === 'number') {
    for (let e = 0; e < entries; e++) order[fill[keys[e]]++] = e;
  } else {
    for (let k = 0; k < entries.length; k++) order[fill[keys[entries[k]]]++] = entries[k];
  }
  return { start, order };
}
