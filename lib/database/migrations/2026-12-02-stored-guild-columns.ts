/**
 * Stored guild columns (see lib/queries/columns): one binary copy per guild, with the guild's
 * data version it was read at. Frozen: later changes go in new migrations.
 * Uses `Kysely<any>` on purpose — a migration must not follow the live `Database` type.
 */
import type { Kysely, Migration } from 'kysely';
import type { EngineKind } from '../engine-kind';

/** Builds the migration for one engine (only the binary column type differs). */
export function guildColumns(engine: EngineKind): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('guild_columns')
        .addColumn('guild_id', 'text', (c) => c.primaryKey().references('guilds.id'))
        .addColumn('data_version', 'text', (c) => c.notNull())
        .addColumn('format', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('bytes', engine === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .execute();
    },
  };
}
