import type pg from 'pg';

/**
 * `COPY table (columns) FROM STDIN` with rows already in PostgreSQL's text format (see
 * `CopyBuffer`). COPY is PostgreSQL's fastest way in: no parameters to bind, no per-row
 * statement. `pg` has no COPY of its own; this is the small protocol object it accepts in place
 * of a query (the same hooks the `pg-copy-streams` package uses). Resolves with the number of
 * rows copied.
 *
 * @example
 * await copyFrom(client, 'COPY stage (id, body) FROM STDIN', Buffer.from('1\thello\n2\t\\N\n'));
 */
export function copyFrom(client: pg.ClientBase, sql: string, data: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    client.query(new CopyIn(sql, data, (error, copy) => (error ? reject(error) : resolve(copy.rows))) as never);
  });
}

/**
 * `COPY ... TO STDOUT`: resolves with every byte the server sent, as sent (no text decoding:
 * with `(FORMAT binary)` a bytea arrives as its raw bytes, where a select sends it as hex text
 * for pg to decode — twice the bytes and two more passes over them).
 *
 * @example
 * const data = await copyTo(client, 'COPY (SELECT bytes FROM parts) TO STDOUT (FORMAT binary)');
 */
export function copyTo(client: pg.ClientBase, sql: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    client.query(new CopyOut(sql, (error, copy) => (error ? reject(error) : resolve(Buffer.concat(copy.chunks)))) as never);
  });
}

type Done<T> = (error: Error | null, copy: T) => void;

/** What both directions answer: the statement, its outcome, and messages a COPY never gets. */
abstract class CopyQuery {
  #error: Error | null = null;
  rows = 0;

  constructor(private readonly text: string) {}

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCommandComplete(message: { text?: string }): void {
    const count = /^COPY (\d+)/.exec(message.text ?? '');
    if (count) this.rows = Number(count[1]);
  }

  handleError(error: Error): void {
    this.#error ??= error;
  }

  handleReadyForQuery(): void {
    this.done(this.#error);
  }

  protected abstract done(error: Error | null): void;

  handleEmptyQuery(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
}

/** Sends the data when the server asks for it. */
class CopyIn extends CopyQuery {
  constructor(text: string, private readonly data: Buffer, readonly callback: Done<CopyIn>) {
    super(text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    // Large chunks: each is one CopyData message; the server takes up to 1 GB per message.
    for (let at = 0; at < this.data.length; at += CHUNK) connection.sendCopyFromChunk(this.data.subarray(at, at + CHUNK));
    connection.endCopyFrom();
  }

  handleCopyData(): void {}

  protected done(error: Error | null): void {
    this.callback(error, this);
  }
}

/** Keeps every CopyData message the server sends. */
class CopyOut extends CopyQuery {
  readonly chunks: Buffer[] = [];

  constructor(text: string, readonly callback: Done<CopyOut>) {
    super(text);
  }

  handleCopyOutResponse(): void {}

  handleCopyData(message: { chunk: Buffer }): void {
    // A view into pg's read buffer, which it reuses for the next messages: keep a copy.
    this.chunks.push(Buffer.from(message.chunk));
  }

  protected done(error: Error | null): void {
    this.callback(error, this);
  }
}

const CHUNK = 1 << 20;

/** The part of pg's connection a COPY needs. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}
