/**
 * The undirected measures of the interaction network (communities, modularity, centralisation)
 * on user numbers: no string per edge, which on a few hundred thousand edges cost more than
 * Louvain itself.
 */
import { bucketByKey } from '../../analysis/bucket-by-key';
import { csrFromSortedPairs, louvain, type SortedPairs } from '../../analysis/louvain';
import type { UndirectedPairs } from './interaction-network';

/** Louvain communities of the network's connected members, by user number. */
export interface MemberCommunities {
  /** Community of each user number: 1 is the largest, ties by smallest member ID; 0 for members not listed. */
  community: Int32Array;
  count: number;
  /** Newman–Girvan modularity of that partition on the undirected weighted graph. */
  modularity: number;
}

/**
 * Louvain communities (lib/analysis/louvain.ts) of the interaction network's connected members:
 * the graph of `undirectedPairs` among them, nodes in ID order; communities numbered by size, then
 * by their smallest member ID; with the Newman–Girvan modularity of that partition. Interaction
 * weights are whole numbers, so every sum is exact whatever its order.
 *
 * @example
 * const { community, modularity } = memberCommunities(columns.users.ids.length, undirectedPairs(network), connected);
 */
export function memberCommunities(users: number, undirected: UndirectedPairs, connected: Int32Array): MemberCommunities {
  const pairs = nodePairs(users, undirected, connected);
  const labels = louvain(csrFromSortedPairs(connected.length, pairs));

  // Number communities by size, then by their smallest member (the first in ID order).
  const size = new Map<number, number>();
  const firstMember = new Map<number, number>();
  labels.forEach((label, i) => {
    size.set(label, (size.get(label) ?? 0) + 1);
    if (!firstMember.has(label)) firstMember.set(label, i);
  });
  const ordered = [...size.keys()].sort((a, b) => size.get(b)! - size.get(a)! || firstMember.get(a)! - firstMember.get(b)!);
  const numberOf = new Map(ordered.map((label, i) => [label, i + 1]));
  const community = new Int32Array(users);
  const numbers = Array.from(labels, (label) => numberOf.get(label)!);
  connected.forEach((u, i) => (community[u] = numbers[i]));
  return { community, count: ordered.length, modularity: pairModularity(pairs, numbers) };
}

/**
 * The pairs among the connected members as node indexes (positions in ID order), sorted by
 * (a, b) with two counting sorts.
 */
function nodePairs(users: number, undirected: UndirectedPairs, connected: Int32Array): SortedPairs {
  const n = connected.length;
  const index = new Int32Array(users).fill(-1);
  connected.forEach((u, i) => (index[u] = i));
  const a = new Int32Array(undirected.count);
  const b = new Int32Array(undirected.count);
  const w = new Float64Array(undirected.count);
  let count = 0;
  for (let k = 0; k < undirected.count; k++) {
    const x = index[undirected.lo[k]];
    const y = index[undirected.hi[k]];
    if (x < 0 || y < 0 || !(undirected.weight[k] > 0)) continue;
    a[count] = Math.min(x, y);
    b[count] = Math.max(x, y);
    w[count++] = undirected.weight[k];
  }
  const order = bucketByKey(a, n, bucketByKey(b, n, count).order).order;
  const sorted = { count, a: new Int32Array(count), b: new Int32Array(count), weight: new Float64Array(count) };
  order.forEach((p, k) => {
    sorted.a[k] = a[p];
    sorted.b[k] = b[p];
    sorted.weight[k] = w[p];
  });
  return sorted;
}

/** Newman–Girvan modularity Σ_c (inside_c / m − (degree_c / 2m)²) of the pairs, given each node's community. */
function pairModularity(pairs: SortedPairs, labels: readonly number[]): number {
  let m = 0;
  for (let k = 0; k < pairs.count; k++) m += pairs.weight[k];
  if (m === 0) return 0;
  const inside = new Float64Array(labels.length + 1);
  const degree = new Float64Array(labels.length + 1);
  for (let k = 0; k < pairs.count; k++) {
    const ca = labels[pairs.a[k]];
    const cb = labels[pairs.b[k]];
    degree[ca] += pairs.weight[k];
    degree[cb] += pairs.weight[k];
    if (ca === cb) inside[ca] += pairs.weight[k];
  }
  let q = 0;
  for (let c = 1; c <= labels.length; c++) if (degree[c] > 0) q += inside[c] / m - (degree[c] / (2 * m)) ** 2;
  return q;
}

/**
 * Freeman's degree centralisation of the network's connected members: Σ (d_max − d_i) /
 * ((n − 1)(n − 2)), d = distinct neighbours (one per pair; direction and weights ignored); 1 for a
 * star, 0 when every member has the same degree; null below three members.
 *
 * @example
 * const centralisation = memberCentralisation(columns.users.ids.length, undirectedPairs(network), connected);
 */
export function memberCentralisation(users: number, undirected: UndirectedPairs, connected: Int32Array): number | null {
  const n = connected.length;
  if (n < 3) return null;
  const degree = new Int32Array(users);
  for (let k = 0; k < undirected.count; k++) {
    degree[undirected.lo[k]]++;
    degree[undirected.hi[k]]++;
  }
  let max = 0;
  for (const u of connected) max = Math.max(max, degree[u]);
  let spread = 0;
  for (const u of connected) spread += max - degree[u];
  return spread / ((n - 1) * (n - 2));
}
