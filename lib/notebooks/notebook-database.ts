import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../database/engine';
import { DEFAULT_DATABASE, isPostgresUrl, openEngine } from '../database/open-engine';

/** The environment variable `guildaudit run` passes the database to the kernel in. */
export const NOTEBOOK_DATABASE_ENV = 'GUILDAUDIT_DB';

/** The environment variable `guildaudit serve` sets to `1` in its kernels; notebook runs clear it. */
export const DASHBOARD_RUN_ENV = 'GUILDAUDIT_DASHBOARD';

/**
 * True when the notebook runs for a published dashboard page: such a run writes no files on the
 * server (a viewer could not reach them, and every viewer's parameters would leave one behind).
 */
export function isDashboardRun(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[DASHBOARD_RUN_ENV] === '1';
}

/** The folder holding guildaudit's own package.json, found upwards from this file (source or dist). */
export function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'guildaudit') return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find guildaudit's package.json above ${__dirname}`);
  }
}

/**
 * The database a notebook should read: `GUILDAUDIT_DB` (set by `guildaudit run`), else
 * `DATABASE_URL`, else the default file resolved against the project root — not the kernel's
 * working folder, which is the notebook's. A relative SQLite path in the variables is taken as is.
 */
export function notebookDatabaseTarget(env: NodeJS.ProcessEnv = process.env): string {
  const target = env[NOTEBOOK_DATABASE_ENV] || env.DATABASE_URL;
  if (target) return target;
  return path.join(projectRoot(), DEFAULT_DATABASE);
}

/**
 * Opens the database the notebook run was given (see `notebookDatabaseTarget`).
 *
 * @example
 * import { openNotebookEngine, overview } from 'guildaudit';
 * const engine = await openNotebookEngine();
 */
export async function openNotebookEngine(env: NodeJS.ProcessEnv = process.env): Promise<Engine> {
  return openEngine(notebookDatabaseTarget(env));
}

/** The target to hand to a kernel running in another folder: a relative SQLite path made absolute. */
export function targetForKernel(target: string, cwd = process.cwd()): string {
  return isPostgresUrl(target) ? target : path.resolve(cwd, target);
}
