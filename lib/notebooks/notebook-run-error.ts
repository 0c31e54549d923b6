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
    /** Where the executed notebook was written; '' when it was kept in memory only. */
    readonly output: string,
  ) {
    super(`${notebookPath}: cell ${cellNumber} (${firstLine}) failed: ${ename}${evalue ? `: ${evalue}` : ''}`);
    this.name = 'NotebookRunError';
  }
}
