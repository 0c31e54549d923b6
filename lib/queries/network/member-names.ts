import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import type { GuildColumns } from '../columns';
import { perColumnsAndKey } from '../columns/columns-memo';

/** How a member is shown: username, and the name the guild shows (nickname, else display name, else username). */
export interface MemberName {
  name: string;
  displayName: string;
}

/** One read of a guild's names per columns object: names change only with an import, which gives new columns. */
const kept = perColumnsAndKey<Promise<Map<string, MemberName>>>(1);

/**
 * Names of every member of the columns' guild, by user ID, read once per columns object and
 * shared by the queries of an audit (five of them name members). Every account an archive names
 * (author, mentioned, reacting) has a member row, so interaction ends always have a name.
 * Shared: treat the map as read-only.
 *
 * @example
 * const names = await memberNames(db, columns);
 * names.get('605598306933466543')?.displayName
 */
export function memberNames(db: Kysely<Database>, columns: GuildColumns): Promise<Map<string, MemberName>> {
  return kept(columns, '', () => readMemberNames(db, columns.guild));
}

async function readMemberNames(db: Kysely<Database>, guild: string): Promise<Map<string, MemberName>> {
  const rows = await db
    .selectFrom('members as mb')
    .innerJoin('users as u', 'u.id', 'mb.user_id')
    .select(['mb.user_id', 'u.name', 'u.display_name', 'mb.nickname'])
    .where('mb.guild_id', '=', guild)
    .execute();
  return new Map(rows.map((r) => [r.user_id, { name: r.name, displayName: r.nickname ?? r.display_name ?? r.name }]));
}

/** The name of `id`, or the ID itself for an account the archive never named. */
export function nameOf(names: ReadonlyMap<string, MemberName>, id: string): string {
  return names.get(id)?.name ?? id;
}
