import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { QueryParamError } from '../query-error';
import { compareIds } from '../compare-ids';

/** How a `user` parameter matched an account. */
export type MatchedBy = 'id' | 'name' | 'displayName' | 'nickname';

/** An account a `user` parameter stands for. */
export interface MatchedUser {
  id: string;
  /** Username. */
  name: string;
  displayName: string | null;
  bot: boolean;
  /** What matched: the ID, or which of the names (a nickname in any guild). */
  matchedBy: MatchedBy[];
}

/** The account(s) of a `user` parameter, in ID order; ids as a list for SQL. */
export interface ResolvedUser {
  /** The parameter as given (trimmed). */
  query: string;
  users: MatchedUser[];
  ids: string[];
}

/**
 * The accounts a `user` parameter names: an exact user ID wins; otherwise every account whose
 * username, display name or nickname in some guild equals the text, ignoring case (Unicode
 * case folding in JS, the same on both engines, where SQL `lower()` differs). Throws
 * `QueryParamError` when the parameter is missing or nothing matches.
 *
 * @example
 * const { ids, users } = await resolveUser(db, 'tinkerwren'); // users[0].matchedBy: ['name']
 */
export async function resolveUser(db: Kysely<Database>, value: unknown): Promise<ResolvedUser> {
  const query = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  if (!query) throw new QueryParamError('user is required: a user ID or a name (--param user=<id or name>)');

  const byId = await db.selectFrom('users').select(['id', 'name', 'display_name', 'is_bot']).where('id', '=', query).executeTakeFirst();
  if (byId) return result(query, [{ id: byId.id, name: byId.name, displayName: byId.display_name, bot: byId.is_bot === 1, matchedBy: ['id'] }]);

  // Names are compared in JS: the whole user list is small next to the messages.
  const wanted = fold(query);
  const users = await db.selectFrom('users').select(['id', 'name', 'display_name', 'is_bot']).execute();
  const nicknames = await db.selectFrom('members').select(['user_id', 'nickname']).where('nickname', 'is not', null).execute();
  const nicknamed = new Set(nicknames.filter((n) => fold(n.nickname!) === wanted).map((n) => n.user_id));
  const matched: MatchedUser[] = [];
  for (const u of users) {
    const how: MatchedBy[] = [];
    if (fold(u.name) === wanted) how.push('name');
    if (u.display_name !== null && fold(u.display_name) === wanted) how.push('displayName');
    if (nicknamed.has(u.id)) how.push('nickname');
    if (how.length > 0) matched.push({ id: u.id, name: u.name, displayName: u.display_name, bot: u.is_bot === 1, matchedBy: how });
  }
  if (matched.length === 0) {
    throw new QueryParamError(`no user matches '${query}' (by user ID, username, display name or nickname)`);
  }
  return result(query, matched.sort((a, b) => compareIds(a.id, b.id)));
}

function result(query: string, users: MatchedUser[]): ResolvedUser {
  return { query, users, ids: users.map((u) => u.id) };
}

/** Case- and form-insensitive key of a name. */
function fold(name: string): string {
  return name.normalize('NFC').toLowerCase().trim();
}
