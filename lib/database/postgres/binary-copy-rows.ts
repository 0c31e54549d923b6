/** The 11 bytes every binary COPY stream starts with. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * Splits PostgreSQL's binary COPY format (`COPY ... TO STDOUT (FORMAT binary)`) into rows of
 * fields: each field the raw bytes the server sent (a view into `data`, not a copy), null for
 * NULL. Raw bytes are what a bytea column holds; other types would need their binary decoding.
 * A stream that does not follow the format is an error, never a short read.
 *
 * @example
 * for (const [bytes] of binaryCopyRows(Buffer.concat(chunks))) parts.push(bytes);
 */
export function* binaryCopyRows(data: Buffer): Generator<Array<Buffer | null>> {
  if (data.length < 19 || !data.subarray(0, 11).equals(SIGNATURE)) throw new Error('not a binary COPY stream (no PGCOPY signature)');
  let at = 15 + 4 + data.readUInt32BE(15); // signature, flags, header extension length and its bytes
  for (;;) {
    if (at + 2 > data.length) throw new Error(`binary COPY stream cut short at byte ${at}`);
    const fields = data.readInt16BE(at);
    at += 2;
    if (fields === -1) return; // the trailer
    const row: Array<Buffer | null> = new Array(fields);
    for (let f = 0; f < fields; f++) {
      if (at + 4 > data.length) throw new Error(`binary COPY stream cut short at byte ${at}`);
      const length = data.readInt32BE(at);
      at += 4;
      if (length === -1) {
        row[f] = null;
        continue;
      }
      if (at + length > data.length) throw new Error(`binary COPY stream cut short at byte ${at}`);
      row[f] = data.subarray(at, at + length);
      at += length;
    }
    yield row;
  }
}
