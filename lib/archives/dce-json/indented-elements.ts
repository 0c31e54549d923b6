import crypto from 'node:crypto';

const LBRACE = 0x7b;
const RBRACE = 0x7d;
const QUOTE = 0x22;

/** Wrong cuts (an indented file whose layout changes) after which the fast path is given up. */
const MAX_WRONG_CUTS = 8;
/** Distinct shared-member texts remembered at once (DCE: one per author seen in the file). */
const MAX_SHARED = 4096;

/** An element the fast path cut and parsed: its value and the index just past it. */
export interface CutElement {
  value: unknown;
  end: number;
}

/**
 * The fast path of `JsonObjectSplitter` for indented files, which DiscordChatExporter always
 * writes. From the first element (found by the exact scan) it learns the layout: the line that
 * closes an element (`\n    }`) and the indentation of its members. Each later element is cut
 * at the next closing line with one native search, and the cut is proved by `JSON.parse`
 * accepting the piece: a JSON object's end is fixed by its start, so a piece that parses whole
 * is exactly the element. Raw newlines cannot occur inside JSON strings, so the search never
 * stops inside text. A cut that fails is left to the exact scan, which then decides and reports
 * any error; after a few the fast path gives up.
 *
 * With `sharedMember` (DCE: `author`, a third of each message), that member's text is cut out
 * too and parsed once per distinct text; elements with the same text share the parsed value,
 * which must be treated as read-only. The rest of the element is parsed with a placeholder in
 * its place, and the cut is only accepted if the placeholder came back as that member of the
 * element itself — not of a nested object, which a differently indented file could have put
 * at the same indentation. The placeholder carries a random nonce, so no file can spell it.
 */
export class IndentedElements {
  #closer: Buffer | null = null;
  #learned = false;
  #wrongCuts = 0;
  #shared: {
    key: string;
    /** `\n` + member indentation + `"key":` */
    start: Buffer;
    /** `\n` + member indentation + `}` */
    end: Buffer;
    placeholder: string;
    placeholderJson: string;
    values: Map<string, unknown>;
  } | null = null;

  constructor(private readonly sharedMember?: string) {}

  /** True until the first element has been seen (then `learn` is not needed any more). */
  get learning(): boolean {
    return !this.#learned;
  }

  /** True while the layout is known and the fast path has not been given up. */
  get active(): boolean {
    return this.#closer !== null;
  }

  /** Learns the layout from the element `buf[start, end)` the exact scan found. */
  learn(buf: Buffer, start: number, end: number): void {
    this.#learned = true;
    let k = end - 2; // the byte before the closing brace
    while (k > start && (buf[k] === 0x20 || buf[k] === 0x09)) k--;
    if (buf[end - 1] !== RBRACE || k <= start || buf[k] !== 0x0a) return;
    this.#closer = Buffer.from(buf.subarray(k, end));

    // Member indentation: what follows the opening brace up to the first key, "\n" + spaces.
    let m = start + 1;
    if (buf[m] === 0x0d) m++;
    if (!this.sharedMember || buf[m] !== 0x0a) return;
    let q = m + 1;
    while (buf[q] === 0x20 || buf[q] === 0x09) q++;
    if (buf[q] !== QUOTE || q === m + 1) return;
    const indent = buf.toString('latin1', m, q);
    const nonce = crypto.randomBytes(12).toString('hex');
    const placeholder = `\u0000shared ${nonce}`;
    this.#shared = {
      key: this.sharedMember,
      start: Buffer.from(`${indent}${JSON.stringify(this.sharedMember)}:`),
      end: Buffer.from(`${indent}}`),
      placeholder,
      placeholderJson: JSON.stringify(placeholder),
      values: new Map(),
    };
  }

  /**
   * Cuts and parses the element starting at `buf[i]` (an opening brace), or returns null when
   * the exact scan must decide: no closing line in the buffer yet, or a cut that does not parse.
   */
  cut(buf: Buffer, i: number): CutElement | null {
    const found = buf.indexOf(this.#closer!, i);
    if (found < 0) return null;
    const end = found + this.#closer!.length;
    const value = (this.#shared && this.#parseSharing(buf, i, end)) ?? parseOrFail(buf.toString('utf8', i, end));
    if (value !== FAILED) return { value, end };
    if (++this.#wrongCuts >= MAX_WRONG_CUTS) this.#closer = null;
    return null;
  }

  /** The element parsed with its shared member cut out, or undefined to parse it whole. */
  #parseSharing(buf: Buffer, i: number, end: number): unknown {
    const s = this.#shared!;
    const key = buf.indexOf(s.start, i);
    if (key < 0 || key >= end) return undefined;
    let from = key + s.start.length;
    while (buf[from] === 0x20 || buf[from] === 0x09) from++;
    if (buf[from] !== LBRACE) return undefined;
    const close = buf.indexOf(s.end, from);
    const to = close + s.end.length;
    if (close < 0 || to > end) return undefined;

    const text = buf.toString('utf8', from, to);
    let shared = s.values.get(text);
    if (shared === undefined) {
      shared = parseOrFail(text);
      if (shared === FAILED) return undefined;
      if (s.values.size >= MAX_SHARED) s.values.clear();
      s.values.set(text, shared);
    }
    const rest = parseOrFail(buf.toString('utf8', i, from) + s.placeholderJson + buf.toString('utf8', to, end));
    if (rest === null || typeof rest !== 'object') return undefined;
    const element = rest as Record<string, unknown>;
    if (element[s.key] !== s.placeholder) return undefined;
    element[s.key] = shared;
    return element;
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
