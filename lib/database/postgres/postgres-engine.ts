import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Engine, ImportWriter } from '../engine';
import type { Database } from '../schema';
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

  return {
    kind: 'postgres',
    db,
    location: redactPassword(url),
    async importTransaction<T>(work: (writer: ImportWriter) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(new PostgresImportWriter(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
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
