/**
 * Communities of an interaction graph by member ID, treated as undirected: the weight between
 * two members is everything they exchanged, both directions added.
 */
import { byId } from './id-order';
import { csrFromPairs, louvain } from './louvain';
import type { WeightedEdge } from './pagerank';

export interface Communities {
  /** Community of each node: 1 is the largest community, ties by smallest member ID. */
  community: Map<string, number>;
  count: number;
  /** Newman–Girvan modularity of that partition on the undirected weighted graph. */
  modularity: number;
}

/**
 * Louvain communities (see louvain.ts) of the undirected weighted graph underneath `edges`
 * (both directions of a pair added, self-loops dropped). Every node listed gets a community; a
 * node without edges is alone in its own. Deterministic: nodes are taken in ID order.
 *
 * @example
 * const { community, modularity } = louvainCommunities(['a', 'b', 'c', 'x', 'y', 'z'], edges);
 */
export function louvainCommunities(nodes: Iterable<string>, edges: readonly WeightedEdge[], resolution = 1): Communities {
  const ids = [...new Set(nodes)].sort(byId);
  const index = new Map(ids.map((id, i) => [id, i]));
  const pairs = undirectedPairs(index, edges);
  const labels = louvain(csrFromPairs(ids.length, pairs), resolution);

  // Number communities by size, then by their smallest member ID, so numbers mean something.
  const members = new Map<number, string[]>();
  ids.forEach((id, i) => {
    const list = members.get(labels[i]);
    if (list) list.push(id);
    else members.set(labels[i], [id]);
  });
  const ordered = [...members.values()].sort((a, b) => b.length - a.length || byId(a[0], b[0]));
  const community = new Map<string, number>();
  ordered.forEach((list, i) => list.forEach((id) => community.set(id, i + 1)));
  const numbers = ids.map((id) => community.get(id)!);
  return { community: new Map(ids.map((id, i) => [id, numbers[i]])), count: ordered.length, modularity: pairModularity(pairs, numbers) };
}

/**
 * Newman–Girvan modularity of a partition of the undirected weighted graph underneath `edges`:
 * Q = Σ_c [ L_c / m − (D_c / 2m)² ], with m the total edge weight, L_c the weight inside
 * community c and D_c the summed weighted degree of its members. 0 for a graph without edges.
 *
 * @example
 * // Two triangles joined by one edge, each triangle a community: 2·(3/7 − (7/14)²) = 5/14.
 * modularity(edges, new Map([['a', 1], ['b', 1], ['c', 1], ['x', 2], ['y', 2], ['z', 2]]))
 */
export function modularity(edges: readonly WeightedEdge[], community: ReadonlyMap<string, number>): number {
  const ids = [...community.keys()].sort(byId);
  const index = new Map(ids.map((id, i) => [id, i]));
  return pairModularity(undirectedPairs(index, edges), ids.map((id) => community.get(id)!));
}

/** Modularity of pairs of node indexes, given each index's community. */
function pairModularity(pairs: ReadonlyArray<readonly [number, number, number]>, labels: readonly number[]): number {
  const m = pairs.reduce((sum, [, , w]) => sum + w, 0);
  if (m === 0) return 0;
  const inside = new Map<number, number>();
  const degree = new Map<number, number>();
  const add = (map: Map<number, number>, key: number, w: number) => map.set(key, (map.get(key) ?? 0) + w);
  for (const [a, b, w] of pairs) {
    const ca = labels[a];
    const cb = labels[b];
    add(degree, ca, w);
    add(degree, cb, w);
    if (ca === cb) add(inside, ca, w);
  }
  let q = 0;
  for (const c of [...degree.keys()].sort((a, b) => a - b)) q += (inside.get(c) ?? 0) / m - (degree.get(c)! / (2 * m)) ** 2;
  return q;
}

/**
 * Undirected pairs [a, b, weight] of node indexes, a < b, both directions added, sorted by
 * (a, b). Built with typed arrays: a Map keyed by pair cost most of the whole analysis on a
 * graph of a few hundred thousand edges.
 */
function undirectedPairs(index: ReadonlyMap<string, number>, edges: readonly WeightedEdge[]): Array<[number, number, number]> {
  const n = index.size;
  const lows = new Int32Array(edges.length);
  const highs = new Int32Array(edges.length);
  const count = new Int32Array(n + 1);
  edges.forEach((e, i) => {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined) throw new RangeError(`edge ${e.source} - ${e.target} names a node not in the list`);
    lows[i] = s === t || !(e.weight > 0) ? -1 : Math.min(s, t);
    highs[i] = Math.max(s, t);
    if (lows[i] >= 0) count[lows[i] + 1]++;
  });
  for (let a = 0; a < n; a++) count[a + 1] += count[a];
  const fill = count.slice(0, n);
  const order = new Int32Array(count[n]);
  edges.forEach((_, i) => {
    if (lows[i] >= 0) order[fill[lows[i]]++] = i;
  });
  const pairs: Array<[number, number, number]> = [];
  for (let a = 0; a < n; a++) {
    // Within one low end, edges sorted by high end then by their position, so equal pairs add up in input order.
    const segment = Array.from(order.subarray(count[a], count[a + 1])).sort((x, y) => highs[x] - highs[y] || x - y);
    for (const i of segment) {
      const last = pairs[pairs.length - 1];
      if (last && last[0] === a && last[1] === highs[i]) last[2] += edges[i].weight;
      else pairs.push([a, highs[i], edges[i].weight]);
    }
  }
  return pairs;
}
