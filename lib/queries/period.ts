import { parseIsoTimestamp } from '../archives/timestamp';
import { dayParam } from './param-values';
import { QueryParamError } from './query-error';
import { DAY_MS } from './time-buckets';
import { fromLocal } from './time-zone';

/** A period of a query across guilds, as epoch ms: `from` inclusive, `to` exclusive, null = open. */
export interface Period {
  from: number | null;
  to: number | null;
}

/** What a caller may give as a period's end: an ISO time, a date, epoch ms or a Date. */
export type TimeInput = string | number | Date | null | undefined;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A query's period, for guild queries (through `resolveAuditParams`) and queries across guilds
 * alike: an ISO time, or a date meaning midnight in `timeZone` (default UTC), or epoch ms.
 * Throws `QueryParamError` naming the bad value, or when `from` is not before `to`.
 *
 * @example
 * parsePeriod({ from: '2024-01-01', to: '2024-02-01T12:00:00Z' }) // { from: 1704067200000, to: 1706788800000 }
 */
export function parsePeriod(input: { from?: TimeInput; to?: TimeInput }, timeZone = 'UTC'): Period {
  const from = parseInstant(input.from, 'from', timeZone);
  const to = parseInstant(input.to, 'to', timeZone);
  if (from !== null && to !== null && from >= to) {
    throw new QueryParamError(`the period is empty or inverted: from ${new Date(from).toISOString()} is not before to ${new Date(to).toISOString()}`);
  }
  return { from, to };
}

function parseInstant(value: TimeInput, name: string, timeZone: string): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date && Number.isFinite(value.getTime())) return value.getTime();
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const text = String(value).trim();
  // A date alone is midnight where the reader is; dayParam refuses days that do not exist.
  if (DATE_ONLY.test(text)) return fromLocal((dayParam(text, name) as number) * DAY_MS, timeZone);
  const ms = parseIsoTimestamp(text);
  if (ms !== null) return ms;
  throw new QueryParamError(`${name} must be a date (2024-01-31) or an ISO time (2024-01-31T12:00:00Z); got '${text}'`);
}
