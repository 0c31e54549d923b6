/**
 * An error meant for the user: printed as one line without a stack trace (unless `--debug`),
 * and the process exits with `exitCode`.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit code for a mistake in how a command was called. */
export const USAGE_EXIT_CODE = 2;
