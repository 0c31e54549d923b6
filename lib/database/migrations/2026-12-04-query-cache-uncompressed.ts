/**
 * Cached results stored as they are on PostgreSQL, like the stored guild columns: compressing a
 * result's JSON took the server about 80 ms per 5 MB (a million-message guild's contributor
 * scores) while the query set went on, three times the time of the uncompressed write, and
 * every read back has to undo it. SQLite never compresses. Frozen: later changes go in new
 * migrations. Uses `Kysely<any>` on purpose — a migration must not follow the live `Database` type.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { EngineKind } from '../engine-kind';

/** Builds the migration for one engine (nothing to do on SQLite). */
export function queryCacheUncompressed(engine: EngineKind): Migration {
  return {
    async up(db: Kysely<any>) {
      if (engine === 'postgres') await sql`ALTER TABLE query_cache ALTER COLUMN rows_json SET STORAGE EXTERNAL`.execute(db);
    },
  };
}
