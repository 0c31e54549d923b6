import { alignOptions } from './align-options';
import { CliError, USAGE_EXIT_CODE } from './cli-error';
import { parseCommandArgs, type Command } from './command';
import { processIo, type Io } from './io';

/** Every command, required only when called so start-up stays fast. */
const COMMANDS: Record<string, { summary: string; load: () => Command }> = {
  ingest: {
    summary: 'Import Discord archives into the audit database',
    load: () => (require('./commands/ingest') as typeof import('./commands/ingest')).ingestCommand,
  },
  guilds: {
    summary: 'List the guilds in the audit database',
    load: () => (require('./commands/guilds') as typeof import('./commands/guilds')).guildsCommand,
  },
  query: {
    summary: 'Run a named audit query and print its rows (query --list names them)',
    load: () => (require('./commands/query') as typeof import('./commands/query')).queryCommand,
  },
  label: {
    summary: 'Label individuals as you investigate (label add|rm|ls)',
    load: () => (require('./commands/label') as typeof import('./commands/label')).labelCommand,
  },
  run: {
    summary: 'Run a tslab notebook unattended and save it with its outputs',
    load: () => (require('./commands/run') as typeof import('./commands/run')).runCommand,
  },
  serve: {
    summary: 'Serve the notebooks as dashboards (outputs only)',
    load: () => (require('./commands/serve') as typeof import('./commands/serve')).serveCommand,
  },
  report: {
    summary: 'Run a notebook and print its outputs as a PDF report (and HTML)',
    load: () => (require('./commands/report') as typeof import('./commands/report')).reportCommand,
  },
  cache: {
    summary: 'Manage the query result cache (cache clear)',
    load: () => (require('./commands/cache') as typeof import('./commands/cache')).cacheCommand,
  },
};

function version(): string {
  return (require('../../../package.json') as { version: string }).version;
}

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `guildaudit ${version()} — turn Discord archives into audit evidence

Usage: guildaudit <command> [options]

Commands:
${lines.join('\n')}

Options:
  -h, --help     Show help (also after a command: guildaudit ingest --help)
  --version      Show the version
  --debug        Show stack traces for errors

Every command that uses the database takes --db <file | postgres:// URL>;
DATABASE_URL is the default when set, else data/guildaudit.sqlite.
`;
}

/**
 * Runs the command line and returns the exit code. Errors meant for the user are one line on
 * stderr; anything else is a bug and shows its stack with `--debug`.
 */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  const debug = argv.includes('--debug');
  try {
    if (name === undefined) {
      io.err(mainHelp());
      return USAGE_EXIT_CODE;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      io.out(mainHelp());
      return 0;
    }
    if (name === '--version') {
      io.out(version() + '\n');
      return 0;
    }
    const entry = COMMANDS[name];
    if (!entry) throw new CliError(`unknown command '${name}'. Run 'guildaudit --help' for the list.`, USAGE_EXIT_CODE);
    const command = entry.load();
    const args = parseCommandArgs(command, rest);
    if (args.values.help) {
      io.out(alignOptions(command.help));
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`guildaudit: ${error.message}\n`);
      if (debug && error.stack) io.err(error.stack + '\n');
      return error.exitCode;
    }
    io.err(`guildaudit: unexpected error: ${(error as Error)?.message ?? error}\n`);
    io.err(debug ? `${(error as Error)?.stack}\n` : 'Run again with --debug for details.\n');
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`guildaudit: ${error}\n`);
      process.exitCode = 1;
    },
  );
}
