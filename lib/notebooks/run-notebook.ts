import fs from 'node:fs';
import path from 'node:path';
import { KernelProcess, type KernelInfo } from './kernel-process';
import type { Notebook } from './nbformat';
import { DASHBOARD_RUN_ENV } from './notebook-database';
import { NotebookFileError, readNotebook, writeNotebook } from './notebook-file';
import { NotebookRunError } from './notebook-run-error';
import { injectParameters } from './parameters';
import { runCells, type CellProgress } from './run-cells';

export { NotebookRunError } from './notebook-run-error';
export { RAISES_EXCEPTION_TAG, type CellProgress } from './run-cells';

/** The per-cell time limit when none is given, in seconds. */
export const DEFAULT_CELL_TIMEOUT_SECONDS = 300;

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
  /** Called once the kernel process is spawned, while it starts (see `KernelStartOptions.onSpawn`). */
  onKernelSpawn?: () => void;
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

function libraryVersion(): string {
  return (require('../../../package.json') as { version: string }).version;
}

/** Clears earlier outputs so a notebook run twice never shows stale results. */
export function clearOutputs(nb: Notebook): void {
  for (const cell of nb.cells) {
    if (cell.cell_type !== 'code') continue;
    cell.outputs = [];
    cell.execution_count = null;
    delete cell.metadata.execution;
  }
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
    // a dashboard flag inherited from a shell would stop the notebook writing its files
    env: { [DASHBOARD_RUN_ENV]: undefined, ...options.env },
    startTimeoutMs: options.kernelStartTimeoutMs,
    onSpawn: options.onKernelSpawn,
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
  let failure: NotebookRunError | undefined;
  let cellsRun = 0;
  try {
    ({ failure, cellsRun } = await runCells(kernel, notebook, {
      notebookPath: options.input,
      output: options.output,
      timeoutMs,
      onCell: options.onCell,
      signal: options.signal,
    }));
  } finally {
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
