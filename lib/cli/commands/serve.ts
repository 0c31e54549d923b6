import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_PAGE_CELL_TIMEOUT_SECONDS, ServerListenError, startDashboardServer } from '../../dashboards/dashboard-server';
import { resolveDatabaseTarget } from '../../database/open-engine';
import { KernelError } from '../../notebooks/kernel-process';
import { projectRoot, targetForKernel } from '../../notebooks/notebook-database';
import { CliError, USAGE_EXIT_CODE } from '../cli-error';
import { DB_HELP, DB_OPTION, type Command } from '../command';
import { parseTimeout, timeoutHelp } from '../notebook-options';
import { openDatabase } from '../open-database';

/** A whole number within bounds, or a usage error naming the option. */
function wholeNumber(option: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new CliError(`--${option} takes a whole number from ${min} to ${max} (got '${text}')`, USAGE_EXIT_CODE);
  return value;
}

/** True for addresses only this machine can reach. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Resolves when the process is asked to stop (SIGINT or SIGTERM). */
function stopSignal(): { stopped: Promise<string>; dispose(): void } {
  let dispose = () => undefined as void;
  const stopped = new Promise<string>((resolve) => {
    const onSignal = (signal: string) => resolve(signal);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    dispose = () => {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    };
  });
  return { stopped, dispose };
}

/** `guildaudit serve`: the notebooks as dashboards in the browser. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the notebooks as dashboards (outputs only)',
  help: `Usage: guildaudit serve [--host 127.0.0.1] [--port 8080] [--kernels 2]
                        [--notebooks <dir>] [--timeout <seconds>]
                        [--db <target>]

Serves every notebook of the notebooks folder as a dashboard: an index at /,
and for each notebook a page showing its outputs only (never its code) for the
guild, dates and time zone chosen in the page, with interactive charts and the
run's progress. Pages are run on warm tslab kernels (each used once, then
replaced) and kept in a cache that every import invalidates.

Viewers can only pick the parameters a page offers (each checked; an unknown one
is refused); they never send code, read other files, or see tracebacks (those go
to this command's stderr). Runs until Ctrl-C (SIGINT) or SIGTERM.

Options:
  --host <address>     Address to listen on (default 127.0.0.1: this machine)
  --port <number>      Port (default 8080; 0 picks a free one)
  --kernels <n>        Warm kernels kept ready (default 2)
  --notebooks <dir>    Folder of notebooks (default: the project's notebooks/)
${timeoutHelp(DEFAULT_PAGE_CELL_TIMEOUT_SECONDS)}
${DB_HELP}
  -h, --help           Show this help

Exit status: 0 after a clean stop, 1 when the server cannot start (port in use,
no kernel), 2 for a usage mistake.
`,
  options: {
    ...DB_OPTION,
    host: { type: 'string' },
    port: { type: 'string' },
    kernels: { type: 'string' },
    notebooks: { type: 'string' },
    timeout: { type: 'string' },
  },
  async run(args, io) {
    if (args.positionals.length > 0) throw new CliError(`serve takes no arguments (got ${args.positionals.join(' ')})`, USAGE_EXIT_CODE);
    const host = (args.values.host as string | undefined) ?? '127.0.0.1';
    const port = wholeNumber('port', args.values.port as string | undefined, 8080, 0, 65535);
    const kernels = wholeNumber('kernels', args.values.kernels as string | undefined, 2, 1, 32);
    const timeout = parseTimeout(args.values.timeout as string | undefined, DEFAULT_PAGE_CELL_TIMEOUT_SECONDS);
    const notebooksDir = path.resolve((args.values.notebooks as string | undefined) ?? path.join(projectRoot(), 'notebooks'));
    if (!fs.existsSync(notebooksDir) || !fs.statSync(notebooksDir).isDirectory()) {
      throw new CliError(`--notebooks: ${notebooksDir} is not a folder`, USAGE_EXIT_CODE);
    }

    const engine = await openDatabase(args, io);
    const signal = stopSignal();
    try {
      if (!isLoopback(host)) {
        io.err(`guildaudit serve: warning: listening on ${host} lets other machines see these dashboards (and the data in them); there is no login\n`);
      }
      let server;
      try {
        server = await startDashboardServer({
          engine,
          kernelDatabase: targetForKernel(resolveDatabaseTarget(args.values.db as string | undefined, io.env)),
          notebooksDir,
          host,
          port,
          kernels,
          cellTimeoutSeconds: timeout,
          log: (line) => io.err(`${line}\n`),
        });
      } catch (error) {
        if (error instanceof ServerListenError) throw new CliError(error.message);
        if (error instanceof KernelError) throw new CliError(`cannot start the notebook kernels: ${error.message}`);
        throw error;
      }
      io.out(`guildaudit dashboards on ${server.url}/ (${kernels} warm kernel${kernels === 1 ? '' : 's'}, notebooks from ${notebooksDir}); Ctrl-C stops\n`);
      const why = await signal.stopped;
      io.err(`guildaudit serve: ${why}: shutting the kernels down\n`);
      await server.close();
      return 0;
    } finally {
      signal.dispose();
      await engine.close();
    }
  },
};
