import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';

/** How a member is shown: username, and the name the guild shows (nickname, else display name, else username). */
export interface MemberName {
  name: string;
  displayName: string;
}

/**
 * Names of every member of a guild, by user ID. Every account an archive names (author,
 * mentioned, reacting) has a member row, so interaction ends always have a name.
 *
 * @example
 * const names = await memberNames(db, params.guild);
 * names.get('605598306933466543')?.displayName
 */
export async function memberNames(db: Kysely<Database>, guild: string): Promise<Map<string, MemberName>> {
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
