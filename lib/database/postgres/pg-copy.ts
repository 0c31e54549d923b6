import type pg from 'pg';

/**
 * `COPY table (columns) FROM STDIN` with rows already in PostgreSQL's text format (see
 * `CopyBuffer`). COPY is
 * PostgreSQL's fastest way in: no parameters to bind, no per-row statement. `pg` has no COPY of
 * its own; this is the small protocol object it accepts in place of a query (the same hooks the
 * `pg-copy-streams` package uses). Resolves with the number of rows copied.
 *
 * @example
 * await copyFrom(client, 'COPY stage (id, body) FROM STDIN', Buffer.from('1\thello\n2\t\\N\n'));
 */
export function copyFrom(client: pg.ClientBase, sql: string, data: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    client.query(new CopyIn(sql, data, (error, rows) => (error ? reject(error) : resolve(rows))) as never);
  });
}

type Done = (error: Error | null, rows: number) => void;

/** The protocol object: sends the data when the server asks for it, reports the row count. */
class CopyIn {
  #error: Error | null = null;
  #rows = 0;

  constructor(
    private readonly text: string,
    private readonly data: Buffer,
    readonly callback: Done,
  ) {}

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    // Large chunks: each is one CopyData message; the server takes up to 1 GB per message.
    for (let at = 0; at < this.data.length; at += CHUNK) connection.sendCopyFromChunk(this.data.subarray(at, at + CHUNK));
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }): void {
    const count = /^COPY (\d+)/.exec(message.text ?? '');
    if (count) this.#rows = Number(count[1]);
  }

  handleError(error: Error): void {
    this.#error ??= error;
  }

  handleReadyForQuery(): void {
    this.callback(this.#error, this.#rows);
  }

  handleEmptyQuery(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleCopyData(): void {}
}

const CHUNK = 1 << 20;

/** The part of pg's connection a COPY needs. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}
