/**
 * Rows in PostgreSQL's COPY text format (tab between values, newline after each row, `\N` for
 * null), written straight into a growing byte buffer: the text of a few thousand messages stays
 * out of the JavaScript heap, and is ready to send as it is.
 */
export class CopyBuffer {
  #buf = Buffer.allocUnsafe(1 << 16);
  #length = 0;
  #rows = 0;

  get rows(): number {
    return this.#rows;
  }

  row(...values: Array<string | number | null>): void {
    let line = '';
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const text = v === null ? '\\N' : typeof v === 'number' ? String(v) : NEEDS_ESCAPE.test(v) ? v.replace(ESCAPED, escape) : v;
      line += i === 0 ? text : '\t' + text;
    }
    line += '\n';
    const most = line.length * 3; // UTF-8 bytes per UTF-16 unit, at most
    if (this.#length + most > this.#buf.length) this.#grow(this.#length + most);
    this.#length += this.#buf.write(line, this.#length, 'utf8');
    this.#rows++;
  }

  /** The rows so far, as bytes (a view: copy it to keep it past the next `row`). */
  bytes(): Buffer {
    return this.#buf.subarray(0, this.#length);
  }

  #grow(needed: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(needed, this.#buf.length * 2));
    this.#buf.copy(bigger, 0, 0, this.#length);
    this.#buf = bigger;
  }
}

// Backslash, the column and row delimiters, and carriage return are what COPY text must escape.
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escape = (c: string) => ESCAPES[c];
