import os from 'node:os';

/**
 * Who is labelling when nobody says: the operating system's user name. Falls back to `$USER`,
 * then `unknown`, where the account has no name (some containers run as a bare uid).
 */
export function defaultAnalyst(): string {
  try {
    const name = os.userInfo().username.trim();
    if (name) return name;
  } catch {
    // no passwd entry for this uid
  }
  return process.env.USER?.trim() || 'unknown';
}
