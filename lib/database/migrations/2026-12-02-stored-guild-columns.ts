/**
 * Stored guild columns (see lib/queries/columns): the binary copy of each guild's columns in
 * parts of at most a few MiB (a single value of tens of MiB crawls through pg's protocol
 * parser), with the data version they were read at. Frozen: later changes go in new migrations.
 * Uses `Kysely<any>` on purpose — a migration must not follow the live `Database` type.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { EngineKind } from '../engine-kind';

/** Builds the migration for one engine (only the binary column type differs). */
export function guildColumns(engine: EngineKind): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('guild_columns')
        .addColumn('guild_id', 'text', (c) => c.notNull().references('guilds.id'))
        .addColumn('part', 'integer', (c) => c.notNull())
        .addColumn('parts', 'integer', (c) => c.notNull())
        .addColumn('data_version', 'text', (c) => c.notNull())
        .addColumn('format', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('bytes', engine === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addPrimaryKeyConstraint('guild_columns_pk', ['guild_id', 'part'])
        .execute();
      // Stored as is: PostgreSQL's compression of the parts costs more to undo than it saves.
      if (engine === 'postgres') await sql`ALTER TABLE guild_columns ALTER COLUMN bytes SET STORAGE EXTERNAL`.execute(db);
    },
  };
}
