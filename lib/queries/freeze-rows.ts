/**
 * Freezes parsed query rows all the way down (the array, each row, and any arrays or objects
 * inside a row), so rows shared between callers by the memory cache cannot be changed by one of
 * them. Rows hold JSON values only, so this visits plain arrays and objects and nothing else.
 * Returns its argument, typed read-only.
 *
 * @example
 * const rows = freezeRows(JSON.parse(json));
 * rows[0].messages = 1; // TypeError in strict mode
 */
export function freezeRows<R extends object>(rows: R[]): readonly R[] {
  return deepFreeze(rows);
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) for (const item of value) deepFreeze(item);
  else for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}
