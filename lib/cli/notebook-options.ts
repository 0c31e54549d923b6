import path from 'node:path';
import { KernelError } from '../notebooks/kernel-process';
import { NotebookFileError, readNotebook } from '../notebooks/notebook-file';
import { injectParameters, ParameterError } from '../notebooks/parameters';
import { DEFAULT_CELL_TIMEOUT_SECONDS, NotebookRunError } from '../notebooks/run-notebook';
import { CliError, USAGE_EXIT_CODE } from './cli-error';

/** The longest `--timeout` taken: a day per cell. */
const MAX_TIMEOUT_SECONDS = 86_400;

/** The help line of `--timeout`, with the command's own default. */
export function timeoutHelp(fallback = DEFAULT_CELL_TIMEOUT_SECONDS): string {
  return `  --timeout <seconds>  Time limit per cell (default: ${fallback})`;
}

/** Help lines for the options every command that runs a notebook takes. */
export const NOTEBOOK_OPTIONS_HELP = `  --param name=value   A parameter value (repeat for each parameter)
${timeoutHelp()}`;

/** `--param name=value` pairs as an object; a name given twice is a usage error. */
export function parseParams(pairs: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--param takes name=value (got '${pair}')`, USAGE_EXIT_CODE);
    const name = pair.slice(0, eq);
    if (Object.hasOwn(params, name)) throw new CliError(`--param ${name} is given twice`, USAGE_EXIT_CODE);
    params[name] = pair.slice(eq + 1);
  }
  return params;
}

/** `--timeout` in seconds, above 0 and at most a day; `fallback` (the executor's default) when absent. */
export function parseTimeout(text: string | undefined, fallback = DEFAULT_CELL_TIMEOUT_SECONDS): number {
  if (text === undefined) return fallback;
  const seconds = Number(text);
  if (!(seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS)) {
    throw new CliError(`--timeout takes a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS} (got '${text}')`, USAGE_EXIT_CODE);
  }
  return seconds;
}

/** Checks that the notebook reads and takes these parameters, before anything is opened or started. */
export function checkNotebookParameters(input: string, parameters: Record<string, string>): void {
  try {
    injectParameters(readNotebook(input), parameters);
  } catch (error) {
    if (error instanceof NotebookFileError) throw new CliError(error.message);
    if (error instanceof ParameterError) throw new CliError(`${input}: ${error.message}`, USAGE_EXIT_CODE);
    throw error;
  }
}

/**
 * A failed notebook run as one clear message: the cell and the kernel's error (with where the
 * executed notebook is, when one was kept); other errors pass through.
 */
export function notebookRunError(error: unknown, input: string, kept?: string): unknown {
  if (error instanceof NotebookRunError) {
    const trace = error.traceback.slice(1).map((line) => `  ${line.trim()}\n`).join('');
    const where = kept ? `the executed notebook, up to that cell, is in ${path.normalize(kept)}` : '';
    return new CliError(`${error.message}\n${trace}${where}`.trimEnd());
  }
  if (error instanceof NotebookFileError) return new CliError(error.message);
  if (error instanceof KernelError) return new CliError(`${input}: cannot run the kernel: ${error.message}`);
  return error;
}
