import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { registerArrayRowReader } from '../array-rows';
import { settleBackgroundWrites } from '../background-writes';
import { deferIndexesOfFirstLoad } from '../deferred-indexes';
import type { Engine, ImportWriter } from '../engine';
import type { Database } from '../schema';
import { listPostgresPlainIndexes } from './plain-indexes';
import { eachRowOfSelect } from './postgres-array-rows';
import { PostgresImportWriter } from './postgres-import-writer';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Parses bigint and numeric results as JS numbers, as SQLite returns them. Safe because every
 * bigint column holds times or counts; Discord IDs are text and never pass through here.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * Opens an audit database on a PostgreSQL server.
 *
 * @example
 * const engine = openPostgresEngine('postgres://audit@localhost/audit');
 */
export function openPostgresEngine(url: string): Engine {
  const pool = new pg.Pool({ connectionString: url, types, max: 4 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  registerArrayRowReader(db, (query, onRow) => eachRowOfSelect(pool, query, onRow), {
    concurrent: true,
  });

  return {
    kind: 'postgres',
    db,
    location: redactPassword(url),
    async importTransaction<T>(work: (writer: ImportWriter) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let writer: PostgresImportWriter | undefined;
      try {
        await client.query('BEGIN');
        const checkReferences = await skipForeignKeyTriggers(client);
        writer = new PostgresImportWriter(client, { checkReferences });
        const result = await work(writer);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await writer?.settled(); // a group may still be on its way to the server
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    deferIndexesOfFirstLoad: () => deferIndexesOfFirstLoad(db, listPostgresPlainIndexes),
    async settleAfterImport() {
      // Autovacuum would analyze the tables, but only a minute or more later: until then the
      // planner guessed 2,000 of a person's 119,000 messages and read them in a parallel plan
      // that took twice as long. Sampling keeps ANALYZE near a second whatever the size. The
      // VACUUM (0.1-0.2 s after a million messages) does now what autovacuum would do up to a
      // minute later, in the middle of the first queries: the 1M guild's whole query set was
      // 0.2-0.3 s slower in a fresh process without it (three pairs).
      await pool.query('VACUUM (ANALYZE)');
    },
    async close() {
      await settleBackgroundWrites(db);
      await db.destroy();
    },
  };
}

/**
 * Switches off, for this transaction only, the triggers that check foreign keys row by row:
 * on the benchmark export they cost the server more than the inserts themselves. Only a role
 * allowed to set `session_replication_role` (a superuser, or one granted SET on it) may; then
 * the writer checks references itself. Returns whether it did. The constraints stay declared
 * and are checked as usual for every other write.
 */
async function skipForeignKeyTriggers(client: pg.PoolClient): Promise<boolean> {
  try {
    await client.query('SAVEPOINT ga_triggers; SET LOCAL session_replication_role = replica; RELEASE SAVEPOINT ga_triggers');
    return true;
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT ga_triggers; RELEASE SAVEPOINT ga_triggers');
    return false;
  }
}

/** The URL with any password replaced, fit for logs and published outputs. */
export function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}
