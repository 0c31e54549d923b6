/**
 * Whole-network measures of an interaction graph (density, Freeman degree centralisation), as
 * pure functions over node ids and edges, so notebooks can apply them to any graph.
 */

/** An edge of a graph; only its two ends matter here. */
export interface GraphEdge {
  source: string;
  target: string;
}

/**
 * Density of a directed graph without self-loops: the share of the n·(n − 1) possible ordered
 * pairs that have an edge. Null below two nodes, where no pair is possible.
 *
 * @example
 * directedDensity(3, 6) // 1 (every ordered pair)
 * directedDensity(4, 3) // 0.25
 */
export function directedDensity(nodes: number, edges: number): number | null {
  return nodes < 2 ? null : edges / (nodes * (nodes - 1));
}

/**
 * Freeman's degree centralisation of the undirected simple graph underneath `edges` (direction,
 * weights and repeated edges ignored; self-loops dropped): Σ (d_max − d_i) / ((n − 1)(n − 2)),
 * 1 for a star, 0 when every node has the same degree (a cycle, a complete graph). Degrees are
 * counts of distinct neighbours. Null below three nodes, where the denominator vanishes.
 *
 * @example
 * freemanCentralisation(['hub', 'a', 'b', 'c'], [{ source: 'hub', target: 'a' }, { source: 'b', target: 'hub' }, { source: 'hub', target: 'c' }]) // 1
 */
export function freemanCentralisation(nodes: Iterable<string>, edges: readonly GraphEdge[]): number | null {
  const neighbours = new Map<string, Set<string>>();
  for (const id of nodes) neighbours.set(id, new Set());
  for (const { source, target } of edges) {
    if (source === target) continue;
    const a = neighbours.get(source);
    const b = neighbours.get(target);
    if (!a || !b) throw new RangeError(`edge ${source} -> ${target} names a node not in the list`);
    a.add(target);
    b.add(source);
  }
  const n = neighbours.size;
  if (n < 3) return null;
  const degrees = [...neighbours.values()].map((s) => s.size);
  const max = degrees.reduce((a, b) => Math.max(a, b), 0);
  const spread = degrees.reduce((sum, d) => sum + (max - d), 0);
  return spread / ((n - 1) * (n - 2));
}
