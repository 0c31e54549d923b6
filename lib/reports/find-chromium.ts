/**
 * Which Chromium prints reports: the user's choice, else Debian's headless shell, else Debian's
 * Chromium, else one on PATH. The headless shell (`chromium-headless-shell`) is the browser
 * without its UI: it starts in a third of the time and uses half the CPU, which a report run on
 * two cores beside a kernel feels.
 */
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';
import { ReportError } from './report-error';

/** The environment variable naming the browser binary to print with. */
export const CHROMIUM_ENV = 'GUILDAUDIT_CHROMIUM';

/** Where to look, besides `GUILDAUDIT_CHROMIUM`. */
export interface ChromiumSearch {
  /** Environment (for `GUILDAUDIT_CHROMIUM` and `PATH`); default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Fixed paths tried first; default Debian's `chromium-headless-shell`, then `chromium`. */
  knownPaths?: readonly string[];
  /** Names looked up on `PATH`; default the headless shells, then `chromium`, `chromium-browser`. */
  names?: readonly string[];
}

const DEFAULT_KNOWN_PATHS = ['/usr/lib/chromium/chromium-headless-shell', '/usr/lib/chromium/chromium'];
const DEFAULT_NAMES = ['chromium-headless-shell', 'chrome-headless-shell', 'chromium', 'chromium-browser'];

/** True for a headless shell binary, which puppeteer must drive as `headless: 'shell'`. */
export function isHeadlessShell(executablePath: string): boolean {
  return path.basename(executablePath).includes('headless-shell');
}

/**
 * The Chromium binary to print with: `GUILDAUDIT_CHROMIUM` when set (an error if it is not an
 * executable file), else Debian's `/usr/lib/chromium/chromium-headless-shell` or
 * `/usr/lib/chromium/chromium` (the binaries themselves: `/usr/bin/chromium` is a shell script
 * that costs a fifth of a second), else one of `DEFAULT_NAMES` on `PATH`. Throws a `ReportError`
 * naming what to install when there is none.
 *
 * @example
 * findChromium(); // '/usr/lib/chromium/chromium-headless-shell'
 */
export function findChromium(search: ChromiumSearch = {}): string {
  const env = search.env ?? process.env;
  const chosen = env[CHROMIUM_ENV];
  if (chosen !== undefined && chosen !== '') {
    if (!isExecutable(chosen)) throw new ReportError(`${CHROMIUM_ENV}=${chosen} is not an executable file: point it at a Chrome or Chromium binary`);
    return chosen;
  }
  for (const known of search.knownPaths ?? DEFAULT_KNOWN_PATHS) if (isExecutable(known)) return known;
  const dirs = (env.PATH ?? '').split(path.delimiter).filter((d) => d !== '');
  for (const name of search.names ?? DEFAULT_NAMES) {
    for (const dir of dirs) if (isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  throw new ReportError(`no Chromium to print with: install it (Debian: apt-get install chromium-headless-shell) or set ${CHROMIUM_ENV} to a Chrome or Chromium binary`);
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
