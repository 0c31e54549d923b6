import { QueryParamError } from '../query-error';

/** Bounds a numeric query parameter must respect. */
export interface NumberBounds {
  /** Used when the parameter is absent (undefined, null or ''). */
  default: number;
  /** Smallest value allowed, inclusive. */
  min: number;
  /** Largest value allowed, inclusive. */
  max: number;
  /** Whole numbers only. */
  integer?: boolean;
}

/**
 * A query's own numeric parameter from a number (notebooks) or a string (`--param k=v` on the
 * CLI), checked against its bounds; anything else is a `QueryParamError` naming the parameter.
 *
 * @example
 * numberParam('45', 'gapMinutes', { default: 30, min: 1, max: 1440 }) // 45
 * numberParam(undefined, 'gapMinutes', { default: 30, min: 1, max: 1440 }) // 30
 */
export function numberParam(value: unknown, name: string, bounds: NumberBounds): number {
  if (value === undefined || value === null || value === '') return bounds.default;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : Number.NaN;
  const kind = bounds.integer ? 'a whole number' : 'a number';
  if (!Number.isFinite(n) || (bounds.integer && !Number.isInteger(n)) || n < bounds.min || n > bounds.max) {
    throw new QueryParamError(`${name} must be ${kind} from ${bounds.min} to ${bounds.max} (got '${String(value)}')`);
  }
  return n;
}
