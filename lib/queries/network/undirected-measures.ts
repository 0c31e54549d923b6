/**
 * The undirected measures of the interaction network (communities, centralisation) on user
 * numbers, as lib/analysis computes them on member IDs: the same values without a string per edge.
 */
import { csrFromPairs, louvain } from '../../analysis/louvain';
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
 * `louvainCommunities` (lib/analysis/communities.ts) of the interaction network, on user numbers:
 * the same graph (`undirectedPairs` among the connected members, nodes in ID order), the same
 * Louvain pass and the same numbering and modularity, without a string key per edge — on a few
 * hundred thousand edges the string lookups cost more than Louvain itself. Interaction weights
 * are whole numbers, so every sum is exact whatever its order.
 *
 * @example
 * const { community, modularity } = memberCommunities(columns.users.ids.length, undirectedPairs(network), connected);
 */
export function memberCommunities(users: number, undirected: UndirectedPairs, connected: Int32Array): MemberCommunities {
  // Node index = position among the connected members, which come in ID order.
  const index = new Int32Array(users).fill(-1);
  connected.forEach((u, i) => (index[u] = i));
  const n = connected.length;
  const pairs: Array<[number, number, number]> = [];
  for (let k = 0; k < undirected.count; k++) {
    const a = index[undirected.lo[k]];
    const b = index[undirected.hi[k]];
    if (a >= 0 && b >= 0 && undirected.weight[k] > 0) pairs.push(a < b ? [a, b, undirected.weight[k]] : [b, a, undirected.weight[k]]);
  }
  const labels = louvain(csrFromPairs(n, pairs));

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

/** Modularity of pairs of node indexes, given each index's community (as communities.ts computes it). */
function pairModularity(pairs: ReadonlyArray<readonly [number, number, number]>, labels: readonly number[]): number {
  let m = 0;
  for (let k = 0; k < pairs.length; k++) m += pairs[k][2];
  if (m === 0) return 0;
  const inside = new Float64Array(labels.length + 1);
  const degree = new Float64Array(labels.length + 1);
  for (let k = 0; k < pairs.length; k++) {
    const ca = labels[pairs[k][0]];
    const cb = labels[pairs[k][1]];
    degree[ca] += pairs[k][2];
    degree[cb] += pairs[k][2];
    if (ca === cb) inside[ca] += pairs[k][2];
  }
  let q = 0;
  for (let c = 1; c <= labels.length; c++) if (degree[c] > 0) q += inside[c] / m - (degree[c] / (2 * m)) ** 2;
  return q;
}

/**
 * `freemanCentralisation` (lib/analysis/network-measures.ts) on user numbers: Σ (d_max − d_i) /
 * ((n − 1)(n − 2)) over the connected members, d = distinct neighbours (one per pair); null
 * below three nodes. Whole numbers throughout, so exactly the same value.
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
