/**
 * Analysts' labels on individuals. Frozen: later changes go in new migrations.
 * Uses `Kysely<any>` on purpose — a migration must not follow the live `Database` type.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { EngineKind } from '../engine-kind';

/** Builds the migration for one engine (only the auto-increment column differs). */
export function labels(engine: EngineKind): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('labels')
        .addColumn('id', engine === 'postgres' ? 'serial' : 'integer', (c) =>
          engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        // No foreign key to users: analysts may label someone before importing their archives.
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('guild_id', 'text', (c) => c.references('guilds.id'))
        .addColumn('label', 'text', (c) => c.notNull().check(sql`label <> ''`))
        .addColumn('note', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      // One row per (user, scope, label); NULL (every guild) is one scope, hence the coalesce —
      // both engines treat NULLs in a plain unique index as distinct. Leading with user_id, it is
      // also the index that finds a person's labels.
      await sql`CREATE UNIQUE INDEX labels_user_guild_label ON labels (user_id, (coalesce(guild_id, '')), label)`.execute(db);
    },
  };
}
