/**
 * Means and spreads over trailing windows, for "far above the usual level" rules (bursts).
 * Pure functions over numbers, so notebooks can use them on any daily series.
 */

/** Mean and population standard deviation of a window. */
export interface WindowStats {
  mean: number;
  sd: number;
}

/**
 * Mean and population standard deviation (divided by n, not n - 1) of `values`; both 0 for an
 * empty list.
 *
 * @example
 * meanAndSd([2, 4, 4, 4, 5, 5, 7, 9]) // { mean: 5, sd: 2 }
 */
export function meanAndSd(values: readonly number[]): WindowStats {
  const n = values.length;
  if (n === 0) return { mean: 0, sd: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  // Two passes: the spread around the mean, not E[x²] - E[x]², which loses precision.
  const variance = values.reduce((a, v) => a + (v - mean) * (v - mean), 0) / n;
  return { mean, sd: Math.sqrt(variance) };
}

/**
 * For each position `i`, the stats of the `window` values just before it (`values[i - window]`
 * to `values[i - 1]`, the value itself excluded); null where fewer than `window` values precede.
 *
 * @example
 * trailingStats([1, 3, 5, 7], 2) // [null, null, { mean: 2, sd: 1 }, { mean: 4, sd: 1 }]
 */
export function trailingStats(values: readonly number[], window: number): Array<WindowStats | null> {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a positive integer (got ${window})`);
  return values.map((_, i) => (i < window ? null : meanAndSd(values.slice(i - window, i))));
}
