/**
 * Whole-network measures of an interaction graph, as pure functions (Freeman's centralisation,
 * on user numbers, is in lib/queries/network/undirected-measures.ts).
 */

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
