import type { Kysely } from 'kysely';
import { eachArrayRow } from '../../database/array-rows';
import type { Database } from '../../database/schema';
import type { GuildColumns } from './guild-columns';
import { COLUMNS_FORMAT, decodeGuildColumns, encodeGuildColumns } from './encode-guild-columns';

/** Bytes per stored part: pg parses one huge value far slower than several small ones. */
const PART_BYTES = 4 << 20;

/**
 * The guild's columns as stored in the database for `dataVersion`, or null when none are (or only
 * stale ones, or ones in an older format).
 */
export async function readStoredColumns(db: Kysely<Database>, guild: string, dataVersion: string): Promise<GuildColumns | null> {
  const stored = db
    .selectFrom('guild_columns')
    .where('guild_id', '=', guild)
    .where('data_version', '=', dataVersion)
    .where('format', '=', COLUMNS_FORMAT);
  const first = await stored.select('parts').where('part', '=', 0).executeTakeFirst();
  if (!first) return null;
  const parts: Buffer[] = [];
  await eachArrayRow(db, stored.select('bytes').orderBy('part').compile(), ([bytes]) => void parts.push(bytes as Buffer), { binary: true });
  // A writer replacing them meanwhile (same version, same bytes) may leave a different count: rebuild then.
  if (parts.length !== first.parts) return null;
  return decodeGuildColumns(parts.length === 1 ? parts[0] : Buffer.concat(parts));
}

/** Stores the guild's columns for their data version, replacing older ones, in one transaction. */
export async function storeColumns(db: Kysely<Database>, columns: GuildColumns, now = Date.now()): Promise<void> {
  const bytes = encodeGuildColumns(columns);
  const parts = Math.max(1, Math.ceil(bytes.length / PART_BYTES));
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('guild_columns').where('guild_id', '=', columns.guild).execute();
    for (let part = 0; part < parts; part++) {
      await tx
        .insertInto('guild_columns')
        .values({
          guild_id: columns.guild, part, parts, data_version: columns.dataVersion, format: COLUMNS_FORMAT, created_at: now,
          bytes: bytes.subarray(part * PART_BYTES, (part + 1) * PART_BYTES),
        })
        .execute();
    }
  });
}

/** Drops every stored guild's columns (they are rebuilt when next needed); returns how many guilds had some. */
export async function dropStoredColumns(db: Kysely<Database>): Promise<number> {
  const result = await db.deleteFrom('guild_columns').where('part', '=', 0).executeTakeFirst();
  await db.deleteFrom('guild_columns').execute();
  return Number(result.numDeletedRows);
}
