import type { CompiledQuery, Kysely } from 'kysely';

/**
 * Runs a compiled select and hands each row to `onRow` as an array of column values, in select
 * order. The array, and a blob's Buffer in it, are valid only during the call: an engine may
 * reuse the array for the next row and hand out views of its read buffer.
 */
export type ArrayRowReader = (query: CompiledQuery, onRow: (row: unknown[]) => void) => Promise<void>;

/** How an engine's reads behave. */
export interface ArrayRowReaderTraits {
  /**
   * Reads started together run at the same time (each on its own connection and server
   * process) rather than one after another as on a single SQLite connection.
   */
  concurrent: boolean;
}

const readers = new WeakMap<Kysely<any>, { read: ArrayRowReader; traits: ArrayRowReaderTraits }>();

/**
 * Lets an engine give its Kysely handle a faster path for large reads: rows as arrays straight
 * from the driver (better-sqlite3's raw iteration, PostgreSQL's binary COPY), with no object per
 * row and, where the driver streams, no array of every row.
 */
export function registerArrayRowReader(db: Kysely<any>, reader: ArrayRowReader, traits: ArrayRowReaderTraits): void {
  readers.set(db, { read: reader, traits });
}

/**
 * True when reads started together on `db` run at the same time: a query can then split one
 * read into parts the server finds side by side while the rows of another are being used.
 */
export function readsConcurrently(db: Kysely<any>): boolean {
  return readers.get(db)?.traits.concurrent ?? false;
}

/**
 * Hands each row of a compiled select to `onRow` as an array, by the engine's fast path when it
 * registered one. Take the values during the call (the array may be reused for the next row;
 * copy a blob's bytes to keep them), and fold each row into something smaller: keeping a
 * million rows costs what the fast path saves. Blobs (bytea) come as Buffers of their raw bytes.
 *
 * @example
 * await eachArrayRow(db, db.selectFrom('messages').select(['id', 'sent_at']).compile(), ([id, at]) => seen.add(id));
 */
export async function eachArrayRow(db: Kysely<any>, query: CompiledQuery, onRow: (row: unknown[]) => void): Promise<void> {
  const reader = readers.get(db);
  if (reader) return reader.read(query, onRow);
  const result = await db.executeQuery(query);
  for (const row of result.rows) onRow(Object.values(row as object));
}
