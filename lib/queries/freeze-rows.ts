/** Rows frozen where they are, with an estimate of their JSON's length. */
export interface FrozenRows<R> {
  rows: readonly R[];
  /** About how many characters the rows' JSON has (exact for ASCII strings without escapes, numbers counted as 8). */
  chars: number;
}

/**
 * Freezes query rows all the way down (the array, each row, and any arrays or objects inside a
 * row), so rows shared between callers by the memory cache cannot be changed by one of them —
 * but only when they are exactly what their JSON round trip would give back: plain objects and
 * arrays of strings, finite numbers other than -0, booleans and null, with no undefined property
 * or array item. Then a fresh result equals a cached one without making and parsing the text.
 * Returns undefined, freezing nothing, for anything else (a Date, a typed array, NaN...): the
 * caller then takes the JSON round trip, which knows every rule.
 *
 * A query's rows are handed over: they must not hold objects or arrays the query keeps and
 * changes later (a per-columns cache), which would be frozen too.
 *
 * @example
 * freezeRows([{ n: 1, tags: ['a'] }]); // { rows: [{ n: 1, tags: ['a'] }] frozen, chars: 22 }
 * freezeRows([{ when: new Date() }]); // undefined
 */
export function freezeRows<R extends object>(rows: R[]): FrozenRows<R> | undefined {
  const found: Found = { objects: [], chars: 0 };
  if (!isJsonValue(rows, found)) return undefined;
  for (const object of found.objects) Object.freeze(object);
  return { rows, chars: found.chars };
}

/** Rows just parsed from JSON, frozen all the way down. */
export function freezeParsedRows<R extends object>(rows: R[]): readonly R[] {
  return freezeRows(rows)!.rows;
}

/** What the walk found: every object and array, and the JSON's length so far. */
interface Found {
  objects: object[];
  chars: number;
}

/**
 * Whether JSON would give `value` back as it is; collects its objects and counts its characters.
 * Small, like `isJsonScalar`, so the optimiser inlines both into the loops over a container's
 * items (most of a result's values): only containers cost a call.
 */
function isJsonValue(value: unknown, found: Found): boolean {
  return typeof value === 'object' && value !== null ? isJsonContainer(value, found) : isJsonScalar(value, found);
}

/** `isJsonValue` for anything but a non-null object. */
function isJsonScalar(value: unknown, found: Found): boolean {
  switch (typeof value) {
    case 'string':
      found.chars += value.length + 2;
      return true;
    case 'number':
      found.chars += 8;
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'boolean':
      found.chars += 5;
      return true;
    case 'object': // null
      found.chars += 4;
      return true;
    default:
      return false; // undefined, a function, a symbol, a bigint
  }
}

/** `isJsonValue` for an object or array. */
function isJsonContainer(value: object, found: Found): boolean {
  const prototype = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (prototype !== Array.prototype) return false;
    found.chars += 2 + value.length;
    for (let i = 0; i < value.length; i++) if (!isJsonValue(value[i], found)) return false; // a hole reads as undefined
  } else {
    if ((prototype !== Object.prototype && prototype !== null) || 'toJSON' in value) return false;
    found.chars += 2;
    // for-in: several times quicker than Object.keys here, and the same keys for a plain
    // object (its prototype, Object's or none, has no enumerable properties).
    for (const key in value) {
      found.chars += key.length + 4;
      if (!isJsonValue((value as Record<string, unknown>)[key], found)) return false;
    }
  }
  found.objects.push(value);
  return true;
}
