/**
 * Where a command writes: passed in so tests can capture output and so nothing reaches for
 * `process` directly.
 */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal: progress bars are drawn only then. */
  readonly interactive: boolean;
  readonly env: NodeJS.ProcessEnv;
  now(): number;
}

/** The process's own streams. */
export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
    env: process.env,
    now: () => performance.now(),
  };
}
