import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { registerArrayRowReader } from '../array-rows';
import { settleBackgroundWrites } from '../background-writes';
import { deferIndexesOfFirstLoad } from '../deferred-indexes';
import type { Engine, ImportWriter } from '../engine';
import type { Database } from '../schema';
import { listSqlitePlainIndexes } from './plain-indexes';
import { SqliteCheckpointer } from './sqlite-checkpointer';
import { SqliteImportWriter } from './sqlite-import-writer';

/** SQLite's default: checkpoint inside the commit that grows the log past this many pages. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * Opens (creating if needed) an audit database in a SQLite file.
 *
 * @example
 * const engine = openSqliteEngine('data/guildaudit.sqlite');
 */
export function openSqliteEngine(file: string): Engine {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const handle = new BetterSqlite3(file);
  // Large pages for a bulk-loaded, scan-heavy database: a tenth of the page writes and WAL frames
  // of the default 4 KiB when an import commits. Only takes effect on a new, empty file (and must
  // come before WAL is switched on).
  handle.pragma('page_size = 65536');
  // WAL lets readers (notebooks, dashboards) work while an import runs; NORMAL is durable in WAL.
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('cache_size = -65536'); // 64 MiB
  handle.pragma('temp_store = MEMORY');
  handle.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  registerArrayRowReader(db, async (query, onRow) => {
    for (const row of handle.prepare(query.sql).raw(true).iterate(...(query.parameters as unknown[]))) onRow(row as unknown[]);
  }, { concurrent: false });
  const checkpointer = file !== ':memory:' && SqliteCheckpointer.available() ? new SqliteCheckpointer(file) : null;

  return {
    kind: 'sqlite',
    db,
    location: file,
    async importTransaction<T>(work: (writer: ImportWriter) => Promise<T>): Promise<T> {
      // Raw statements on the same connection Kysely uses: an import runs alone, so no interleaving.
      // The writer checks foreign keys itself (SqliteReferenceCheck), much cheaper than SQLite's
      // per-row parent lookups; the pragma only changes outside a transaction.
      // With a checkpointer, the commit only appends to the log and the copy runs beside the import.
      handle.pragma('foreign_keys = OFF');
      if (checkpointer) handle.pragma('wal_autocheckpoint = 0');
      try {
        await checkpointer?.beforeTransaction();
        handle.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(new SqliteImportWriter(handle));
          handle.exec('COMMIT');
          return result;
        } catch (error) {
          if (handle.inTransaction) handle.exec('ROLLBACK');
          throw error;
        }
      } finally {
        handle.pragma('foreign_keys = ON');
        if (checkpointer) {
          handle.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
          checkpointer.request();
        }
      }
    },
    deferIndexesOfFirstLoad: () => deferIndexesOfFirstLoad(db, listSqlitePlainIndexes),
    async settleAfterImport() {
      // Nothing: SQLite keeps no statistics unless ANALYZE is run, and the queries' plans are
      // chosen and measured without them (statistics could switch a tuned plan); it has no
      // background maintenance to get ahead of.
    },
    async close() {
      await settleBackgroundWrites(db);
      await checkpointer?.close(); // first: the last connection to close checkpoints what is left
      await db.destroy();
    },
  };
}
