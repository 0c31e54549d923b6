import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';
import { dayParam } from '../queries/param-values';
import { checkTimeZone } from '../queries/time-zone';
import type { NotebookEntry } from './notebook-catalog';

/**
 * The parameters a dashboard page offers, when the notebook declares them. Others (a user to
 * look at, a label to record, a CSV file to write) are never taken from viewers.
 */
export const PAGE_PARAMETERS = ['guild', 'from', 'to', 'timeZone'] as const;

/** A request the server refuses, with the HTTP status and a message for the viewer. */
export class PageRequestError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'PageRequestError';
  }
}

/** The page parameters `entry` declares, in form order. */
export function offeredParameters(entry: NotebookEntry): string[] {
  const declared = new Set(entry.declarations.map((d) => d.name));
  return PAGE_PARAMETERS.filter((p) => declared.has(p));
}

/** Refuses anything but a real calendar date, with the rule the queries themselves apply. */
function checkDate(name: string, value: string): void {
  try {
    dayParam(value, name);
  } catch {
    throw new PageRequestError(`'${name}' must be a date written YYYY-MM-DD (got '${value}')`);
  }
}

function checkPageTimeZone(value: string): void {
  try {
    checkTimeZone(value);
  } catch {
    throw new PageRequestError(`'timeZone' must be an IANA time zone such as UTC or Europe/Berlin (got '${value}')`);
  }
}

/**
 * Reads a page's query string: only the offered names, each at most once, dates as YYYY-MM-DD
 * with `from` before `to`, a real time zone. Values are trimmed; empty ones are dropped (the
 * notebook's default then applies). Returns the values sorted by name, so equal requests give
 * equal cache keys.
 */
export function readPageParameters(query: URLSearchParams, offered: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, raw] of query) {
    const value = raw.trim();
    if (!offered.includes(name)) {
      throw new PageRequestError(`unknown parameter '${name}'; this page takes ${offered.length ? offered.join(', ') : 'no parameters'}`);
    }
    if (query.getAll(name).length > 1) throw new PageRequestError(`parameter '${name}' is given more than once`);
    if (value === '') continue;
    if (value.length > 200) throw new PageRequestError(`parameter '${name}' is too long`);
    if (name === 'from' || name === 'to') checkDate(name, value);
    if (name === 'timeZone') checkPageTimeZone(value);
    if (name === 'guild' && !/^\d{1,25}$/.test(value)) throw new PageRequestError(`'guild' must be a guild ID, digits only (got '${value}')`);
    values[name] = value;
  }
  if (values.from && values.to && values.from >= values.to) {
    throw new PageRequestError(`'from' (${values.from}) must be before 'to' (${values.to}, exclusive)`);
  }
  return Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Refuses a guild the database does not hold. */
export async function checkGuildExists(db: Kysely<Database>, guild: string | undefined): Promise<void> {
  if (!guild) return;
  const row = await db.selectFrom('guilds').select('id').where('id', '=', guild).executeTakeFirst();
  if (!row) throw new PageRequestError(`unknown guild '${guild}': the database holds no guild with that ID`);
}

/** The values as a query string (`a=1&b=2`), in the given order. */
export function queryString(values: Record<string, string>): string {
  return new URLSearchParams(values).toString();
}
