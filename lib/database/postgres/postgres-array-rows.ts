import type { CompiledQuery } from 'kysely';
import type pg from 'pg';
import { BinaryCopySplitter } from './binary-copy-rows';
import { copyTo } from './pg-copy';

/** Rows fetched per round trip when reading a large select through a cursor. */
const CURSOR_ROWS = 20_000;

/** Memory for each sort or hash of a large read (PostgreSQL's default is 4 MB). */
const WORK_MEM = '64MB';

/**
 * Reads a select through a server-side cursor, a batch of array rows at a time: pg would
 * otherwise hold every row of a million-row read at once (and spend its time collecting them).
 * The next batch is asked for before this one is handed over, so the server finds and sends it
 * while the rows are used here: on a person's 119k messages, the server's 0.3-0.6 s no longer
 * adds to the time the caller spends on the rows.
 */
export async function eachRowByCursor(pool: pg.Pool, query: CompiledQuery, onRow: (row: unknown[]) => void): Promise<void> {
  const client = await pool.connect();
  const fetch = () => client.query({ text: `FETCH ${CURSOR_ROWS} FROM guildaudit_rows`, rowMode: 'array' });
  let ahead: Promise<pg.QueryResult<unknown[]>> | null = null;
  try {
    // Every row will be read: plan for the whole read, not for the first rows (a cursor's
    // default), which picked a sequential scan with an index probe per row over an index read
    // and a hash join for a person's messages (1.8 s instead of 1.1 s). A hash join's table
    // fits in memory at this size (at the default 4 MB, a person's files spilled to disk).
    await client.query(`BEGIN READ ONLY; SET LOCAL cursor_tuple_fraction = 1; SET LOCAL work_mem = '${WORK_MEM}'`);
    await client.query({ text: `DECLARE guildaudit_rows NO SCROLL CURSOR FOR ${query.sql}`, values: query.parameters as unknown[] });
    ahead = fetch();
    for (;;) {
      const batch: pg.QueryResult<unknown[]> = await ahead;
      ahead = batch.rows.length < CURSOR_ROWS ? null : fetch();
      ahead?.catch(() => undefined); // awaited next turn; this only stops an "unhandled" warning meanwhile
      for (const row of batch.rows) onRow(row);
      if (!ahead) break;
    }
    await client.query('COMMIT');
  } catch (error) {
    await ahead?.catch(() => undefined); // a FETCH still queued must finish before the ROLLBACK
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Reads a select of bytea columns as their raw bytes, by `COPY (select) TO STDOUT (FORMAT
 * binary)`: a select would bring them as hex text, which pg turns into a string and then into
 * bytes (for a million-message guild's 56 MB of stored columns, 112 MB of text). pg's protocol
 * parser has no binary row mode, so COPY is the one way to get them raw. Each row is split from
 * its message as it arrives: its fields are views into pg's read buffer, valid during `onRow`.
 */
export async function eachRowByBinaryCopy(pool: pg.Pool, query: CompiledQuery, onRow: (row: unknown[]) => void): Promise<void> {
  const client = await pool.connect();
  try {
    const split = new BinaryCopySplitter();
    await copyTo(client, `COPY (${inlineParameters(client, query)}) TO STDOUT (FORMAT binary)`, (message) => {
      for (const row of split.rows(message)) onRow(row);
    });
    split.end();
  } finally {
    client.release();
  }
}

/**
 * The select with its parameters written in as literals: COPY takes no parameters. Kysely
 * writes every value as a `$n` parameter and every name quoted, so a `$` followed by digits is
 * always a placeholder.
 */
function inlineParameters(client: pg.PoolClient, query: CompiledQuery): string {
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = query.parameters[Number(n) - 1];
    if (value === null) return 'NULL';
    if (typeof value === 'string') return client.escapeLiteral(value);
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    throw new TypeError(`cannot write ${typeof value} parameter $${n} into a COPY statement`);
  });
}
