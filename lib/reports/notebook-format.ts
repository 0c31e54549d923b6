/** The parts of an executed Jupyter notebook (nbformat v4) that a printed report reads. */

/** Text in nbformat: one string, or a list of lines joined as they are. */
export type MultilineText = string | string[];

/** A cell's metadata; only `tags` matters to reports. */
export interface CellMetadata {
  tags?: string[];
  [key: string]: unknown;
}

/** A markdown or raw cell. */
export interface TextCell {
  cell_type: 'markdown' | 'raw';
  source: MultilineText;
  metadata?: CellMetadata;
}

/** A code cell with the outputs of its run. */
export interface CodeCell {
  cell_type: 'code';
  source: MultilineText;
  metadata?: CellMetadata;
  outputs?: NotebookOutput[];
}

/** Any cell. */
export type NotebookCell = TextCell | CodeCell;

/** `print`/`console.log` text: `stdout` or `stderr`. */
export interface StreamOutput {
  output_type: 'stream';
  name: 'stdout' | 'stderr';
  text: MultilineText;
}

/** A rich output: one or more MIME types of the same value. */
export interface DataOutput {
  output_type: 'display_data' | 'execute_result' | 'update_display_data';
  data: Record<string, MultilineText | unknown>;
  metadata?: Record<string, unknown>;
}

/** An exception raised by a cell. */
export interface ErrorOutput {
  output_type: 'error';
  ename: string;
  evalue: string;
  traceback?: string[];
}

/** Any output of a code cell. */
export type NotebookOutput = StreamOutput | DataOutput | ErrorOutput;

/** A whole notebook. */
export interface Notebook {
  nbformat: number;
  nbformat_minor?: number;
  metadata?: Record<string, unknown>;
  cells: NotebookCell[];
}

/** The text of a source or output field. */
export function joinText(text: MultilineText | unknown): string {
  if (Array.isArray(text)) return text.join('');
  return typeof text === 'string' ? text : '';
}

/** The tags of a cell (none when absent). */
export function cellTags(cell: NotebookCell): ReadonlySet<string> {
  return new Set(Array.isArray(cell.metadata?.tags) ? cell.metadata.tags : []);
}

/**
 * The value as a notebook this module can read, or an error naming what is wrong: reports
 * are made only from nbformat v4 files (what Jupyter and `guildaudit run` write).
 */
export function asNotebook(value: unknown): Notebook {
  const nb = value as Partial<Notebook> | null;
  if (typeof nb !== 'object' || nb === null || !Array.isArray(nb.cells)) throw new TypeError('not a Jupyter notebook: no "cells" list');
  if (nb.nbformat !== 4) throw new TypeError(`unsupported notebook format ${String(nb.nbformat)}: only nbformat 4 is read`);
  return nb as Notebook;
}
