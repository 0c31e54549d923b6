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
  const found = await stored
    .select((eb) => [eb.fn.max('parts').as('parts'), eb.fn.countAll().as('present'), eb.fn.sum(eb.fn('length', ['bytes'])).as('bytes')])
    .executeTakeFirstOrThrow(); // an aggregate: always one row
  const parts = Number(found.parts ?? 0);
  if (parts === 0 || Number(found.present) !== parts) return null;
  // Each part copied once, straight into place (the engine's Buffer may be a view of its
  // read buffer): joining kept copies afterwards cost a 56 MB copy more at a million messages.
  const bytes = Buffer.allocUnsafeSlow(Number(found.bytes)); // its own memory: 8-byte aligned for the typed arrays
  let at = 0;
  let read = 0;
  await eachArrayRow(db, stored.select('bytes').orderBy('part').compile(), ([part]) => {
    const b = part as Buffer;
    if (at + b.length <= bytes.length) b.copy(bytes, at);
    at += b.length;
    read++;
  });
  // A writer replacing them meanwhile (same version, same bytes) may leave a different count: rebuild then.
  if (read !== parts || at !== bytes.length) return null;
  return decodeGuildColumns(bytes);
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
