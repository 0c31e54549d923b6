import type { Kysely } from 'kysely';

/** Writes still on their way, per database and key. */
const pending = new WeakMap<Kysely<any>, Map<string, Promise<void>>>();

/**
 * Starts a write its caller need not wait for — a result stored in the query cache, which only
 * saves work later. On PostgreSQL the server then stores it while the caller computes its next
 * result (a third of a second over the benchmark's query set). A write that fails is dropped:
 * the result is computed again next time. A read of the same key waits for it first
 * (`backgroundWriteOf`), and so does closing the database (`settleBackgroundWrites`).
 *
 * @example
 * writeInBackground(db, key, () => db.insertInto('query_cache').values(row).execute());
 */
export function writeInBackground(db: Kysely<any>, key: string, write: () => Promise<unknown>): void {
  let writes = pending.get(db);
  if (!writes) pending.set(db, (writes = new Map()));
  const before = writes.get(key) ?? Promise.resolve();
  const done: Promise<void> = before
    .then(write)
    .then(() => undefined, () => undefined)
    .finally(() => {
      if (writes.get(key) === done) writes.delete(key);
    });
  writes.set(key, done);
}

/** The unfinished background write of `key`, if any (it never rejects). */
export function backgroundWriteOf(db: Kysely<any>, key: string): Promise<void> | undefined {
  return pending.get(db)?.get(key);
}

/** Waits for every background write to `db` started so far. */
export async function settleBackgroundWrites(db: Kysely<any>): Promise<void> {
  const writes = pending.get(db);
  while (writes && writes.size > 0) await Promise.all(writes.values());
}
