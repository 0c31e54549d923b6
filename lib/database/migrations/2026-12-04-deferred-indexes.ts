/**
 * Indexes a first load dropped and has not built again yet (see database/deferred-indexes.ts).
 * Frozen: later changes go in new migrations.
 * Uses `Kysely<any>` on purpose — a migration must not follow the live `Database` type.
 */
import type { Kysely, Migration } from 'kysely';

export const deferredIndexes: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('deferred_indexes')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('sql', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .execute();
  },
};
