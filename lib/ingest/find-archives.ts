import fs from 'node:fs';
import path from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';

/** File endings of the archive formats `ingest` reads when it walks a folder. */
export const ARCHIVE_EXTENSIONS = ['.json'];

/** An input that names nothing. */
export class MissingInputError extends Error {}

/**
 * Expands files, folders (walked recursively for archives) and glob patterns into a sorted list of
 * distinct files. Files named explicitly are kept whatever their ending, so a wrong file gets a
 * clear "not an export" rather than being silently skipped.
 *
 * @example
 * findArchives(['exports/', 'more/*.json'])
 */
export function findArchives(inputs: readonly string[]): string[] {
  const found = new Set<string>();
  for (const input of inputs) {
    const stat = fs.statSync(input, { throwIfNoEntry: false });
    if (stat?.isFile()) {
      found.add(input);
    } else if (stat?.isDirectory()) {
      for (const file of walk(input)) found.add(file);
    } else if (isDynamicPattern(input)) {
      const matches = globSync(input, { onlyFiles: true, expandDirectories: false });
      if (matches.length === 0) throw new MissingInputError(`${input}: no file matches this pattern`);
      for (const file of matches) found.add(path.normalize(file));
    } else {
      throw new MissingInputError(`${input}: no such file or folder`);
    }
  }
  return [...found].sort();
}

function* walk(dir: string): Generator<string> {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile() && ARCHIVE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) yield full;
  }
}
