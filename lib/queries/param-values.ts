/**
 * Parsing of queries' own parameters, which arrive as strings from the CLI
 * (`--param alpha=0.2`) or as typed values from notebooks. Bad values throw `QueryParamError`
 * naming the parameter. The common guild parameters are in audit-params.ts.
 */
import { QueryParamError } from './query-error';
import { DAY_MS, type Granularity } from './time-buckets';

export interface NumberRule<D extends number | null = number> {
  /** Used when the value is absent (undefined, null or ''); null leaves the parameter unset. */
  default: D;
  /** Inclusive bounds. */
  min?: number;
  max?: number;
  /** Exclusive bounds: the value must be greater than `above` and less than `below`. */
  above?: number;
  below?: number;
  integer?: boolean;
}

/**
 * A number from a number or a numeric string, checked against `rule`.
 *
 * @example
 * numberParam('0.2', 'alpha', { default: 0.2, above: 0, max: 1 }) // 0.2
 */
export function numberParam<D extends number | null = number>(value: unknown, name: string, rule: NumberRule<D>): number | D {
  if (value === undefined || value === null || value === '') return rule.default;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : Number.NaN;
  const wanted = describe(rule);
  if (!Number.isFinite(n)) throw new QueryParamError(`${name} must be ${wanted} (got '${String(value)}')`);
  if (rule.integer && !Number.isInteger(n)) throw new QueryParamError(`${name} must be ${wanted} (got ${n})`);
  const outside =
    (rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max) ||
    (rule.above !== undefined && n <= rule.above) || (rule.below !== undefined && n >= rule.below);
  if (outside) {
    throw new QueryParamError(`${name} must be ${wanted} (got ${n})`);
  }
  return n;
}

function describe(rule: NumberRule<number | null>): string {
  const kind = rule.integer ? 'a whole number' : 'a number';
  const bounds = [
    rule.above !== undefined ? `> ${rule.above}` : null,
    rule.min !== undefined ? `>= ${rule.min}` : null,
    rule.max !== undefined ? `<= ${rule.max}` : null,
    rule.below !== undefined ? `< ${rule.below}` : null,
  ].filter(Boolean);
  return bounds.length > 0 ? `${kind} ${bounds.join(' and ')}` : kind;
}

/**
 * Weights by key (emoji, channel, role): `key=weight` pairs, comma-separated or as a list, or a
 * plain object from a notebook. Weights are numbers >= 0. Empty when absent.
 *
 * @example
 * weightsParam('👍=2,🎉=0.5', 'emojiWeights') // Map { '👍' => 2, '🎉' => 0.5 }
 * weightsParam({ Moderator: 3 }, 'roleWeights') // Map { 'Moderator' => 3 }
 */
export function weightsParam(value: unknown, name: string): Map<string, number> {
  const weights = new Map<string, number>();
  if (value === undefined || value === null || value === '') return weights;
  let pairs: Array<[string, unknown]>;
  if (typeof value === 'string' || Array.isArray(value)) {
    const items = (Array.isArray(value) ? value.map(String) : value.split(',')).map((s) => s.trim()).filter(Boolean);
    pairs = items.map((item) => {
      const at = item.lastIndexOf('=');
      if (at <= 0) throw new QueryParamError(`${name} must be key=weight pairs, e.g. ${name}=abc=2,def=0.5 (got '${item}')`);
      return [item.slice(0, at).trim(), item.slice(at + 1).trim()];
    });
  } else if (typeof value === 'object') {
    pairs = Object.entries(value as Record<string, unknown>);
  } else {
    throw new QueryParamError(`${name} must be key=weight pairs (got ${typeof value})`);
  }
  for (const [key, raw] of pairs) weights.set(key, numberParam(raw === '' ? Number.NaN : raw, `${name} weight of '${key}'`, { default: 1, min: 0 }));
  return weights;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A local day number (days since 1970-01-01 in the query's time zone) from `YYYY-MM-DD`; null
 * when absent.
 *
 * @example
 * dayParam('2024-03-01', 'day') // 19783
 */
export function dayParam(value: unknown, name: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const text = String(value).trim();
  const m = DATE.exec(text);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || new Date(ms).toISOString().slice(0, 10) !== text) throw new QueryParamError(`${name} must be a date like 2024-03-01 (got '${text}')`);
  return ms / DAY_MS;
}

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
