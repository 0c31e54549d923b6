import fs from 'node:fs';
import path from 'node:path';
import type { Notebook } from './nbformat';

/** A notebook file that cannot be read: missing, not JSON, not a notebook, or too old. */
export class NotebookFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'NotebookFileError';
  }
}

/** Reads and checks a notebook file (nbformat 4 or later). */
export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new NotebookFileError(file, code === 'ENOENT' ? 'no such file' : (error as Error).message);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new NotebookFileError(file, `not JSON (${(error as Error).message})`);
  }
  const nb = value as Partial<Notebook> | null;
  if (!nb || typeof nb !== 'object' || Array.isArray(nb) || typeof nb.nbformat !== 'number') {
    throw new NotebookFileError(file, 'not a Jupyter notebook (no nbformat field)');
  }
  if (nb.nbformat < 4) {
    throw new NotebookFileError(file, `nbformat ${nb.nbformat} is too old: only nbformat 4 is read (convert it with Jupyter first)`);
  }
  if (!Array.isArray(nb.cells)) throw new NotebookFileError(file, 'not a Jupyter notebook (no cells list)');
  for (const [i, cell] of nb.cells.entries()) {
    if (!cell || typeof cell !== 'object' || typeof cell.cell_type !== 'string') {
      throw new NotebookFileError(file, `cell ${i + 1} has no cell_type`);
    }
    cell.metadata ??= {};
    if (cell.cell_type === 'code') {
      cell.outputs ??= [];
      cell.execution_count ??= null;
    }
  }
  return { nbformat: nb.nbformat, nbformat_minor: nb.nbformat_minor ?? 0, metadata: nb.metadata ?? {}, cells: nb.cells };
}

/**
 * Writes `nb` to `file` through a temporary file in the same folder and a rename, so a crash
 * leaves either the old file or the new one, never half of one.
 */
export function writeNotebook(file: string, nb: Notebook): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temp, JSON.stringify(nb, null, 1) + '\n');
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
