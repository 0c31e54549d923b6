import { byId } from './id-order';

/**
 * PageRank with a seed (personalised PageRank), as a pure, deterministic function: the same
 * graph gives the same scores, bit for bit, whatever order its nodes are listed in.
 */

/** A directed, weighted edge. Parallel edges add up; weights must be finite and >= 0. */
export interface WeightedEdge {
  source: string;
  target: string;
  weight: number;
}

export interface PageRankOptions {
  /**
   * Probability of jumping back to the seed at each step (SourceCred's alpha; 1 − the classic
   * damping factor). Default 0.15, i.e. damping 0.85.
   */
  alpha?: number;
  /**
   * Where the walk restarts: a non-negative weight per node (nodes left out weigh 0), normalised
   * to sum 1. Default, or when every weight is 0: uniform over all nodes.
   */
  seed?: ReadonlyMap<string, number>;
  /** Stop when the scores move less than this in total (L1 norm) in one step. Default 1e-12. */
  tolerance?: number;
  /** Give up after this many steps (`converged` is then false). Default 10,000. */
  maxIterations?: number;
}

export interface PageRankResult {
  /** Score per node, summing to 1; in node-id order. */
  scores: Map<string, number>;
  /** The normalised seed the walk restarted from. */
  seed: Map<string, number>;
  iterations: number;
  converged: boolean;
}

/**
 * Power iteration of x ← alpha·s + (1 − alpha)·(Pᵀx + d(x)·s), where P follows each node's
 * out-edges in proportion to their weights, s is the seed and d(x) is the mass on nodes with no
 * out-edge (dangling nodes restart at the seed, as in SourceCred). Nodes are processed in id
 * order (JS string order), so float sums are identical run to run.
 *
 * @example
 * // A directed 3-cycle: every node gets 1/3.
 * pageRank(['a', 'b', 'c'], [{ source: 'a', target: 'b', weight: 1 }, { source: 'b', target: 'c', weight: 1 }, { source: 'c', target: 'a', weight: 1 }]).scores
 */
export function pageRank(nodes: Iterable<string>, edges: readonly WeightedEdge[], options: PageRankOptions = {}): PageRankResult {
  const ids = [...new Set(nodes)].sort(byId);
  const index = new Map(ids.map((id, i) => [id, i]));
  const numbered: NumberedEdges = { count: edges.length, source: new Int32Array(edges.length), target: new Int32Array(edges.length), weight: new Float64Array(edges.length) };
  edges.forEach((e, k) => {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined) throw new RangeError(`edge ${e.source} -> ${e.target} names a node not in the list`);
    numbered.source[k] = s;
    numbered.target[k] = t;
    numbered.weight[k] = e.weight;
  });
  const seed = options.seed === undefined ? undefined : Float64Array.from(ids, (id) => options.seed!.get(id) ?? 0);
  const result = numberedPageRank(ids.length, numbered, { ...options, seed, nodeName: (i) => ids[i] });
  return {
    scores: new Map(ids.map((id, i) => [id, result.scores[i]])),
    seed: new Map(ids.map((id, i) => [id, result.seed[i]])),
    iterations: result.iterations,
    converged: result.converged,
  };
}

/** Directed, weighted edges between nodes numbered 0..n−1: edge k runs from `source[k]` to `target[k]`. */
export interface NumberedEdges {
  count: number;
  source: Int32Array;
  target: Int32Array;
  /** Parallel edges add up; weights must be finite and >= 0. */
  weight: Float64Array;
}

export interface NumberedPageRankOptions extends Omit<PageRankOptions, 'seed'> {
  /** Restart weight per node number (see `PageRankOptions.seed`); default uniform. */
  seed?: Float64Array;
  /** How error messages name a node (default `node <number>`). */
  nodeName?: (node: number) => string;
}

/** `PageRankResult` by node number. */
export interface NumberedPageRankResult {
  scores: Float64Array;
  seed: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * `pageRank` on nodes numbered 0..n−1, processed in number order: with nodes numbered in ID
 * order, the same scores bit for bit as `pageRank` on the IDs, without a string or a map per
 * edge — for callers that number their nodes already (the network queries' user numbers).
 *
 * @example
 * // A directed 3-cycle: every node gets 1/3.
 * numberedPageRank(3, { count: 3, source: Int32Array.of(0, 1, 2), target: Int32Array.of(1, 2, 0), weight: Float64Array.of(1, 1, 1) }).scores
 */
export function numberedPageRank(n: number, edges: NumberedEdges, options: NumberedPageRankOptions = {}): NumberedPageRankResult {
  const alpha = options.alpha ?? 0.15;
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 10_000;
  const name = options.nodeName ?? ((node: number) => `node ${node}`);
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be between 0 and 1 (got ${alpha})`);
  if (!(tolerance > 0)) throw new RangeError(`tolerance must be positive (got ${tolerance})`);

  const seed = normalisedSeed(n, options.seed, name);
  if (n === 0) return { scores: new Float64Array(0), seed, iterations: 0, converged: true };
  const { offsets, targets, shares } = outShares(n, edges, name);

  let x = Float64Array.from(seed);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const next = new Float64Array(n);
    let dangling = 0;
    for (let u = 0; u < n; u++) {
      if (offsets[u] === offsets[u + 1]) {
        dangling += x[u];
        continue;
      }
      const flow = (1 - alpha) * x[u];
      for (let k = offsets[u]; k < offsets[u + 1]; k++) next[targets[k]] += flow * shares[k];
    }
    const restart = alpha + (1 - alpha) * dangling;
    let change = 0;
    for (let v = 0; v < n; v++) {
      next[v] += restart * seed[v];
      change += Math.abs(next[v] - x[v]);
    }
    x = next;
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  return { scores: x, seed, iterations, converged };
}

/**
 * Each node's out-edges (weight > 0) merged per target, targets ascending, as shares of the
 * node's out-weight: parallel edges add up in their given order, and each total adds up in
 * target order, so every sum runs in one fixed order.
 */
function outShares(n: number, edges: NumberedEdges, name: (node: number) => string): { offsets: Int32Array; targets: Int32Array; shares: Float64Array } {
  const perSource = new Int32Array(n + 1);
  for (let k = 0; k < edges.count; k++) {
    const [s, t, w] = [edges.source[k], edges.target[k], edges.weight[k]];
    if (!(s >= 0 && s < n && t >= 0 && t < n)) throw new RangeError(`edge ${s} -> ${t} names a node outside 0..${n - 1}`);
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`edge ${name(s)} -> ${name(t)} has a bad weight ${w}`);
    if (w > 0) perSource[s + 1]++;
  }
  for (let u = 0; u < n; u++) perSource[u + 1] += perSource[u];
  // Bucketed by source in the given order (a stable counting sort).
  const fill = perSource.slice(0, n);
  const order = new Int32Array(perSource[n]);
  for (let k = 0; k < edges.count; k++) if (edges.weight[k] > 0) order[fill[edges.source[k]]++] = k;

  const offsets = new Int32Array(n + 1);
  const targets = new Int32Array(order.length);
  const shares = new Float64Array(order.length);
  let at = 0;
  for (let u = 0; u < n; u++) {
    const segment = order.subarray(perSource[u], perSource[u + 1]);
    if (!isSortedBy(segment, edges.target)) Array.from(segment).sort((a, b) => edges.target[a] - edges.target[b] || a - b).forEach((k, i) => (segment[i] = k));
    const first = at;
    for (let i = 0; i < segment.length; i++) {
      const k = segment[i];
      if (at > first && targets[at - 1] === edges.target[k]) shares[at - 1] += edges.weight[k];
      else {
        targets[at] = edges.target[k];
        shares[at++] = edges.weight[k];
      }
    }
    let total = 0;
    for (let j = first; j < at; j++) total += shares[j];
    for (let j = first; j < at; j++) shares[j] /= total;
    offsets[u + 1] = at;
  }
  return { offsets, targets: targets.subarray(0, at), shares: shares.subarray(0, at) };
}

/** Whether the entries' keys ascend (ties allowed: parallel edges). */
function isSortedBy(entries: Int32Array, key: Int32Array): boolean {
  for (let i = 1; i < entries.length; i++) if (key[entries[i]] < key[entries[i - 1]]) return false;
  return true;
}

function normalisedSeed(n: number, seed: Float64Array | undefined, name: (node: number) => string): Float64Array {
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = seed?.[i] ?? 0;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`seed weight of ${name(i)} must be finite and >= 0 (got ${w})`);
    weights[i] = w;
  }
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return weights.fill(n > 0 ? 1 / n : 0);
  return weights.map((w) => w / total);
}
