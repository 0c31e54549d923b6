/** The 11 bytes every binary COPY stream starts with. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** Turns one field's bytes, `message[start, end)`, into its value. */
export type FieldDecoder = (message: Buffer, start: number, end: number) => unknown;

/**
 * Decodes PostgreSQL's binary COPY format (`COPY ... TO STDOUT (FORMAT binary)`) row by row as
 * its CopyData messages arrive, so no message is kept or joined to the next: each field is
 * decoded straight from the message by its column's decoder (NULL is null), into one array that
 * is handed to `onRow` for every row and then reused. The server sends each row in a message of
 * its own (the protocol says so); the header and the trailer may share one. A stream that does
 * not follow the format is an error, never a short read.
 *
 * @example
 * const rows = new BinaryCopyRows([(m, s, e) => m.toString('utf8', s, e)], ([name]) => names.push(name as string));
 * for (const message of messages) rows.push(message);
 * rows.end();
 */
export class BinaryCopyRows {
  readonly #row: unknown[];
  #started = false;
  #ended = false;
  /** Bytes of the stream before the current message: positions in errors count from its start. */
  #before = 0;

  constructor(
    private readonly decoders: readonly FieldDecoder[],
    private readonly onRow: (row: unknown[]) => void,
  ) {
    this.#row = new Array(decoders.length);
  }

  /** Decodes the rows one message holds and hands each to `onRow`, in order. */
  push(message: Buffer): void {
    const cut = (at: number) => new Error(`binary COPY stream cut short at byte ${this.#before + at} (a row must end in its own message)`);
    const row = this.#row;
    let at = 0;
    if (!this.#started) {
      if (message.length < 19 || !message.subarray(0, 11).equals(SIGNATURE)) throw new Error('not a binary COPY stream (no PGCOPY signature)');
      at = 15 + 4 + message.readUInt32BE(15); // signature, flags, header extension length and its bytes
      this.#started = true;
    }
    while (at < message.length) {
      if (this.#ended) throw new Error(`binary COPY stream goes on after its trailer, at byte ${this.#before + at}`);
      if (at + 2 > message.length) throw cut(at);
      const fields = message.readInt16BE(at);
      at += 2;
      if (fields === -1) {
        this.#ended = true;
        continue;
      }
      if (fields !== row.length) throw new Error(`binary COPY row of ${fields} fields where ${row.length} were expected, at byte ${this.#before + at - 2}`);
      for (let f = 0; f < fields; f++) {
        if (at + 4 > message.length) throw cut(at);
        const length = message.readInt32BE(at);
        at += 4;
        if (length === -1) {
          row[f] = null;
          continue;
        }
        if (at + length > message.length) throw cut(at);
        row[f] = this.decoders[f](message, at, at + length);
        at += length;
      }
      this.onRow(row);
    }
    this.#before += message.length;
  }

  /** Checks the stream ended with its trailer. */
  end(): void {
    if (!this.#ended) throw new Error(`binary COPY stream cut short at byte ${this.#before} (no trailer)`);
  }
}
