/**
 * The Louvain method (Blondel, Guillaume, Lambiotte & Lefebvre 2008) on an undirected weighted
 * graph of integer nodes 0..n−1, without randomness: nodes are visited in index order and ties
 * keep the first community found, so the same graph always gives the same partition.
 *
 * Written here rather than taken from a graph library: on interaction networks of a few
 * thousand members and a few hundred thousand edges, building a general-purpose graph object
 * cost ten times more than the whole method does on plain typed arrays.
 */

/** An undirected graph as adjacency lists (CSR): node i's neighbours are `targets[offsets[i] .. offsets[i+1])`. */
export interface CsrGraph {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  /** Weight of each adjacency entry; a self-loop's entry holds twice its weight, so degrees add up. */
  weights: Float64Array;
}

/** Undirected pairs of nodes a < b with their weights, each pair once, sorted by (a, b). */
export interface SortedPairs {
  count: number;
  a: Int32Array;
  b: Int32Array;
  weight: Float64Array;
}

/**
 * CSR adjacency from pairs sorted by (a, b), listing each pair under both ends: filled in that
 * order, each node's neighbours come out ascending (the lower ones, then the higher ones), so no
 * list needs sorting and no tuple per pair is made.
 *
 * @example
 * const g = csrFromSortedPairs(3, { count: 2, a: Int32Array.of(0, 1), b: Int32Array.of(1, 2), weight: Float64Array.of(1, 1) }); // the path 0 - 1 - 2
 */
export function csrFromSortedPairs(n: number, pairs: SortedPairs): CsrGraph {
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < pairs.count; k++) {
    offsets[pairs.a[k] + 1]++;
    offsets[pairs.b[k] + 1]++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(offsets[n]);
  const weights = new Float64Array(offsets[n]);
  for (let k = 0; k < pairs.count; k++) {
    const a = pairs.a[k];
    const b = pairs.b[k];
    targets[fill[a]] = b;
    weights[fill[a]++] = pairs.weight[k];
    targets[fill[b]] = a;
    weights[fill[b]++] = pairs.weight[k];
  }
  return { n, offsets, targets, weights };
}

/**
 * Louvain communities: community index per node (0-based, in order of first appearance by node
 * index). `resolution` γ scales the null model (1 = Newman–Girvan modularity).
 *
 * @example
 * // two triangles 0-1-2 and 3-4-5 joined by 2 - 3
 * const pairs = { count: 7, a: Int32Array.of(0, 0, 1, 2, 3, 3, 4), b: Int32Array.of(1, 2, 2, 3, 4, 5, 5), weight: new Float64Array(7).fill(1) };
 * louvain(csrFromSortedPairs(6, pairs)) // [0, 0, 0, 1, 1, 1]
 */
export function louvain(graph: CsrGraph, resolution = 1): Int32Array {
  let membership = Int32Array.from({ length: graph.n }, (_, i) => i);
  let level = graph;
  for (;;) {
    const local = moveNodes(level, resolution);
    const count = local.reduce((max, c) => Math.max(max, c + 1), 0);
    if (count === level.n) break; // no node moved: this level is final
    membership = membership.map((c) => local[c]);
    level = aggregate(level, local, count);
  }
  return renumber(membership);
}

/** Phase 1: move single nodes to the neighbouring community that raises modularity most, until none moves. */
function moveNodes(g: CsrGraph, resolution: number): Int32Array {
  const { n, offsets, targets, weights } = g;
  const k = new Float64Array(n);
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    for (let e = offsets[i]; e < offsets[i + 1]; e++) k[i] += weights[e];
    m2 += k[i];
  }
  const community = Int32Array.from({ length: n }, (_, i) => i);
  if (m2 === 0) return community;
  const total = Float64Array.from(k);
  const linkTo = new Float64Array(n);
  const touched = new Int32Array(n);
  const EPSILON = 1e-12;
  for (let pass = 0, moved = true; moved && pass < 1000; pass++) {
    moved = false;
    for (let i = 0; i < n; i++) {
      const own = community[i];
      let count = 0;
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        const j = targets[e];
        if (j === i) continue;
        const c = community[j];
        if (linkTo[c] === 0) touched[count++] = c;
        linkTo[c] += weights[e];
      }
      total[own] -= k[i];
      const gain = (c: number) => linkTo[c] - (resolution * total[c] * k[i]) / m2;
      let best = own;
      let bestGain = gain(own);
      for (let t = 0; t < count; t++) {
        const c = touched[t];
        if (c !== own && gain(c) > bestGain + EPSILON) {
          best = c;
          bestGain = gain(c);
        }
      }
      total[best] += k[i];
      if (best !== own) {
        community[i] = best;
        moved = true;
      }
      for (let t = 0; t < count; t++) linkTo[touched[t]] = 0;
      linkTo[own] = 0;
    }
  }
  return renumber(community);
}

/** Phase 2: one node per community; weights between communities add up, inside ones become self-loops. */
function aggregate(g: CsrGraph, community: Int32Array, count: number): CsrGraph {
  const between = new Map<number, number>();
  for (let i = 0; i < g.n; i++) {
    for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++) {
      const a = community[i];
      const b = community[g.targets[e]];
      // Each undirected pair is listed twice, so a ≤ b keeps one copy of between-community
      // edges; inside a community both copies land on (a, a), which is the doubled self-loop.
      if (a > b) continue;
      const key = a * count + b;
      between.set(key, (between.get(key) ?? 0) + g.weights[e]);
    }
  }
  const keys = [...between.keys()].sort((x, y) => x - y);
  const degree = new Int32Array(count);
  for (const key of keys) {
    const a = Math.floor(key / count);
    const b = key % count;
    degree[a]++;
    if (a !== b) degree[b]++;
  }
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i] + degree[i];
  const fill = offsets.slice(0, count);
  const targets = new Int32Array(offsets[count]);
  const weights = new Float64Array(offsets[count]);
  for (const key of keys) {
    const a = Math.floor(key / count);
    const b = key % count;
    const w = between.get(key)!;
    targets[fill[a]] = b;
    weights[fill[a]++] = w;
    if (a !== b) {
      targets[fill[b]] = a;
      weights[fill[b]++] = w;
    }
  }
  for (let i = 0; i < count; i++) sortSegment(targets, weights, offsets[i], offsets[i + 1]);
  return { n: count, offsets, targets, weights };
}

/** Community numbers 0..k−1 in order of first appearance. */
function renumber(labels: Int32Array): Int32Array {
  const map = new Map<number, number>();
  return labels.map((c) => {
    let r = map.get(c);
    if (r === undefined) map.set(c, (r = map.size));
    return r;
  });
}

/** Sorts one adjacency list by target, carrying weights along. */
function sortSegment(targets: Int32Array, weights: Float64Array, from: number, to: number): void {
  if (to - from < 2) return;
  const order = Array.from({ length: to - from }, (_, i) => from + i).sort((x, y) => targets[x] - targets[y]);
  const t = order.map((e) => targets[e]);
  const w = order.map((e) => weights[e]);
  for (let i = 0; i < t.length; i++) {
    targets[from + i] = t[i];
    weights[from + i] = w[i];
  }
}
