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
  const alpha = options.alpha ?? 0.15;
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 10_000;
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be between 0 and 1 (got ${alpha})`);
  if (!(tolerance > 0)) throw new RangeError(`tolerance must be positive (got ${tolerance})`);

  const ids = [...new Set(nodes)].sort(byId);
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const seed = normalisedSeed(ids, options.seed);
  if (n === 0) return { scores: new Map(), seed: new Map(), iterations: 0, converged: true };

  // Out-edges per node, merged and sorted by target, so each sum runs in one fixed order.
  const out: Array<Map<number, number>> = ids.map(() => new Map());
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined) throw new RangeError(`edge ${e.source} -> ${e.target} names a node not in the list`);
    if (!(e.weight >= 0) || !Number.isFinite(e.weight)) throw new RangeError(`edge ${e.source} -> ${e.target} has a bad weight ${e.weight}`);
    if (e.weight > 0) out[s].set(t, (out[s].get(t) ?? 0) + e.weight);
  }
  const targets = out.map((m) => Int32Array.from([...m.keys()].sort((a, b) => a - b)));
  const shares = out.map((m, i) => {
    const total = [...targets[i]].reduce((sum, t) => sum + m.get(t)!, 0);
    return Float64Array.from(targets[i], (t) => m.get(t)! / total);
  });

  let x = Float64Array.from(seed);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const next = new Float64Array(n);
    let dangling = 0;
    for (let u = 0; u < n; u++) {
      if (targets[u].length === 0) {
        dangling += x[u];
        continue;
      }
      const flow = (1 - alpha) * x[u];
      for (let k = 0; k < targets[u].length; k++) next[targets[u][k]] += flow * shares[u][k];
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
  return {
    scores: new Map(ids.map((id, i) => [id, x[i]])),
    seed: new Map(ids.map((id, i) => [id, seed[i]])),
    iterations,
    converged,
  };
}

function normalisedSeed(ids: readonly string[], seed: ReadonlyMap<string, number> | undefined): Float64Array {
  const weights = Float64Array.from(ids, (id) => {
    const w = seed?.get(id) ?? 0;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`seed weight of ${id} must be finite and >= 0 (got ${w})`);
    return w;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return weights.fill(ids.length > 0 ? 1 / ids.length : 0);
  return weights.map((w) => w / total);
}
