import type { Notebook } from '../notebooks/nbformat';
import { injectParameters } from '../notebooks/parameters';
import { runCells } from '../notebooks/run-cells';
import { clearOutputs } from '../notebooks/run-notebook';
import type { KernelPool } from './kernel-pool';
import type { NotebookEntry } from './notebook-catalog';
import { renderOutputs } from './render-outputs';

/** Where a page's run is, for the progress line. */
export type PageProgress = { state: 'waiting' } | { state: 'running'; cell: number; of: number; line: string };

/** How to compute one page. */
export interface ComputePageOptions {
  /** Per-cell time limit. */
  timeoutMs: number;
  onProgress?: (progress: PageProgress) => void;
}

/**
 * Runs `entry`'s notebook with `params` on a kernel from the pool and returns the executed copy.
 * The kernel is discarded afterwards, whatever happened. A failing cell throws its
 * `NotebookRunError` (with the full details, for the server's log only).
 */
export async function runPage(pool: KernelPool, entry: NotebookEntry, params: Record<string, string>, options: ComputePageOptions): Promise<Notebook> {
  // the catalog's notebook is shared by every request: run a copy
  const { notebook } = injectParameters(structuredClone(entry.notebook), params);
  clearOutputs(notebook);
  options.onProgress?.({ state: 'waiting' });
  const kernel = await pool.take();
  try {
    const { failure } = await runCells(kernel, notebook, {
      notebookPath: `${entry.name}.ipynb`,
      output: '',
      timeoutMs: options.timeoutMs,
      onCell: (p) => {
        if (p.phase === 'start') options.onProgress?.({ state: 'running', cell: p.ordinal, of: p.codeCells, line: p.firstLine });
      },
    });
    if (failure) throw failure;
  } finally {
    void pool.discard(kernel).catch(() => undefined);
  }
  return notebook;
}

/** `runPage`, then the outputs as the HTML a dashboard shows. */
export async function computePage(pool: KernelPool, entry: NotebookEntry, params: Record<string, string>, options: ComputePageOptions): Promise<string> {
  return renderOutputs((await runPage(pool, entry, params, options)).cells);
}
