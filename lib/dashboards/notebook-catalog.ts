import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hasTag, joinText, type Notebook } from '../notebooks/nbformat';
import { readNotebook } from '../notebooks/notebook-file';
import { parseParameterDeclarations, PARAMETERS_TAG, type ParameterDeclaration } from '../notebooks/parameters';

/** One notebook the server can show, as read from its file. */
export interface NotebookEntry {
  /** The file name without `.ipynb`: the only way a viewer names it. */
  name: string;
  file: string;
  notebook: Notebook;
  /** The first markdown heading, else the name. */
  title: string;
  /** The paragraph starting with `**Question:` (markdown), or ''. */
  question: string;
  /** What the parameters cell declares. */
  declarations: ParameterDeclaration[];
  /** SHA-256 of the file: part of every cache key, so an edited notebook is run afresh. */
  hash: string;
}

/** A notebook name as it may appear in a URL: no slashes, dots only inside. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*$/;

/** The title and question of a notebook, from its first markdown cell(s). */
function describe(nb: Notebook, name: string): { title: string; question: string } {
  let title = '';
  let question = '';
  for (const cell of nb.cells) {
    if (cell.cell_type !== 'markdown') continue;
    const text = joinText(cell.source);
    title ||= /^#{1,6}\s+(.+?)\s*#*\s*$/m.exec(text)?.[1] ?? '';
    question ||= text.split(/\n\s*\n/).find((p) => p.trimStart().startsWith('**Question:'))?.trim() ?? '';
    if (title && question) break;
  }
  return { title: title || name, question };
}

/**
 * The notebooks of one folder (`*.ipynb`, not executed copies `*.out.ipynb` nor hidden files).
 * The folder is listed on every call so added notebooks appear; a file is parsed again only when
 * its size or mtime changed.
 */
export class NotebookCatalog {
  readonly #dir: string;
  readonly #parsed = new Map<string, { stamp: string; entry: NotebookEntry }>();

  constructor(dir: string) {
    this.#dir = path.resolve(dir);
  }

  /** The folder. */
  get dir(): string {
    return this.#dir;
  }

  /** Names of the notebooks, sorted. */
  names(): string[] {
    return fs
      .readdirSync(this.#dir)
      .filter((f) => f.endsWith('.ipynb') && !f.endsWith('.out.ipynb'))
      .map((f) => f.slice(0, -'.ipynb'.length))
      .filter((n) => NAME.test(n))
      .sort();
  }

  /** The notebook called `name`, or undefined when the folder holds none by that name. */
  get(name: string): NotebookEntry | undefined {
    if (!NAME.test(name) || !this.names().includes(name)) return undefined;
    const file = path.join(this.#dir, `${name}.ipynb`);
    const stat = fs.statSync(file);
    const stamp = `${stat.size}:${stat.mtimeMs}`;
    const known = this.#parsed.get(name);
    if (known?.stamp === stamp) return known.entry;
    const bytes = fs.readFileSync(file);
    const notebook = readNotebook(file);
    const params = notebook.cells.find((c) => c.cell_type === 'code' && hasTag(c, PARAMETERS_TAG));
    const entry: NotebookEntry = {
      name,
      file,
      notebook,
      ...describe(notebook, name),
      declarations: params ? parseParameterDeclarations(joinText(params.source)) : [],
      hash: createHash('sha256').update(bytes).digest('hex'),
    };
    this.#parsed.set(name, { stamp, entry });
    return entry;
  }
}
