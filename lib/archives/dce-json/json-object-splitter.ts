/**
 * Splits a streamed JSON object into its top-level members without parsing it whole: each member
 * arrives as raw text, except one array-valued key (DiscordChatExporter's `messages`) whose
 * elements arrive one at a time. Only boundaries are found here — each piece is then checked by
 * `JSON.parse`, which is much faster than a JavaScript tokenizer — so memory stays bounded by the
 * largest single element, whatever the file size.
 *
 * Indented files take a faster path (`IndentedElements`) that cuts elements with a native search
 * and proves each cut by parsing it; a receiver with `parsedElement` gets those values instead
 * of text to parse again.
 */
import { IndentedElements } from './indented-elements';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

/** A structural problem at a byte offset from the start of the stream. */
export class SplitError extends Error {
  constructor(message: string, readonly byte: number) {
    super(message);
  }
}

/** What the splitter reports. */
export interface SplitterEvents {
  /** A top-level member other than the streamed array: its key and raw JSON text. */
  member(key: string, json: string, byte: number): void;
  /** The streamed array's key was reached (its elements follow). */
  arrayStart(key: string, byte: number): void;
  /** One element of the streamed array: raw JSON text and the byte offset where it starts. */
  element(json: string, byte: number): void;
  /** When given, receives the elements the fast path already parsed, instead of `element`. */
  parsedElement?(value: unknown, byte: number): void;
}


type State = 'start' | 'key' | 'colon' | 'value' | 'afterValue' | 'firstElement' | 'element' | 'afterElement' | 'done';

/** Incremental splitter: `push` chunks as they are read, then `end`. */
export class JsonObjectSplitter {
  /** Holds the unconsumed input at `[#start, #end)`; reused from chunk to chunk. */
  #store: Buffer = Buffer.alloc(0);
  #start = 0;
  #end = 0;
  /** The unconsumed input, as the last scan saw it. */
  #buf: Buffer = Buffer.alloc(0);
  /** Stream offset of `#buf[0]`. */
  #base = 0;
  #state: State = 'start';
  #key = '';
  readonly #fast: IndentedElements;

  constructor(
    private readonly arrayKey: string,
    private readonly events: SplitterEvents,
  ) {
    this.#fast = new IndentedElements();
  }

  /** True once the top-level object has closed. */
  get complete(): boolean {
    return this.#state === 'done';
  }

  /** Bytes seen so far. */
  get offset(): number {
    return this.#base + this.#buf.length;
  }

  /** Feeds the next chunk; reports every member/element completed by it. */
  push(chunk: Buffer): void {
    chunk.copy(this.writable(chunk.length));
    this.written(chunk.length);
  }

  /**
   * Room for at least `min` more bytes of input, right after the unconsumed ones: read into it,
   * then call `written`. Saves `push`'s copy, and the buffer is reused, so reading allocates
   * (and the kernel zero-fills) nothing new per chunk.
   */
  writable(min: number): Buffer {
    if (this.#store.length - this.#end < min) {
      const left = this.#end - this.#start;
      // Only the unfinished element is kept, so the store stays about two chunks long.
      const store = left + min <= this.#store.length ? this.#store : Buffer.allocUnsafe(Math.max(2 * min, left + min));
      this.#store.copy(store, 0, this.#start, this.#end);
      this.#store = store;
      this.#start = 0;
      this.#end = left;
    }
    return this.#store.subarray(this.#end);
  }

  /** Takes the `bytes` just read into `writable`'s buffer; reports every member/element they complete. */
  written(bytes: number): void {
    this.#end += bytes;
    this.#buf = this.#store.subarray(this.#start, this.#end);
    const consumed = this.#scan(false);
    this.#base += consumed;
    this.#start += consumed;
    this.#buf = this.#buf.subarray(consumed);
  }

  /** Signals end of input; throws if the object did not close. */
  end(): void {
    this.#scan(true);
    if (this.#state !== 'done') {
      const inArray = this.#state === 'firstElement' || this.#state === 'element' || this.#state === 'afterElement';
      const where = inArray ? ` inside "${this.arrayKey}"` : '';
      throw new SplitError(`the file ends${where} before the JSON is complete`, this.offset);
    }
  }

  /** Scans as far as complete tokens allow; returns how many bytes of `#buf` are consumed. */
  #scan(atEnd: boolean): number {
    const buf = this.#buf;
    const n = buf.length;
    let i = 0;
    for (;;) {
      i = skipWhitespace(buf, i);
      if (i >= n) return i;
      const c = buf[i];
      const at = this.#base + i;
      switch (this.#state) {
        case 'start':
          if (c === 0xef && n - i < 3) return i; // maybe a byte order mark: wait for all of it
          if (c === 0xef && buf[i + 1] === 0xbb && buf[i + 2] === 0xbf) {
            i += 3;
            break;
          }
          if (c !== LBRACE) throw new SplitError('expected a JSON object', at);
          this.#state = 'key';
          i++;
          break;
        case 'key': {
          if (c === RBRACE) {
            this.#state = 'done';
            i++;
            break;
          }
          if (c !== QUOTE) throw new SplitError('expected a property name', at);
          const end = stringEnd(buf, i);
          if (end < 0) return i;
          this.#key = JSON.parse(buf.toString('utf8', i, end));
          this.#state = 'colon';
          i = end;
          break;
        }
        case 'colon':
          if (c !== COLON) throw new SplitError(`expected ':' after "${this.#key}"`, at);
          this.#state = 'value';
          i++;
          break;
        case 'value': {
          if (this.#key === this.arrayKey && c === LBRACKET) {
            this.events.arrayStart(this.#key, at);
            this.#state = 'firstElement';
            i++;
            break;
          }
          const end = valueEnd(buf, i, atEnd);
          if (end < 0) return i;
          this.events.member(this.#key, buf.toString('utf8', i, end), at);
          this.#state = 'afterValue';
          i = end;
          break;
        }
        case 'afterValue':
          if (c === COMMA) this.#state = 'key';
          else if (c === RBRACE) this.#state = 'done';
          else throw new SplitError("expected ',' or '}' between properties", at);
          i++;
          break;
        case 'firstElement':
        case 'element': {
          if (this.#state === 'firstElement' && c === RBRACKET) {
            this.#state = 'afterValue';
            i++;
            break;
          }
          if (c === LBRACE && this.#fast.active) {
            const cut = this.#fast.cut(buf, i);
            if (cut) {
              if (this.events.parsedElement) this.events.parsedElement(cut.value, at);
              else this.events.element(buf.toString('utf8', i, cut.end), at);
              this.#state = 'afterElement';
              i = cut.end;
              break;
            }
          }
          const end = valueEnd(buf, i, atEnd);
          if (end < 0) return i;
          if (this.#fast.learning) this.#fast.learn(buf, i, end);
          this.events.element(buf.toString('utf8', i, end), at);
          this.#state = 'afterElement';
          i = end;
          break;
        }
        case 'afterElement':
          if (c === COMMA) this.#state = 'element';
          else if (c === RBRACKET) this.#state = 'afterValue';
          else throw new SplitError(`expected ',' or ']' between elements of "${this.arrayKey}"`, at);
          i++;
          break;
        case 'done':
          throw new SplitError('unexpected data after the end of the JSON object', at);
      }
    }
  }

}

function skipWhitespace(buf: Buffer, i: number): number {
  const n = buf.length;
  while (i < n) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** Index just past the string starting at `buf[i]` (a quote), or -1 if it is not complete yet. */
function stringEnd(buf: Buffer, i: number): number {
  let from = i + 1;
  for (;;) {
    const q = buf.indexOf(QUOTE, from);
    if (q < 0) return -1;
    let k = q - 1;
    while (buf[k] === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q + 1; // an even run of backslashes escapes nothing
    from = q + 1;
  }
}

/**
 * Index just past the JSON value starting at `buf[i]`, or -1 if more input is needed. Brackets are
 * only counted, not matched: a mismatch is left for `JSON.parse` to report with its position.
 */
function valueEnd(buf: Buffer, i: number, atEnd: boolean): number {
  const first = buf[i];
  if (first === QUOTE) return stringEnd(buf, i);
  const n = buf.length;
  if (first !== LBRACE && first !== LBRACKET) {
    // number, true, false, null: ends at a delimiter
    let j = i;
    while (j < n) {
      const c = buf[j];
      if (c === COMMA || c === RBRACE || c === RBRACKET || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) return j;
      j++;
    }
    return atEnd ? n : -1;
  }
  let depth = 0;
  for (let j = i; j < n; j++) {
    const c = buf[j];
    if (c === QUOTE) {
      const end = stringEnd(buf, j);
      if (end < 0) return -1;
      j = end - 1;
    } else if (c === LBRACE || c === LBRACKET) {
      depth++;
    } else if (c === RBRACE || c === RBRACKET) {
      if (--depth === 0) return j + 1;
    }
  }
  return -1;
}
