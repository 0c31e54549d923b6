import type { GuildColumns } from './guild-columns';

/**
 * Wraps `derive` so that it runs once per columns object: the columns never change (new data
 * gives new columns), so the value stays right as long as they live, and it is dropped with them
 * (a WeakMap). Every caller gets the same value: treat it as read-only. A `derive` that throws
 * keeps nothing, so the next call tries again.
 *
 * @example
 * export const answeredMessages = perColumns((columns) => flagsFrom(columns));
 */
export function perColumns<T>(derive: (columns: GuildColumns) => T): (columns: GuildColumns) => T {
  const kept = new WeakMap<GuildColumns, T>();
  return (columns) => {
    if (kept.has(columns)) return kept.get(columns)!;
    const value = derive(columns);
    kept.set(columns, value);
    return value;
  };
}

/**
 * Parameter sets the query memos keep per columns: the queries of one audit share one set, and a
 * second lets two compared periods alternate. Each set can hold tens of MB on a million messages
 * (a period's interactions, lifecycle windows), and repeated queries are served by the result
 * cache anyway.
 */
export const PARAMETER_SETS_KEPT = 2;

/**
 * A memo for values that depend on the columns and on parameters: `memo(columns, key, derive)`
 * runs `derive` once per columns object and key — a string naming everything besides the columns
 * that the value depends on — keeping the `size` most recently used keys of each columns object
 * (a query run with many parameter sets does not pile up values). Shared and dropped as with
 * `perColumns`: treat values as read-only. A value may be a promise (so concurrent callers
 * share one computation); one that rejects is forgotten, as is a `derive` that throws.
 *
 * @example
 * const scopes = perColumnsAndKey<Int32Array>(4);
 * const scoped = scopes(columns, `${params.from}|${params.to}`, () => slice(columns, params));
 */
export function perColumnsAndKey<T>(size: number): (columns: GuildColumns, key: string, derive: () => T) => T {
  const kept = new WeakMap<GuildColumns, Map<string, T>>();
  return (columns, key, derive) => {
    const byKey = kept.get(columns) ?? kept.set(columns, new Map()).get(columns)!;
    if (byKey.has(key)) {
      const value = byKey.get(key)!;
      byKey.delete(key); // re-inserted: the map's order is least recently used first
      byKey.set(key, value);
      return value;
    }
    const value = derive();
    byKey.set(key, value);
    if (value instanceof Promise) value.catch(() => byKey.get(key) === value && byKey.delete(key));
    if (byKey.size > size) byKey.delete(byKey.keys().next().value!);
    return value;
  };
}
