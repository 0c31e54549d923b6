import { NotebookRunError } from '../notebooks/notebook-run-error';

/** Absolute file paths (two or more segments): a viewer has no use for the server's layout. */
const PATH = /(?:[A-Za-z]:)?(?:[\\/][\w.@+-]+){2,}/g;

/** `    at f (file:1:2)`: a line of a stack trace. */
const STACK_FRAME = /^\s*at\s/;

/**
 * One short line telling a viewer why a page could not be computed: which cell, and the first
 * line of the error's message without file paths. Never the traceback or the cell's code.
 */
export function viewerReason(error: unknown): string {
  if (error instanceof NotebookRunError) {
    if (error.ename === 'CellTimeoutError') return `step ${error.cellNumber} of the notebook took too long (${error.evalue.replace(PATH, '…')})`;
    if (error.ename === 'KernelError') return `the notebook's kernel stopped during step ${error.cellNumber}`;
    // the first line that is a message, not a stack frame
    const first = (error.evalue.split('\n').find((l) => l.trim() !== '' && !STACK_FRAME.test(l)) ?? '').replace(PATH, '…').trim();
    const short = first.length > 160 ? `${first.slice(0, 157)}...` : first;
    return `step ${error.cellNumber} of the notebook failed: ${error.ename}${short ? `: ${short}` : ''}`;
  }
  return 'the notebook could not be run (see the server log)';
}
