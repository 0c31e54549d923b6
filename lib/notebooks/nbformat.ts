/**
 * The parts of the Jupyter notebook format (nbformat v4) the executor reads and writes. Text
 * fields may be one string or a list of lines, as the format allows; `joinText` reads either.
 */

/** A string, or a list of strings that are joined without separators (each keeps its `\n`). */
export type MultilineString = string | string[];

/** MIME type → data, e.g. `{ 'text/html': '<b>x</b>' }`. */
export type MimeBundle = Record<string, unknown>;

/** Text written to stdout or stderr. */
export interface StreamOutput {
  output_type: 'stream';
  name: 'stdout' | 'stderr';
  text: MultilineString;
}

/** A value shown by a display call. */
export interface DisplayDataOutput {
  output_type: 'display_data';
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** The value of the cell's last expression (kernels other than tslab). */
export interface ExecuteResultOutput {
  output_type: 'execute_result';
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** An error that stopped the cell. */
export interface ErrorOutput {
  output_type: 'error';
  ename: string;
  evalue: string;
  traceback: string[];
}

/** Any output of a code cell. */
export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

/** Cell metadata; `tags` drives the executor (`parameters`, `raises-exception`, …). */
export interface CellMetadata {
  tags?: string[];
  [key: string]: unknown;
}

/** A code cell. */
export interface CodeCell {
  cell_type: 'code';
  id?: string;
  source: MultilineString;
  metadata: CellMetadata;
  execution_count: number | null;
  outputs: Output[];
}

/** A markdown or raw cell: never executed. */
export interface TextCell {
  cell_type: 'markdown' | 'raw';
  id?: string;
  source: MultilineString;
  metadata: CellMetadata;
  attachments?: Record<string, MimeBundle>;
}

/** Any cell. */
export type Cell = CodeCell | TextCell;

/** A whole notebook. */
export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

/** The text of a source or output field, whichever form it was stored in. */
export function joinText(text: MultilineString | undefined): string {
  return Array.isArray(text) ? text.join('') : (text ?? '');
}

/** Splits text into lines that keep their `\n`, the form Jupyter writes. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** True when the cell carries `tag` in its metadata. */
/** The tags of a cell (none when absent). */
export function cellTags(cell: Cell): ReadonlySet<string> {
  return new Set(Array.isArray(cell.metadata?.tags) ? cell.metadata.tags : []);
}

export function hasTag(cell: Cell, tag: string): boolean {
  return Array.isArray(cell.metadata?.tags) && cell.metadata.tags.includes(tag);
}
