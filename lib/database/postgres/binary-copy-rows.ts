/** The 11 bytes every binary COPY stream starts with. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** A row of a binary COPY: each field the raw bytes the server sent, null for NULL. */
export type BinaryCopyRow = Array<Buffer | null>;

/**
 * Splits PostgreSQL's binary COPY format (`COPY ... TO STDOUT (FORMAT binary)`) into rows as
 * its CopyData messages arrive, so no message is kept or joined to the next. The server sends
 * each row in a message of its own (the protocol says so); the header and the trailer may share
 * one. Each field is a view into the message, not a copy. Raw bytes are what a bytea column
 * holds; other types would need their binary decoding. A stream that does not follow the
 * format is an error, never a short read.
 *
 * @example
 * const split = new BinaryCopySplitter();
 * for (const message of messages) for (const [bytes] of split.rows(message)) keep(Buffer.from(bytes!));
 * split.end();
 */
export class BinaryCopySplitter {
  #started = false;
  #ended = false;
  /** Bytes of the stream before the current message: positions in errors count from its start. */
  #before = 0;

  /** The rows one message holds, in order. */
  rows(message: Buffer): BinaryCopyRow[] {
    const rows: BinaryCopyRow[] = [];
    const cut = (at: number) => new Error(`binary COPY stream cut short at byte ${this.#before + at} (a row must end in its own message)`);
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
      const row: BinaryCopyRow = new Array(fields);
      for (let f = 0; f < fields; f++) {
        if (at + 4 > message.length) throw cut(at);
        const length = message.readInt32BE(at);
        at += 4;
        if (length === -1) {
          row[f] = null;
          continue;
        }
        if (at + length > message.length) throw cut(at);
        row[f] = message.subarray(at, at + length);
        at += length;
      }
      rows.push(row);
    }
    this.#before += message.length;
    return rows;
  }

  /** Checks the stream ended with its trailer. */
  end(): void {
    if (!this.#ended) throw new Error(`binary COPY stream cut short at byte ${this.#before} (no trailer)`);
  }
}
