import fs from 'node:fs';
import path from 'node:path';
import type { DisplayIndex } from './cell-outputs';
import { executeCell, type CellExecution } from './execute-cell';
import { stripAnsi } from './kernel-error-text';
import { KernelProcess, type KernelInfo } from './kernel-process';
import { hasTag, joinText, type CodeCell, type Notebook } from './nbformat';
import { NotebookFileError, readNotebook, writeNotebook } from './notebook-file';
import { injectParameters } from './parameters';

/** The per-cell time limit when none is given, in seconds. */
export const DEFAULT_CELL_TIMEOUT_SECONDS = 300;

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

/** How to run a notebook. */
export interface RunNotebookOptions {
  /** The notebook to run (nbformat 4). Its folder is the kernel's working folder. */
  input: string;
  /** Where the executed notebook is written (atomically), also when a cell fails. */
  output: string;
  /** Values as text by parameter name, converted by each parameter's declared type. */
  parameters?: Record<string, string>;
  /** Per-cell time limit in seconds (default 300); a cell over it is interrupted and the run fails. */
  timeoutSeconds?: number;
  /** Extra environment for the kernel (e.g. `GUILDAUDIT_DB`); never written into the notebook. */
  env?: Record<string, string | undefined>;
  /** The audit data's version, recorded in `metadata.guildaudit`. */
  dataVersion?: string;
  /** Called when each code cell starts and ends. */
  onCell?: (progress: CellProgress) => void;
  /** Aborting interrupts the running cell and fails the run. */
  signal?: AbortSignal;
  /** How long the kernel may take to start (default 30 s). */
  kernelStartTimeoutMs?: number;
}

/** What `metadata.guildaudit` records about a run. */
export interface RunRecord {
  parameters: Record<string, unknown>;
  started: string;
  ended: string;
  status: 'ok' | 'failed';
  libraryVersion: string;
  dataVersion: string | null;
  kernel: { name: string; version: string; language: string };
  failedCell?: number;
}

/** A finished run. */
export interface NotebookRunResult {
  notebook: Notebook;
  output: string;
  /** Code cells executed. */
  cellsRun: number;
  seconds: number;
  record: RunRecord;
}

/** A cell failed (or ran out of time): the executed notebook up to it was written to `output`. */
export class NotebookRunError extends Error {
  constructor(
    readonly notebookPath: string,
    readonly cellNumber: number,
    readonly firstLine: string,
    readonly ename: string,
    readonly evalue: string,
    /** Without ANSI codes. */
    readonly traceback: string[],
    readonly output: string,
  ) {
    super(`${notebookPath}: cell ${cellNumber} (${firstLine}) failed: ${ename}${evalue ? `: ${evalue}` : ''}`);
    this.name = 'NotebookRunError';
  }
}

function libraryVersion(): string {
  return (require('../../../package.json') as { version: string }).version;
}

function firstLine(source: string): string {
  const line = source.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 60 ? `${line.slice(0, 57).trimEnd()}...` : line.trim();
}

/** Clears earlier outputs so a notebook run twice never shows stale results. */
function clearOutputs(nb: Notebook): void {
  for (const cell of nb.cells) {
    if (cell.cell_type !== 'code') continue;
    cell.outputs = [];
    cell.execution_count = null;
    delete cell.metadata.execution;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs a notebook from top to bottom in a fresh tslab kernel, the way papermill and nbconvert do:
 * the run's parameters are injected after the `parameters` cell, code cells run in order
 * (markdown, raw and empty cells are skipped), the run stops at the first error unless the cell
 * is tagged `raises-exception`, and a cell over the time limit is interrupted and fails the run.
 * The executed notebook is written to `options.output` in every case; a failure then throws
 * `NotebookRunError`.
 */
export async function runNotebook(options: RunNotebookOptions): Promise<NotebookRunResult> {
  const input = readNotebook(options.input);
  // a missing output folder would only show after every cell ran
  if (!fs.existsSync(path.dirname(path.resolve(options.output)))) throw new NotebookFileError(options.output, 'its folder does not exist');
  const { notebook, parameters } = injectParameters(input, options.parameters ?? {});
  clearOutputs(notebook);
  const timeoutMs = (options.timeoutSeconds ?? DEFAULT_CELL_TIMEOUT_SECONDS) * 1000;
  const startedAt = Date.now();
  const started = new Date(startedAt).toISOString();
  const kernel = await KernelProcess.start({
    cwd: path.dirname(path.resolve(options.input)),
    env: options.env,
    startTimeoutMs: options.kernelStartTimeoutMs,
  });
  const record: RunRecord = {
    parameters,
    started,
    ended: started,
    status: 'ok',
    libraryVersion: libraryVersion(),
    dataVersion: options.dataVersion ?? null,
    kernel: describeKernel(kernel.info),
  };
  const onAbort = () => kernel.interrupt();
  options.signal?.addEventListener('abort', onAbort);
  const runnable = notebook.cells
    .map((cell, i) => ({ cell, number: i + 1 }))
    .filter((c): c is { cell: CodeCell; number: number } => c.cell.cell_type === 'code' && joinText(c.cell.source).trim() !== '');
  const displays: DisplayIndex = new Map();
  let failure: NotebookRunError | undefined;
  let cellsRun = 0;
  try {
    for (const [i, { cell, number }] of runnable.entries()) {
      const source = joinText(cell.source);
      const progress = { cellNumber: number, ordinal: i + 1, codeCells: runnable.length, firstLine: firstLine(source) };
      if (options.signal?.aborted) {
        failure = new NotebookRunError(options.input, number, progress.firstLine, 'Cancelled', 'the run was cancelled before this cell', [], options.output);
        break;
      }
      options.onCell?.({ phase: 'start', ...progress });
      let execution: CellExecution;
      try {
        execution = await executeCell(kernel, source, { timeoutMs, displays });
      } catch (error) {
        // the kernel died under the cell
        failure = new NotebookRunError(options.input, number, progress.firstLine, 'KernelError', (error as Error).message, [], options.output);
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
        failure = new NotebookRunError(options.input, number, progress.firstLine, 'CellTimeoutError', error?.evalue ?? '', [], options.output);
      } else if (options.signal?.aborted) {
        failure = new NotebookRunError(options.input, number, progress.firstLine, 'Cancelled', 'the run was cancelled during this cell', [], options.output);
      } else if (!hasTag(cell, RAISES_EXCEPTION_TAG)) {
        failure = new NotebookRunError(options.input, number, progress.firstLine, error?.ename ?? 'Error', error?.evalue ?? '',
          (error?.traceback ?? []).map(stripAnsi), options.output);
      }
      if (failure) break;
      // tslab drops requests that arrive within 200 ms of a failed cell
      await sleep(300);
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await kernel.shutdown(failure ? 0 : 500);
    record.ended = new Date().toISOString();
    if (failure) {
      record.status = 'failed';
      record.failedCell = failure.cellNumber;
    }
    notebook.metadata.guildaudit = record;
    notebook.metadata.kernelspec ??= { name: 'tslab', display_name: 'TypeScript', language: 'typescript' };
    notebook.metadata.language_info = kernel.info.language_info;
    writeNotebook(options.output, notebook);
  }
  if (failure) throw failure;
  return { notebook, output: options.output, cellsRun, seconds: (Date.now() - startedAt) / 1000, record };
}

function describeKernel(info: KernelInfo): RunRecord['kernel'] {
  const language = [info.language_info?.name, info.language_info?.version].filter(Boolean).join(' ');
  return { name: info.implementation, version: info.implementation_version, language };
}
