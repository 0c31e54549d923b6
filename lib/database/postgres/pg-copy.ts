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
 * `COPY ... TO STDOUT`: hands each CopyData message to `onData` as it arrives, as sent (no text
 * decoding: with `(FORMAT binary)` a bytea arrives as its raw bytes, where a select sends it as
 * hex text for pg to decode — twice the bytes and two more passes over them). A message is a
 * view into pg's read buffer, valid only during the call: copy what you keep. An error thrown by
 * `onData` ends the COPY with that error (the connection is still read to its end).
 *
 * @example
 * await copyTo(client, 'COPY (SELECT bytes FROM parts) TO STDOUT (FORMAT binary)', (m) => sink.write(Buffer.from(m)));
 */
export function copyTo(client: pg.ClientBase, sql: string, onData: (message: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    client.query(new CopyOut(sql, onData, (error) => (error ? reject(error) : resolve())) as never);
  });
}

type Done<T> = (error: Error | null, copy: T) => void;

/** What both directions answer: the statement, its outcome, and messages a COPY never gets. */
abstract class CopyQuery {
  #finished = false;
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
    // pg hands the connection to the next query as soon as it reports an error: the ReadyForQuery
    // that follows never reaches this object, so the COPY ends here (waiting for it hung forever).
    this.#finish(error);
  }

  handleReadyForQuery(): void {
    this.#finish(null);
  }

  #finish(error: Error | null): void {
    if (this.#finished) return;
    this.#finished = true;
    this.done(error);
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

/** Hands each CopyData message the server sends to its consumer. */
class CopyOut extends CopyQuery {
  #failure: Error | null = null;

  constructor(text: string, private readonly onData: (message: Buffer) => void, readonly callback: Done<CopyOut>) {
    super(text);
  }

  handleCopyOutResponse(): void {}

  handleCopyData(message: { chunk: Buffer }): void {
    if (this.#failure) return;
    try {
      this.onData(message.chunk);
    } catch (error) {
      this.#failure = error as Error;
    }
  }

  protected done(error: Error | null): void {
    this.callback(error ?? this.#failure, this);
  }
}

const CHUNK = 1 << 20;

/** The part of pg's connection a COPY needs. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}
