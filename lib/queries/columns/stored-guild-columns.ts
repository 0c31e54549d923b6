import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import type { GuildColumns } from './guild-columns';
import { COLUMNS_FORMAT, decodeGuildColumns, encodeGuildColumns } from './encode-guild-columns';

/**
 * The guild's columns as stored in the database for `dataVersion`, or null when none are (or only
 * stale ones, or ones in an older format).
 */
export async function readStoredColumns(db: Kysely<Database>, guild: string, dataVersion: string): Promise<GuildColumns | null> {
  const row = await db
    .selectFrom('guild_columns')
    .select('bytes')
    .where('guild_id', '=', guild)
    .where('data_version', '=', dataVersion)
    .where('format', '=', COLUMNS_FORMAT)
    .executeTakeFirst();
  return row ? decodeGuildColumns(row.bytes) : null;
}

/** Stores the guild's columns for their data version, replacing older ones. */
export async function storeColumns(db: Kysely<Database>, columns: GuildColumns, now = Date.now()): Promise<void> {
  const row = { data_version: columns.dataVersion, format: COLUMNS_FORMAT, created_at: now, bytes: encodeGuildColumns(columns) };
  await db
    .insertInto('guild_columns')
    .values({ guild_id: columns.guild, ...row })
    .onConflict((oc) => oc.column('guild_id').doUpdateSet(row))
    .execute();
}

/** Drops every stored guild's columns (they are rebuilt when next needed); returns how many. */
export async function dropStoredColumns(db: Kysely<Database>): Promise<number> {
  const result = await db.deleteFrom('guild_columns').executeTakeFirst();
  return Number(result.numDeletedRows);
}
