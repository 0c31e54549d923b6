/** Keeps a machine's private details (paths, passwords, tokens) out of shared reports. */
import * as os from 'node:os';

/** What `redact` removes besides credentials: these folders, wherever they appear. */
export interface RedactOptions {
  /** Absolute folders to hide; default the working directory, the home directory and the temp directory. */
  localPaths?: readonly string[];
}

const DATABASE_URL = /\b(?:postgres(?:ql)?|mysql|mongodb(?:\+srv)?|redis):\/\/[^\s"'<>`]+/gi;
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"'<>:]+:[^\s/@"'<>]*@/gi;
const SECRET_PARAMS = /([?&](?:token|access_token|api_key|apikey|key|password|secret|sig|signature)=)[^&#\s"'<>]+/gi;

/**
 * The text with database URLs replaced by `[database URL]`, passwords in other URLs and
 * token-like query parameters by `…`, and the local folders by `…` (so
 * `/home/ann/audit/data/x.sqlite` becomes `…/data/x.sqlite`).
 *
 * @example
 * redact('read postgres://ann:pw@db/audit', {}); // 'read [database URL]'
 */
export function redact(text: string, options: RedactOptions = {}): string {
  let out = text.replace(DATABASE_URL, '[database URL]').replace(URL_CREDENTIALS, '$1…@').replace(SECRET_PARAMS, '$1…');
  for (const dir of localFolders(options)) out = out.split(dir).join('…');
  return out;
}

/** The folders to hide, longest first (a folder inside another goes first), never `/` alone. */
function localFolders(options: RedactOptions): string[] {
  const dirs = options.localPaths ?? [process.cwd(), os.homedir(), os.tmpdir()];
  return [...new Set(dirs.map((d) => d.replace(/[\\/]+$/, '')).filter((d) => d.length > 1))].sort((a, b) => b.length - a.length);
}
