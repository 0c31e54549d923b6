import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { dataVersion } from '../data-version';
import type { GuildColumns } from './guild-columns';
import { loadGuildColumns } from './load-guild-columns';
import { readStoredColumns, storeColumns } from './stored-guild-columns';

/** Guilds kept per database; a guild of a million messages takes about 60 MB. */
const GUILDS_KEPT = 4;

const loaded = new WeakMap<Kysely<Database>, Map<string, Promise<GuildColumns>>>();

/**
 * The columns of one guild at the database's current data version: from this process's memory,
 * else from their stored copy in the database, else read from the message tables (about 5 s a
 * million messages on SQLite, 11 s on PostgreSQL) and stored for every later process. Any import changes the data version, so
 * stale columns are never used. The last few guilds of each database stay in memory.
 *
 * @example
 * const columns = await guildColumns(db, '755126265953910784');
 */
export async function guildColumns(db: Kysely<Database>, guild: string): Promise<GuildColumns> {
  const version = await dataVersion(db);
  const byGuild = loaded.get(db) ?? loaded.set(db, new Map()).get(db)!;
  const key = `${guild}\u0000${version}`;
  let columns = byGuild.get(key);
  if (columns) {
    byGuild.delete(key); // re-inserted below: the map's order is least recently used first
  } else {
    columns = storedOrBuilt(db, guild, version);
    columns.catch(() => byGuild.delete(key));
    for (const old of byGuild.keys()) if (old.startsWith(`${guild}\u0000`)) byGuild.delete(old);
  }
  byGuild.set(key, columns);
  while (byGuild.size > GUILDS_KEPT) byGuild.delete(byGuild.keys().next().value!);
  return columns;
}

/** Forgets the columns this process holds for `db` (the stored copies stay). */
export function forgetGuildColumns(db: Kysely<Database>): void {
  loaded.delete(db);
}

async function storedOrBuilt(db: Kysely<Database>, guild: string, version: string): Promise<GuildColumns> {
  const stored = await readStoredColumns(db, guild, version);
  if (stored) return stored;
  const built = await loadGuildColumns(db, guild, version);
  await storeColumns(db, built);
  return built;
}
