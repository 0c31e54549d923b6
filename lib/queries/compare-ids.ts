/**
 * Snowflakes in numeric order (shorter is smaller), without BigInt or text collation, so row
 * order is the same on every engine.
 *
 * @example
 * ['300', '1000', '20'].sort(compareIds) // ['20', '300', '1000']
 */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
