import type { Io } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';

/** What a CLI run printed and returned. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the real command line in-process with captured output (no terminal, so no progress bar). */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    interactive: false,
    env,
    now: () => performance.now(),
  };
  const code = await main(argv, io);
  return { code, out, err };
}
