/**
 * The one order for IDs and names across the analysis code: JS string order (UTF-16 code
 * units), identical on every machine, unlike locale comparison or SQL collations.
 *
 * @example
 * ['b', 'a', 'B'].sort(byId) // ['B', 'a', 'b']
 */
export function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
