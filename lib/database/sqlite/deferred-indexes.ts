import type BetterSqlite3 from 'better-sqlite3';

/** The tables an import fills with one or more rows per message. */
const MESSAGE_TABLES = ['messages', 'reactions', 'reaction_users', 'mentions', 'attachments', 'embeds'];

/**
 * For an import into a database that holds no messages yet: drops the secondary indexes of the
 * message tables, and returns the step that builds them again, to run before the import commits.
 * Returns null (and changes nothing) when messages are already stored.
 *
 * Building an index from all its rows at once is a sort; keeping it up to date row by row is a
 * B-tree search per row and index, about 40% of SQLite's work on the benchmark export. Only
 * indexes a plain `CREATE INDEX` made are dropped: primary keys and unique indexes stay, since
 * the writer's upserts and conflict checks rely on them. Each index is built again from the
 * statement that made it, so the schema ends up exactly as it was. Must run inside the import's
 * transaction: a rollback restores the indexes.
 *
 * @example
 * const buildIndexes = deferIndexesOfEmptyImport(handle);
 * writeEverything();
 * buildIndexes?.();
 * handle.exec('COMMIT');
 */
export function deferIndexesOfEmptyImport(handle: BetterSqlite3.Database): (() => void) | null {
  if (handle.prepare('SELECT 1 FROM messages LIMIT 1').pluck().get() !== undefined) return null;
  const indexes = handle
    .prepare(
      `SELECT s.name, s.sql FROM sqlite_schema s
       JOIN pragma_index_list(s.tbl_name) i ON i.name = s.name
       WHERE s.type = 'index' AND s.tbl_name IN (${MESSAGE_TABLES.map(() => '?').join(', ')})
         AND i.origin = 'c' AND i."unique" = 0
       ORDER BY s.name`,
    )
    .all(...MESSAGE_TABLES) as Array<{ name: string; sql: string }>;
  for (const index of indexes) handle.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
  return () => {
    for (const index of indexes) handle.exec(index.sql);
  };
}
