import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';

/** A result row: an object of JSON values only, so a cached copy is identical to a fresh one. */
export type Row = object;

/** One parameter a query takes besides the common ones. */
export interface ParamSpec {
  name: string;
  type: 'string' | 'number' | 'boolean' | 'list';
  description: string;
  /** Shown in `--list`; the query applies it when the parameter is absent. */
  default?: string | number | boolean;
  required?: boolean;
}

/**
 * A named audit query as the CLI, notebooks and dashboards call it. `guild` queries take the
 * common parameters (guild, from, to, channels, timeZone, includeBots, includeStaff, staffRoles);
 * `global` ones work across guilds and take only their own.
 */
export interface QueryDefinition {
  name: string;
  /** One line for `guildaudit query --list`. */
  summary: string;
  /** Which published definition it follows. */
  follows: string;
  scope: 'guild' | 'global';
  params: ParamSpec[];
  /** Runs with raw parameters (from the CLI or a page); the query validates them. */
  run(db: Kysely<Database>, params: any): Promise<Row[]>;
}

/** The common parameters of `guild` queries, for `--list` and validation. */
export const COMMON_PARAMS: ParamSpec[] = [
  { name: 'guild', type: 'string', description: 'guild ID', required: true },
  { name: 'from', type: 'string', description: 'start, inclusive: date (midnight in timeZone) or ISO time' },
  { name: 'to', type: 'string', description: 'end, exclusive: date or ISO time' },
  { name: 'channels', type: 'list', description: 'channel or category IDs (threads included)' },
  { name: 'timeZone', type: 'string', description: 'IANA time zone for days, weeks and hours', default: 'UTC' },
  { name: 'includeBots', type: 'boolean', description: 'count bots and webhooks', default: false },
  { name: 'includeStaff', type: 'boolean', description: 'count staff', default: false },
  { name: 'staffRoles', type: 'list', description: 'role names or IDs that make a member staff (none by default)' },
];
