import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';
import { QueryParamError } from './query-error';
import { parsePeriod } from './period';
import { checkTimeZone } from './time-zone';

/** What a caller may pass to any guild metric (loose: strings from the CLI are fine). */
export interface AuditParamsInput {
  /** Guild ID (required). */
  guild: string;
  /** Start of the period, inclusive: ISO time, or a date (midnight in `timeZone`), or epoch ms. */
  from?: string | number | Date | null;
  /** End of the period, exclusive: as `from`. */
  to?: string | number | Date | null;
  /** Only these channels or categories (their channels, threads and forum posts included). */
  channels?: string[] | string | null;
  /** IANA time zone for days, weeks, hours (default UTC). */
  timeZone?: string;
  /** Count bot and webhook accounts (default false). */
  includeBots?: boolean | string;
  /** Count staff (default false; staff are members holding one of `staffRoles`). */
  includeStaff?: boolean | string;
  /** Role names or IDs that make a member staff (default: none, so nobody is staff). */
  staffRoles?: string[] | string | null;
}

/** The normalized, validated parameters every guild metric receives. */
export interface AuditParams {
  guild: string;
  /** Epoch ms, inclusive; null = from the beginning. */
  from: number | null;
  /** Epoch ms, exclusive; null = to the end. */
  to: number | null;
  /** Channel IDs including the threads under them; null = all channels. */
  channels: string[] | null;
  timeZone: string;
  includeBots: boolean;
  includeStaff: boolean;
  staffRoles: string[];
}

/**
 * Checks and normalizes metric parameters against the database: the guild must exist, the
 * channels must belong to it, `from` must be before `to`, the time zone must be a real one.
 * Throws `QueryParamError` with a message naming the bad value.
 *
 * @example
 * const params = await resolveAuditParams(db, { guild: '755126265953910784', from: '2024-01-01', timeZone: 'Europe/Berlin' });
 */
export async function resolveAuditParams(db: Kysely<Database>, input: AuditParamsInput): Promise<AuditParams> {
  const guild = String(input.guild ?? '').trim();
  if (!guild) throw new QueryParamError('a guild is required (--guild <id>)');
  const known = await db.selectFrom('guilds').select('id').where('id', '=', guild).executeTakeFirst();
  if (!known) {
    const guilds = await db.selectFrom('guilds').select(['id', 'name']).orderBy('name').limit(10).execute();
    const list = guilds.map((g) => `${g.id} (${g.name})`).join(', ');
    throw new QueryParamError(`unknown guild '${guild}'${list ? `; the database has ${list}` : '; the database has no guilds yet'}`);
  }
  const timeZone = checkTimeZone(input.timeZone ?? 'UTC');
  const { from, to } = parsePeriod(input, timeZone);
  return {
    guild,
    from,
    to,
    channels: await resolveChannels(db, guild, list(input.channels)),
    timeZone,
    includeBots: flag(input.includeBots, 'includeBots'),
    includeStaff: flag(input.includeStaff, 'includeStaff'),
    staffRoles: list(input.staffRoles) ?? [],
  };
}

/** A list from an array or a comma-separated string; null when absent or empty. */
export function list(value: string[] | string | null | undefined): string[] | null {
  if (value === null || value === undefined) return null;
  const items = (Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter(Boolean);
  return items.length > 0 ? items : null;
}

/** A boolean from a boolean or the strings true/false/yes/no/1/0. */
export function flag(value: boolean | string | undefined, name: string): boolean {
  if (value === undefined || typeof value === 'boolean') return value ?? false;
  const v = value.trim().toLowerCase();
  if (['true', 'yes', '1'].includes(v)) return true;
  if (['false', 'no', '0'].includes(v)) return false;
  throw new QueryParamError(`${name} must be true or false (got '${value}')`);
}

async function resolveChannels(db: Kysely<Database>, guild: string, ids: string[] | null): Promise<string[] | null> {
  if (ids === null) return null;
  const rows = await db.selectFrom('channels').select(['id', 'parent_id', 'category_id']).where('guild_id', '=', guild).execute();
  const known = new Set(rows.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new QueryParamError(`channel ${unknown.join(', ')} is not in guild ${guild}`);
  // A category stands for its channels, and a channel for its threads and forum posts.
  const wanted = new Set(ids);
  for (const r of rows) if (r.category_id !== null && wanted.has(r.category_id)) wanted.add(r.id);
  for (const r of rows) if (r.parent_id !== null && wanted.has(r.parent_id)) wanted.add(r.id);
  return [...wanted].sort();
}
