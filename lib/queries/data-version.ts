import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';

/**
 * A label for the state of the data: it changes with every import that changed something (the
 * newest successful import), so a result computed for one version is never served for another.
 */
export async function dataVersion(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('imports')
    .select((eb) => eb.fn.max('id').as('latest'))
    .where('status', '=', 'ok')
    .executeTakeFirst();
  return `import-${row?.latest ?? 0}`;
}
