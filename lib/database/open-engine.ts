import type { Engine } from './engine';
import { buildAbandonedIndexes } from './deferred-indexes';
import { migrateToLatest } from './migrate';
import { openPostgresEngine } from './postgres/postgres-engine';
import { openSqliteEngine } from './sqlite/sqlite-engine';

/** The database used when neither `--db` nor `DATABASE_URL` names one. */
export const DEFAULT_DATABASE = 'data/guildaudit.sqlite';

/** True when `target` names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/**
 * Chooses the database: the explicit target, else `DATABASE_URL`, else the default SQLite file.
 */
export function resolveDatabaseTarget(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return explicit || env.DATABASE_URL || DEFAULT_DATABASE;
}

/**
 * Opens the audit database at `target` — a SQLite file path or a `postgres://` URL — applies
 * any pending migrations, and builds indexes a first load deferred and did not live to build.
 *
 * @example
 * const engine = await openEngine('data/guildaudit.sqlite');
 * const guilds = await engine.db.selectFrom('guilds').selectAll().execute();
 * await engine.close();
 */
export async function openEngine(target: string): Promise<Engine> {
  const engine = isPostgresUrl(target) ? openPostgresEngine(target) : openSqliteEngine(target);
  try {
    await migrateToLatest(engine);
    await buildAbandonedIndexes(engine.db);
  } catch (error) {
    await engine.close();
    throw error;
  }
  return engine;
}
