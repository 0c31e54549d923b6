/**
 * Inequality of contributions (CHAOSS "Contributor Absence Factor" and concentration metrics).
 * Pure functions over counts, so notebooks can use them on any grouping.
 */

/**
 * Gini coefficient of non-negative values: 0 when everyone contributes the same, approaching 1
 * when one contributor does everything. 0 for an empty list.
 *
 * @example
 * gini([1, 1, 1]) // 0
 * gini([0, 0, 3]) // 0.666...
 */
export function gini(values: readonly number[]): number {
  const n = values.length;
  const total = values.reduce((a, b) => a + b, 0);
  if (n === 0 || total === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  let weighted = 0;
  sorted.forEach((v, i) => (weighted += (i + 1) * v));
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

/**
 * Share of the total held by the top `fraction` of contributors; the top group has
 * `ceil(fraction * n)` members, so there is always at least one.
 *
 * @example
 * topShare([5, 3, 1, 1], 0.1) // 0.5 (one contributor of four)
 */
export function topShare(values: readonly number[], fraction: number): number {
  const total = values.reduce((a, b) => a + b, 0);
  if (values.length === 0 || total === 0) return 0;
  const k = Math.max(1, Math.ceil(fraction * values.length));
  const top = [...values].sort((a, b) => b - a).slice(0, k);
  return top.reduce((a, b) => a + b, 0) / total;
}

/**
 * Contributor absence factor (CHAOSS): the fewest contributors whose contributions together
 * reach at least half of the total. 0 for an empty list.
 *
 * @example
 * absenceFactor([5, 3, 1, 1]) // 1
 */
export function absenceFactor(values: readonly number[]): number {
  const total = values.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const sorted = [...values].sort((a, b) => b - a);
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) {
    sum += sorted[i];
    if (2 * sum >= total) return i + 1;
  }
  return sorted.length;
}
