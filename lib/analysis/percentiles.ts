/**
 * Percentiles of plain values and of counted values (a histogram), by linear interpolation
 * between order statistics: the method NumPy and R use by default ("type 7") and Excel's
 * PERCENTILE.INC, so an analyst can check a figure in any of them.
 * Pure functions: SQL engines disagree on percentiles (SQLite has none), so queries bring the
 * values or a histogram into JS and compute them here.
 */

/**
 * The `q` quantile (0 ≤ q ≤ 1) of `values` by linear interpolation: with the values sorted,
 * position h = (n − 1)·q, result = v[⌊h⌋] + (h − ⌊h⌋)·(v[⌊h⌋+1] − v[⌊h⌋]). Null for no values.
 *
 * @example
 * quantile([1, 2, 3, 4], 0.5) // 2.5
 * quantile([10, 20, 30, 40, 50], 0.9) // 46
 */
export function quantile(values: readonly number[], q: number): number | null {
  return quantilesInPlace(Float64Array.from(values), [q])[0];
}

/**
 * The quantiles `qs` of a long list, as `quantile` gives them, reordering `values` in place:
 * each quantile selects the two order statistics it needs in linear time instead of sorting
 * the list (a large guild has 100,000s of response times). Null for each when `values` is empty.
 *
 * @example
 * quantilesInPlace(Float64Array.of(40, 10, 30, 20, 50), [0.5, 0.9]) // [30, 46]
 */
export function quantilesInPlace(values: Float64Array, qs: readonly number[]): Array<number | null> {
  return qs.map((q) => {
    checkQ(q);
    if (values.length === 0) return null;
    const [lo, fraction] = position(values.length, q);
    const below = select(values, lo);
    if (fraction === 0) return below;
    // Everything after `lo` is at least `below`: the next order statistic is their minimum.
    let above = values[lo + 1];
    for (let i = lo + 2; i < values.length; i++) if (values[i] < above) above = values[i];
    return below + fraction * (above - below);
  });
}

/** The median (0.5 quantile) of `values`, null for none. @example median([3, 1, 2]) // 2 */
export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

/**
 * The `q` quantile of a histogram — pairs of value and how many times it occurs — as `quantile`
 * would give on the expanded list, without expanding it (a guild has millions of messages but few
 * distinct conversation lengths). Pairs may come in any order; counts must be non-negative
 * integers. Null when the counts add up to 0.
 *
 * @example
 * quantileOfCounts([[1, 3], [4, 1]], 0.5) // 1 (the list 1, 1, 1, 4)
 */
export function quantileOfCounts(counts: ReadonlyArray<readonly [value: number, count: number]>, q: number): number | null {
  checkQ(q);
  const sorted = counts.filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const [lo, fraction] = position(total, q);
  const below = valueAt(sorted, lo);
  return fraction === 0 ? below : below + fraction * (valueAt(sorted, lo + 1) - below);
}

/**
 * Index and fraction of h = (n − 1)·q; the fraction is rounded to 1e-9 so that float noise
 * (3.6 − 3 = 0.6000000000000001) does not leak into results people compare by hand.
 */
function position(n: number, q: number): [number, number] {
  const h = (n - 1) * q;
  const lo = Math.floor(h + 1e-9);
  return [lo, Math.max(0, Math.round((h - lo) * 1e9) / 1e9)];
}

function checkQ(q: number): void {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be between 0 and 1 (got ${q})`);
}

/** The value at 0-based position `index` of the expanded, sorted histogram. */
function valueAt(sorted: ReadonlyArray<readonly [number, number]>, index: number): number {
  let seen = 0;
  for (const [value, n] of sorted) {
    seen += n;
    if (index < seen) return value;
  }
  return sorted[sorted.length - 1][0];
}

/** The arithmetic mean of a histogram's values, null when it is empty. @example meanOfCounts([[1, 3], [4, 1]]) // 1.75 */
export function meanOfCounts(counts: ReadonlyArray<readonly [value: number, count: number]>): number | null {
  let total = 0;
  let sum = 0;
  for (const [value, n] of counts) {
    total += n;
    sum += value * n;
  }
  return total === 0 ? null : sum / total;
}

/**
 * Hoare's selection: reorders `a` so that `a[k]` is its k-th smallest value (0-based), with no
 * larger value before it and no smaller one after it, and returns it.
 */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (left < right) {
    // Median of three as the pivot: sorted or reversed runs stay linear.
    const x = a[left];
    const y = a[(left + right) >>> 1];
    const z = a[right];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    // Now a[left..j] <= pivot <= a[i..right], and whatever lies between equals the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k];
}
