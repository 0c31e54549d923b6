import { QueryParamError } from '../query-error';
import type { Granularity } from '../time-buckets';

/**
 * A query's own parameters from loose input (strings from the CLI, numbers from a notebook),
 * checked once with an error that names the parameter. Shared by the activity and growth queries.
 */

/**
 * The granularity asked for, one of `allowed`; `fallback` when absent.
 *
 * @example
 * granularityParam('week', ['week', 'month'], 'week') // 'week'
 */
export function granularityParam<G extends Granularity>(value: unknown, allowed: readonly G[], fallback: G): G {
  if (value === undefined || value === null || value === '') return fallback;
  const text = String(value).trim().toLowerCase();
  const found = allowed.find((g) => g === text);
  if (!found) throw new QueryParamError(`granularity must be ${allowed.join(', ')} (got '${String(value)}')`);
  return found;
}

/** Bounds a numeric parameter must keep. */
export interface NumberRules {
  /** Smallest allowed value (inclusive). */
  min?: number;
  integer?: boolean;
}

/**
 * A number parameter; `fallback` when absent (null: the parameter stays unset).
 *
 * @example
 * numberParam('28', 'window', 28, { min: 1, integer: true }) // 28
 */
export function numberParam<F extends number | null>(value: unknown, name: string, fallback: F, rules: NumberRules = {}): number | F {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  const wanted = `${rules.integer ? 'an integer' : 'a number'}${rules.min !== undefined ? ` >= ${rules.min}` : ''}`;
  if (!Number.isFinite(n) || (rules.integer && !Number.isInteger(n)) || (rules.min !== undefined && n < rules.min)) {
    throw new QueryParamError(`${name} must be ${wanted} (got '${String(value)}')`);
  }
  return n;
}
