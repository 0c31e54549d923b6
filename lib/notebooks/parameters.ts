import { randomUUID } from 'node:crypto';
import { hasTag, joinText, splitLines, type Cell, type CodeCell, type Notebook } from './nbformat';

/** The tag of the cell holding the parameters' defaults (papermill's convention). */
export const PARAMETERS_TAG = 'parameters';
/** The tag of the cell the run's values are written into. */
export const INJECTED_TAG = 'injected-parameters';

/** One default in the parameters cell. */
export interface ParameterDeclaration {
  name: string;
  keyword: 'const' | 'let';
  /** The declared type as written, or the literal's type for `const x = 5;`; '' when unknown. */
  type: string;
}

/** A parameter value that does not fit, or a parameter the notebook does not have. */
export class ParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParameterError';
  }
}

/**
 * `const name: Type = value;` or `let …`, on one line, optionally `export`ed and followed by a
 * `//` comment. The type ends at the first `=` that is not part of `=>`.
 */
const DECLARATION = /^\s*(?:export\s+)?(const|let)\s+([A-Za-z_$][\w$]*)\s*(?::\s*(.+?))?\s*=(?!>)\s*(.*)$/;

/** The type of an untyped default's literal: strings, numbers and booleans only. */
function literalType(value: string): string {
  const v = value.trim();
  if (/^['"`]/.test(v)) return 'string';
  if (/^-?(\d|\.\d)/.test(v)) return 'number';
  if (/^(true|false)\b/.test(v)) return 'boolean';
  return '';
}

/**
 * Reads the declarations of a parameters cell: every line of the form
 * `const name: Type = value;` (or `let`, with or without `export`). Without a type, a string,
 * number or boolean literal gives its type. Other lines (comments, blank lines, the rest of a
 * multi-line value) are ignored.
 */
export function parseParameterDeclarations(source: string): ParameterDeclaration[] {
  const declarations: ParameterDeclaration[] = [];
  for (const line of source.split('\n')) {
    const m = DECLARATION.exec(line);
    if (!m) continue;
    declarations.push({ keyword: m[1] as 'const' | 'let', name: m[2], type: m[3]?.trim() ?? literalType(m[4]) });
  }
  return declarations;
}

/** Splits a union type at its top-level `|`; undefined when the type has brackets (then JSON is used). */
function unionMembers(type: string): string[] | undefined {
  if (/[[\]{}()<>]/.test(type)) return undefined;
  return type.split('|').map((m) => m.trim()).filter((m) => m !== '');
}

const NULLISH = new Set(['null', 'undefined']);

/**
 * Converts a value given as text (`--param name=value`) by the parameter's declared type:
 * `number` → a number (an error if it is not one), `boolean` → `true`/`false`, any type that
 * admits `string` (`string`, `string | null`, `'a' | 'b'`) → the text itself (snowflake IDs
 * stay strings), anything else → `JSON.parse` of the text. With `| null` in the type, `null`
 * is accepted for numbers and booleans.
 */
export function convertParameterValue(declaration: ParameterDeclaration, text: string): unknown {
  const { name, type } = declaration;
  const members = unionMembers(type);
  if (members && members.length > 0) {
    const solid = members.filter((m) => !NULLISH.has(m));
    const nullable = members.includes('null');
    if (solid.includes('string')) return text;
    const literals = solid.filter((m) => /^(['"]).*\1$/.test(m)).map((m) => m.slice(1, -1));
    if (literals.length > 0 && literals.length === solid.length) {
      if (!literals.includes(text)) {
        throw new ParameterError(`parameter '${name}' is one of ${literals.map((l) => `'${l}'`).join(', ')}: cannot use '${text}'`);
      }
      return text;
    }
    if (nullable && text === 'null' && solid.length > 0) return null;
    if (solid.length > 0 && solid.every((m) => m === 'number')) {
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) throw new ParameterError(`parameter '${name}' is a number: cannot use '${text}'`);
      return value;
    }
    if (solid.length > 0 && solid.every((m) => m === 'boolean')) {
      if (text === 'true' || text === 'false') return text === 'true';
      throw new ParameterError(`parameter '${name}' is a boolean (true or false): cannot use '${text}'`);
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ParameterError(`parameter '${name}' (${type || 'no declared type'}) takes a JSON value: cannot use '${text}'`);
  }
}

/** The injected cell's source: one `const name: Type = <JSON literal>;` line per given parameter. */
export function injectedSource(declarations: ParameterDeclaration[], values: Record<string, unknown>): string {
  return declarations
    .filter((d) => Object.hasOwn(values, d.name))
    .map((d) => `${d.keyword} ${d.name}${d.type ? `: ${d.type}` : ''} = ${JSON.stringify(values[d.name])};`)
    .join('\n');
}

/** What `injectParameters` did. */
export interface Injection {
  notebook: Notebook;
  /** The converted values, by name. */
  parameters: Record<string, unknown>;
}

/** Cell ids exist from nbformat 4.5; the injected cell's is `injected-parameters` unless taken. */
function newCellId(nb: Notebook, cells: Cell[]): string | undefined {
  if (nb.nbformat === 4 && nb.nbformat_minor < 5) return undefined;
  const used = new Set(cells.map((c) => c.id));
  return used.has(INJECTED_TAG) ? randomUUID() : INJECTED_TAG;
}

/**
 * Returns a copy of `nb` with the run's values in a new code cell tagged `injected-parameters`
 * right after the first cell tagged `parameters`, replacing any earlier injected cell (so an
 * executed notebook can be run again), and the values recorded in `metadata.papermill.parameters`.
 * Values are converted by `convertParameterValue`; an unknown name is an error listing the
 * known ones.
 */
export function injectParameters(nb: Notebook, texts: Record<string, string>): Injection {
  const cells: Cell[] = nb.cells.filter((c) => !hasTag(c, INJECTED_TAG));
  const at = cells.findIndex((c) => c.cell_type === 'code' && hasTag(c, PARAMETERS_TAG));
  const names = Object.keys(texts);
  const copy: Notebook = { ...nb, metadata: { ...nb.metadata }, cells };
  if (at < 0) {
    if (names.length > 0) throw new ParameterError(`the notebook has no cell tagged '${PARAMETERS_TAG}', so it takes no parameters (got ${names.join(', ')})`);
    return { notebook: copy, parameters: {} };
  }
  const declarations = parseParameterDeclarations(joinText(cells[at].source));
  const known = new Map(declarations.map((d) => [d.name, d]));
  const parameters: Record<string, unknown> = {};
  for (const name of names) {
    const declaration = known.get(name);
    if (!declaration) {
      const list = declarations.map((d) => d.name).join(', ') || '(none)';
      throw new ParameterError(`unknown parameter '${name}'; the notebook's parameters are: ${list}`);
    }
    parameters[name] = convertParameterValue(declaration, texts[name]);
  }
  const papermill = (copy.metadata.papermill ?? {}) as Record<string, unknown>;
  copy.metadata.papermill = { ...papermill, parameters };
  if (names.length > 0) {
    const id = newCellId(nb, cells);
    const injected: CodeCell = {
      cell_type: 'code',
      ...(id ? { id } : {}),
      metadata: { tags: [INJECTED_TAG] },
      execution_count: null,
      outputs: [],
      source: splitLines(injectedSource(declarations, parameters)),
    };
    cells.splice(at + 1, 0, injected);
  }
  return { notebook: copy, parameters };
}
