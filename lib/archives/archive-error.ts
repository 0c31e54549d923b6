/** Where in a file something went wrong. `line` and `column` are 1-based; `byte` is 0-based. */
export interface FilePosition {
  byte: number;
  line?: number;
  column?: number;
}

/**
 * An archive that cannot be imported: malformed, truncated, or not of the expected format.
 * The message names the file and the position so the user can open it there.
 */
export class ArchiveError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly position?: FilePosition,
  ) {
    super(`${file}${formatPosition(position)}: ${reason}`);
    this.name = 'ArchiveError';
  }

  /** The same error with line and column filled in. */
  withPosition(position: FilePosition): ArchiveError {
    return new ArchiveError(this.file, this.reason, position);
  }
}

function formatPosition(p: FilePosition | undefined): string {
  if (!p) return '';
  if (p.line !== undefined) return `:${p.line}:${p.column ?? 1} (byte ${p.byte})`;
  return ` (byte ${p.byte})`;
}
