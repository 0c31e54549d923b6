import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, USAGE_EXIT_CODE } from './cli-error';
import type { Io } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed arguments of one command. */
export interface Args {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** One `guildaudit <name>` command: its help and what it does. Returns the exit code. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full `--help` text. */
  help: string;
  options: Options;
  run(args: Args, io: Io): Promise<number>;
}

/** The `--db` option every command that reads or writes the database takes. */
export const DB_OPTION: Options = { db: { type: 'string' } };

/** Help lines for `--db`, to paste into a command's help. */
export const DB_HELP = `  --db <target>      SQLite file or postgres:// URL
                     (default: $DATABASE_URL, else data/guildaudit.sqlite)`;

/** Parses `argv` for `command`; unknown options are a usage error naming the option. */
export function parseCommandArgs(command: Command, argv: string[]): Args {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Args['values'], positionals };
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nRun 'guildaudit ${command.name} --help' for usage.`, USAGE_EXIT_CODE);
  }
}
