import type { DisplayIndex } from './cell-outputs';
import { executeCell, type CellExecution } from './execute-cell';
import { stripAnsi } from './kernel-error-text';
import type { KernelProcess } from './kernel-process';
import { hasTag, joinText, type CodeCell, type Notebook } from './nbformat';
import { NotebookRunError } from './notebook-run-error';

/** Tag of a cell whose error is expected: the run goes on after it (nbconvert's convention). */
export const RAISES_EXCEPTION_TAG = 'raises-exception';

/** What a progress callback is told before and after each code cell. */
export interface CellProgress {
  phase: 'start' | 'end';
  /** 1-based position of the cell in the executed notebook (markdown cells count). */
  cellNumber: number;
  /** 1-based among the code cells that run, and how many there are. */
  ordinal: number;
  codeCells: number;
  /** The first non-blank line of the cell's source. */
  firstLine: string;
  /** How the cell ended (`end` only). */
  execution?: CellExecution;
}

/** How to run the cells of a notebook in a kernel someone else started. */
export interface RunCellsOptions {
  /** The notebook's path (or name), for error messages. */
  notebookPath: string;
  /** Where the caller will write the executed notebook ('' for none), recorded in errors. */
  output: string;
  /** Per-cell time limit. */
  timeoutMs: number;
  /** Called when each code cell starts and ends. */
  onCell?: (progress: CellProgress) => void;
  /** Aborting interrupts the running cell and fails the run. */
  signal?: AbortSignal;
}

/** How a run of the cells ended: the outputs are in the notebook's cells. */
export interface CellsRun {
  /** Code cells executed. */
  cellsRun: number;
  /** The cell that failed and stopped the run, if one did. */
  failure?: NotebookRunError;
}

/** The first non-blank line of a cell, shortened for messages. */
export function firstLine(source: string): string {
  const line = source.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 60 ? `${line.slice(0, 57).trimEnd()}...` : line.trim();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs the code cells of `notebook` in order in `kernel`, writing each cell's outputs, execution
 * count and times into the cell (markdown, raw and empty cells are skipped). The run stops at the
 * first error unless the cell is tagged `raises-exception`; a cell over the time limit is
 * interrupted and stops the run. Never shuts the kernel down: that is the caller's.
 */
export async function runCells(kernel: KernelProcess, notebook: Notebook, options: RunCellsOptions): Promise<CellsRun> {
  const onAbort = () => kernel.interrupt();
  options.signal?.addEventListener('abort', onAbort);
  const runnable = notebook.cells
    .map((cell, i) => ({ cell, number: i + 1 }))
    .filter((c): c is { cell: CodeCell; number: number } => c.cell.cell_type === 'code' && joinText(c.cell.source).trim() !== '');
  const displays: DisplayIndex = new Map();
  const fail = (number: number, line: string, ename: string, evalue: string, traceback: string[] = []) =>
    new NotebookRunError(options.notebookPath, number, line, ename, evalue, traceback, options.output);
  let failure: NotebookRunError | undefined;
  let cellsRun = 0;
  try {
    for (const [i, { cell, number }] of runnable.entries()) {
      const source = joinText(cell.source);
      const progress = { cellNumber: number, ordinal: i + 1, codeCells: runnable.length, firstLine: firstLine(source) };
      if (options.signal?.aborted) {
        failure = fail(number, progress.firstLine, 'Cancelled', 'the run was cancelled before this cell');
        break;
      }
      options.onCell?.({ phase: 'start', ...progress });
      let execution: CellExecution;
      try {
        execution = await executeCell(kernel, source, { timeoutMs: options.timeoutMs, displays });
      } catch (error) {
        // the kernel died under the cell
        failure = fail(number, progress.firstLine, 'KernelError', (error as Error).message);
        break;
      }
      cellsRun++;
      cell.outputs = execution.outputs;
      cell.execution_count = execution.executionCount;
      cell.metadata.execution = { 'iopub.execute_input': execution.started, 'shell.execute_reply': execution.ended };
      options.onCell?.({ phase: 'end', ...progress, execution });
      if (execution.status === 'ok') continue;
      const error = execution.error;
      if (execution.status === 'timeout') {
        failure = fail(number, progress.firstLine, 'CellTimeoutError', error?.evalue ?? '');
      } else if (options.signal?.aborted) {
        failure = fail(number, progress.firstLine, 'Cancelled', 'the run was cancelled during this cell');
      } else if (!hasTag(cell, RAISES_EXCEPTION_TAG)) {
        failure = fail(number, progress.firstLine, error?.ename ?? 'Error', error?.evalue ?? '', (error?.traceback ?? []).map(stripAnsi));
      }
      if (failure) break;
      // tslab drops requests that arrive within 200 ms of a failed cell
      await sleep(300);
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  return { cellsRun, failure };
}
