import type { Migration, MigrationProvider } from 'kysely';
import type { EngineKind } from '../engine-kind';
import { initialSchema } from './2026-11-25-initial-schema';
import { queryCache } from './2026-11-25-query-cache';
import { guildColumns } from './2026-12-02-stored-guild-columns';
import { labels } from './2026-12-02-labels';
import { deferredIndexes } from './2026-12-04-deferred-indexes';
import { queryCacheUncompressed } from './2026-12-04-query-cache-uncompressed';

/**
 * Every migration, by dated name, for one engine. Compiled into the package (not read from a
 * folder at run time) so the CLI, tests and notebook kernels all see the same set.
 */
export function migrationProvider(engine: EngineKind): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '2026-11-25-initial-schema': initialSchema(engine),
    '2026-11-25-query-cache': queryCache,
    '2026-12-02-labels': labels(engine),
    '2026-12-02-stored-guild-columns': guildColumns(engine),
    '2026-12-04-deferred-indexes': deferredIndexes,
    '2026-12-04-query-cache-uncompressed': queryCacheUncompressed(engine),
  };
  return { getMigrations: async () => migrations };
}
