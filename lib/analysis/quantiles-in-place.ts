/**
 * Quantiles of a long list, reordering `values` in place: the same results as `quantile`
 * (./percentiles.ts: linear interpolation between order statistics, the fraction
 * rounded to 1e-9), but by selecting the two order statistics each quantile needs in linear
 * time instead of copying and sorting the list for every quantile, which is too slow for the
 * 100,000s of response times of a large guild. Null for each when `values` is empty.
 *
 * @example
 * quantilesInPlace(Float64Array.of(40, 10, 30, 20, 50), [0.5, 0.9]) // [30, 46]
 */
export function quantilesInPlace(values: Float64Array, qs: readonly number[]): Array<number | null> {
  return qs.map((q) => {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be between 0 and 1 (got ${q})`);
    if (values.length === 0) return null;
    const h = (values.length - 1) * q;
    const lo = Math.floor(h + 1e-9);
    const fraction = Math.max(0, Math.round((h - lo) * 1e9) / 1e9);
    const below = select(values, lo);
    if (fraction === 0) return below;
    // Everything after `lo` is at least `below`: the next order statistic is their minimum.
    let above = values[lo + 1];
    for (let i = lo + 2; i < values.length; i++) if (values[i] < above) above = values[i];
    return below + fraction * (above - below);
  });
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
