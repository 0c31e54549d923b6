/** Why a report could not be made, in one line for the user (the command turns it into a CliError). */
export class ReportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReportError';
  }
}
