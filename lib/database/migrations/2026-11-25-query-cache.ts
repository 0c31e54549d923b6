/**
 * Cached query results, keyed by query, parameters and data version. Frozen: later changes go
 * in new migrations.
 */
import type { Kysely, Migration } from 'kysely';

export const queryCache: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('query_cache')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('params_json', 'text', (c) => c.notNull())
      .addColumn('data_version', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('rows_json', 'text', (c) => c.notNull())
      .execute();
  },
};
