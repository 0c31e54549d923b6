const RBRACE = 0x7d;

/** Wrong cuts (an indented file whose layout changes) after which the fast path is given up. */
const MAX_WRONG_CUTS = 8;

/** An element the fast path cut and parsed: its value and the index just past it. */
export interface CutElement {
  value: unknown;
  end: number;
}

/**
 * The fast path of `JsonObjectSplitter` for indented files, which DiscordChatExporter always
 * writes. From the first element (found by the exact scan) it learns the line that closes an
 * element (`\n    }`). Each later element is cut at the next such line with one native search,
 * and the cut is proved by `JSON.parse`
 * accepting the piece: a JSON object's end is fixed by its start, so a piece that parses whole
 * is exactly the element. Raw newlines cannot occur inside JSON strings, so the search never
 * stops inside text. A cut that fails is left to the exact scan, which then decides and reports
 * any error; after a few the fast path gives up.
 *
 * (Tried and dropped: also cutting out DCE's repeating `author` member to parse each distinct
 * one once. The extra searches, decodes and the lookup by its text cost more than they saved.)
 */
export class IndentedElements {
  #closer: Buffer | null = null;
  #learned = false;
  #wrongCuts = 0;

  /** True until the first element has been seen (then `learn` is not needed any more). */
  get learning(): boolean {
    return !this.#learned;
  }

  /** True while the layout is known and the fast path has not been given up. */
  get active(): boolean {
    return this.#closer !== null;
  }

  /** Learns the closing line from the element `buf[start, end)` the exact scan found. */
  learn(buf: Buffer, start: number, end: number): void {
    this.#learned = true;
    let k = end - 2; // the byte before the closing brace
    while (k > start && (buf[k] === 0x20 || buf[k] === 0x09)) k--;
    if (buf[end - 1] !== RBRACE || k <= start || buf[k] !== 0x0a) return;
    this.#closer = Buffer.from(buf.subarray(k, end));
  }

  /**
   * Cuts and parses the element starting at `buf[i]` (an opening brace), or returns null when
   * the exact scan must decide: no closing line in the buffer yet, or a cut that does not parse.
   */
  cut(buf: Buffer, i: number): CutElement | null {
    const found = buf.indexOf(this.#closer!, i);
    if (found < 0) return null;
    const end = found + this.#closer!.length;
    const value = parseOrFail(buf.toString('utf8', i, end));
    if (value !== FAILED) return { value, end };
    if (++this.#wrongCuts >= MAX_WRONG_CUTS) this.#closer = null;
    return null;
  }
}

const FAILED = Symbol('failed');

function parseOrFail(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return FAILED;
  }
}
