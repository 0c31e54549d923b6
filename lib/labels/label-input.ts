import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';
import { QueryParamError } from '../queries/query-error';

/** Discord snowflakes are unsigned 64-bit: at most 20 digits, never a leading zero. */
const SNOWFLAKE = /^[1-9]\d{0,19}$/;

/**
 * The `user` of a label as a checked snowflake string. Names are refused on purpose: a label
 * must stay on one account even when another takes the same name. Numbers are refused too,
 * since IDs above 2^53 are already wrong as JS numbers.
 */
export function checkUserId(value: unknown): string {
  if (typeof value !== 'string') {
    throw new QueryParamError(`user must be a user ID as a string of digits (got ${typeof value === 'number' ? `the number ${value}` : typeof value})`);
  }
  const id = value.trim();
  if (!SNOWFLAKE.test(id)) {
    throw new QueryParamError(`user must be a Discord user ID, digits only like 175928847299117063 (got '${value}'); find an ID with: guildaudit query person --param user=<name>`);
  }
  return id;
}

/** A label's text: trimmed, in Unicode NFC so the same text typed twice is one label. */
export function checkLabelText(value: unknown, name = 'label'): string {
  const text = typeof value === 'string' ? value.normalize('NFC').trim() : '';
  if (!text) throw new QueryParamError(`${name} must be non-empty text (got ${typeof value === 'string' ? `'${value}'` : typeof value})`);
  return text;
}

/** Checks that `guild` is a guild of the database and returns its ID, trimmed. */
export async function checkGuild(db: Kysely<Database>, value: unknown): Promise<string> {
  const guild = typeof value === 'string' ? value.trim() : '';
  if (!guild) throw new QueryParamError(`guild must be a guild ID (got ${typeof value === 'string' ? "''" : typeof value})`);
  const known = await db.selectFrom('guilds').select('id').where('id', '=', guild).executeTakeFirst();
  if (!known) {
    const guilds = await db.selectFrom('guilds').select(['id', 'name']).orderBy('name').limit(10).execute();
    const list = guilds.map((g) => `${g.id} (${g.name})`).join(', ');
    throw new QueryParamError(`unknown guild '${guild}'${list ? `; the database has ${list}` : '; the database has no guilds yet'}`);
  }
  return guild;
}

/**
 * A scope filter: `undefined` matches every scope, `null` only labels across every guild, an ID
 * only that guild's labels (checked to exist).
 */
export async function checkGuildFilter(db: Kysely<Database>, value: string | null | undefined): Promise<string | null | undefined> {
  return value === undefined || value === null ? value : checkGuild(db, value);
}
