/** Which Chromium prints reports: the user's choice, else Debian's, else one on PATH. */
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';
import { ReportError } from './report-error';

/** The environment variable naming the browser binary to print with. */
export const CHROMIUM_ENV = 'GUILDAUDIT_CHROMIUM';

/** Where to look, besides `GUILDAUDIT_CHROMIUM`. */
export interface ChromiumSearch {
  /** Environment (for `GUILDAUDIT_CHROMIUM` and `PATH`); default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Fixed paths tried first; default `/usr/bin/chromium` (Debian's package). */
  knownPaths?: readonly string[];
  /** Names looked up on `PATH`; default `chromium`, `chromium-browser`. */
  names?: readonly string[];
}

/**
 * The Chromium binary to print with: `GUILDAUDIT_CHROMIUM` when set (an error if it is not an
 * executable file), else `/usr/bin/chromium`, else `chromium` on `PATH`. Throws a `ReportError`
 * naming what to install when there is none.
 *
 * @example
 * findChromium(); // '/usr/bin/chromium'
 */
export function findChromium(search: ChromiumSearch = {}): string {
  const env = search.env ?? process.env;
  const chosen = env[CHROMIUM_ENV];
  if (chosen !== undefined && chosen !== '') {
    if (!isExecutable(chosen)) throw new ReportError(`${CHROMIUM_ENV}=${chosen} is not an executable file: point it at a Chrome or Chromium binary`);
    return chosen;
  }
  for (const known of search.knownPaths ?? ['/usr/bin/chromium']) if (isExecutable(known)) return known;
  const dirs = (env.PATH ?? '').split(path.delimiter).filter((d) => d !== '');
  for (const name of search.names ?? ['chromium', 'chromium-browser']) {
    for (const dir of dirs) if (isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  throw new ReportError(`no Chromium to print with: install it (Debian: apt-get install chromium) or set ${CHROMIUM_ENV} to a Chrome or Chromium binary`);
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
