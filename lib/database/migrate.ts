import { Migrator } from 'kysely';
import type { Engine } from './engine';
import { migrationProvider } from './migrations';

/**
 * Brings the database to the latest schema. Kysely records applied migrations in its own
 * tables, so this is cheap when there is nothing to do.
 */
export async function migrateToLatest(engine: Engine): Promise<void> {
  const migrator = new Migrator({ db: engine.db, provider: migrationProvider(engine.kind) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(failed ? `migration ${failed} failed: ${reason}` : reason);
  }
}
