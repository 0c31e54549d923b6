import type { Engine } from '../database/engine';
import { isPostgresUrl, openEngine, resolveDatabaseTarget } from '../database/open-engine';
import { redactPassword } from '../database/postgres/postgres-engine';
import { CliError } from './cli-error';
import type { Args } from './command';
import type { Io } from './io';

/**
 * Opens the database a command was pointed at (`--db`, else `DATABASE_URL`, else the default
 * file), turning connection and migration failures into one clear line.
 */
export async function openDatabase(args: Args, io: Io): Promise<Engine> {
  const target = resolveDatabaseTarget(args.values.db as string | undefined, io.env);
  try {
    return await openEngine(target);
  } catch (error) {
    const where = isPostgresUrl(target) ? redactPassword(target) : target;
    throw new CliError(`cannot open the database ${where}: ${(error as Error).message}`);
  }
}
