/**
 * tslab never publishes `error` messages: a failing cell prints its error to stderr and replies
 * `status: error`. This reads that stderr text back into the error's name, message and trace.
 */

/** An error read from a cell's stderr. */
export interface ParsedError {
  ename: string;
  evalue: string;
  traceback: string[];
  /** Where the error's text starts in the stderr it was read from. */
  start: number;
}

/** The name tslab's TypeScript diagnostics get (none is printed). */
export const TYPESCRIPT_ERROR = 'TypeScriptError';

/** `3:7 - Type 'string' is not assignable…`, optionally after a file name. */
const DIAGNOSTIC = /^(?:\S+ )?\d+:\d+ - /;
/** `RangeError: too far`, `Error [ERR_X]: …`, or a bare `…Error`: what Node prints first for an Error. */
const ERROR_HEADER = /^([A-Za-z_$][\w$]*)(?: \[[^\]]*\])?(?:: (.*)|(?<=Error|Exception))$/;
/** Stack frames inside tslab or Node rather than the notebook's code. */
const MACHINERY_FRAME = /^\s+at .*(node_modules[\\/](tslab|commander)[\\/]|\(node:|at node:|sigintHandlersWrap)/;

/** Line start offsets in `text`. */
function lineStarts(lines: string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  return starts;
}

/**
 * Reads the error at the end of `stderr`: TypeScript diagnostics (all trailing diagnostic lines),
 * else the last `Name: message` line followed by stack frames (or ending the text), else the
 * last line as a plain `Error`.
 */
export function parseErrorText(stderr: string): ParsedError {
  const text = stderr.replace(/\n+$/, '');
  const lines = text.split('\n');
  const starts = lineStarts(lines);

  let first = lines.length;
  while (first > 0 && DIAGNOSTIC.test(lines[first - 1])) first--;
  if (first < lines.length && text.length > 0) {
    const diagnostics = lines.slice(first);
    return { ename: TYPESCRIPT_ERROR, evalue: diagnostics.join('\n'), traceback: diagnostics, start: starts[first] };
  }

  for (let i = lines.length - 1; i >= 0; i--) {
    const header = ERROR_HEADER.exec(lines[i]);
    if (!header) continue;
    const rest = lines.slice(i + 1);
    const framesFollow = rest.length > 0 && /^\s+at /.test(rest[0]);
    if (!framesFollow && rest.length > 0) continue;
    // A thrown error with source context starts with `file:line`, the line, `^` and a blank.
    let start = i;
    if (i >= 4 && lines[i - 1] === '' && /^\s*\^+\s*$/.test(lines[i - 2]) && /:\d+$/.test(lines[i - 4])) start = i - 4;
    const frames = rest.filter((l) => !MACHINERY_FRAME.test(l));
    return { ename: header[1], evalue: header[2] ?? '', traceback: [lines[i], ...frames], start: starts[start] };
  }

  const last = [...lines].reverse().find((l) => l.trim() !== '') ?? '';
  return { ename: 'Error', evalue: last.trim() || 'the cell failed without a message', traceback: last ? [last] : [], start: text.length };
}

/** Removes ANSI colour and cursor codes. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}
