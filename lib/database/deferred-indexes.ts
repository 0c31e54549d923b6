import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/** The tables a load fills with one or more rows per message. */
const MESSAGE_TABLES: readonly string[] = ['messages', 'reactions', 'reaction_users', 'mentions', 'attachments', 'embeds'];

/** An index: its name and the statement that made it. */
export interface IndexDefinition {
  name: string;
  sql: string;
}

/**
 * The indexes of `tables` that a plain `CREATE INDEX` made — not primary keys or unique indexes,
 * which the writers' upserts and conflict checks rely on. Each engine reads its own catalogue.
 */
export type PlainIndexLister = (db: Kysely<Database>, tables: readonly string[]) => Promise<IndexDefinition[]>;

/** This process, as the owner of the indexes it defers. */
const OWNER = `${os.hostname()} ${process.pid}`;

/**
 * For an ingest into a database that holds no messages yet (a first load): drops the secondary
 * indexes of the message tables and returns the step that builds them again, which the ingest
 * runs once after its last file. Also returns that step when indexes an earlier load deferred
 * are still missing, so this ingest builds them at its end. Otherwise returns null.
 *
 * Building an index from all its rows at once is a sort; keeping it up to date row by row is a
 * B-tree search per row and index — on the benchmark's first load, a tenth to a fifth of the
 * import's time, and more as the tables outgrow the cache. Meanwhile every file is still its own
 * transaction: readers see each committed file at once, only without those indexes (their
 * queries are slower until the load ends, never wrong). Each dropped index is recorded in
 * `deferred_indexes`, in the transaction that drops it, with the statement that made it, so the
 * schema ends exactly as it was; if the load dies before its end, the next open builds them
 * (`buildAbandonedIndexes`).
 *
 * @example
 * const buildIndexes = await deferIndexesOfFirstLoad(db, listPlainIndexes);
 * try { await importEveryFile(); } finally { await buildIndexes?.(); }
 */
export async function deferIndexesOfFirstLoad(db: Kysely<Database>, listPlainIndexes: PlainIndexLister): Promise<(() => Promise<void>) | null> {
  const anyMessage = await db.selectFrom('messages').select('id').limit(1).executeTakeFirst();
  if (anyMessage === undefined) {
    await db.transaction().execute(async (tx) => {
      const indexes = await listPlainIndexes(tx, MESSAGE_TABLES);
      if (indexes.length === 0) return;
      await tx.insertInto('deferred_indexes')
        .values(indexes.map((index) => ({ ...index, owner: OWNER })))
        .onConflict((c) => c.column('name').doNothing())
        .execute();
      for (const index of indexes) await sql`DROP INDEX ${sql.id(index.name)}`.execute(tx);
    });
  }
  const pending = await db.selectFrom('deferred_indexes').select('name').limit(1).executeTakeFirst();
  return pending === undefined ? null : () => buildDeferredIndexes(db);
}

/**
 * Builds every index recorded in `deferred_indexes` (those not there already) and clears the
 * record, in one transaction.
 */
async function buildDeferredIndexes(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const deferred = await tx.selectFrom('deferred_indexes').select(['name', 'sql']).orderBy('name').execute();
    for (const index of deferred) {
      // Another process may have built it already (two ingests, or an open after a crash).
      await sql.raw(index.sql.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS ')).execute(tx);
    }
    await tx.deleteFrom('deferred_indexes').execute();
  });
}

/**
 * On opening a database: builds the indexes a first load deferred when that load is known to
 * have ended without building them (its process, on this machine, is gone). While it may still
 * run — it is alive, or on another machine — the indexes are left to it, or to the next ingest.
 * Best effort: if the build cannot run now (another process holds the write lock), the next
 * open tries again, and queries meanwhile are only slower.
 */
export async function buildAbandonedIndexes(db: Kysely<Database>): Promise<void> {
  const owners = await db.selectFrom('deferred_indexes').select('owner').distinct().execute();
  if (owners.length === 0 || owners.some((o) => mayBeRunning(o.owner))) return;
  await buildDeferredIndexes(db).catch(() => undefined);
}

/** False only for a process of this machine that no longer exists. */
function mayBeRunning(owner: string): boolean {
  const split = owner.lastIndexOf(' ');
  const host = owner.slice(0, split);
  const pid = Number(owner.slice(split + 1));
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH'; // EPERM: it exists, as another user
  }
}
