import type { CompiledQuery, Kysely } from 'kysely';

/** How to read the rows. */
export interface ArrayRowOptions {
  /**
   * Every selected column is binary (a blob / bytea): each comes as a Buffer of its raw bytes
   * (PostgreSQL then sends them raw rather than as hex text). Parameters: strings and numbers.
   * The Buffers may be views into the driver's memory, valid only during `onRow`: copy the
   * bytes you keep.
   */
  binary?: boolean;
}

/** Runs a compiled select and hands each row to `onRow` as an array of column values, in select order. */
export type ArrayRowReader = (query: CompiledQuery, onRow: (row: unknown[]) => void, options: ArrayRowOptions) => Promise<void>;

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
 * from the driver (better-sqlite3's raw iteration, pg's array row mode), with no object per row
 * and, where the driver streams, no array of every row.
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
 * registered one. Fold each row into something smaller: keeping a million rows costs what the
 * fast path saves.
 *
 * @example
 * await eachArrayRow(db, db.selectFrom('messages').select(['id', 'sent_at']).compile(), ([id, at]) => seen.add(id));
 */
export async function eachArrayRow(db: Kysely<any>, query: CompiledQuery, onRow: (row: unknown[]) => void, options: ArrayRowOptions = {}): Promise<void> {
  const reader = readers.get(db);
  if (reader) return reader.read(query, onRow, options);
  const result = await db.executeQuery(query);
  for (const row of result.rows) onRow(Object.values(row as object));
}
