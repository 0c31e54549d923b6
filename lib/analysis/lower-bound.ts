/**
 * The first index in `values[from, to)` (sorted ascending) whose value is >= `at`; `to` when
 * there is none. The binary search every sorted column lookup uses.
 *
 * @example
 * lowerBound(Int32Array.of(1, 3, 3, 7), 3) // 1
 */
export function lowerBound(values: ArrayLike<number>, at: number, from = 0, to = values.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
