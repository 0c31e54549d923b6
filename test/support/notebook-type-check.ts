import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One type error, placed in its notebook cell. */
export interface NotebookDiagnostic {
  /** 1-based number of the cell among all cells. */
  cell: number;
  /** 1-based line within the cell. */
  line: number;
  message: string;
}

/**
 * Type-checks a notebook's code cells in order, as one strict TypeScript module — stricter than
 * tslab, which compiles without `strict`. Cells tagged `injected-parameters` are left out: they
 * redeclare the parameters on purpose, which tslab allows across cells but one module does not.
 * `guildaudit` resolves to the built library through node_modules, as in the kernel.
 */
export function typeCheckNotebook(notebookPath: string): NotebookDiagnostic[] {
  const notebook = JSON.parse(fs.readFileSync(notebookPath, 'utf8')) as {
    cells: Array<{ cell_type: string; source: string | string[]; metadata?: { tags?: string[] } }>;
  };
  const lines: string[] = [];
  const cellOfLine: Array<{ cell: number; line: number }> = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code' || cell.metadata?.tags?.includes('injected-parameters')) return;
    const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    source.split('\n').forEach((text, line) => {
      lines.push(text);
      cellOfLine.push({ cell: index + 1, line: line + 1 });
    });
  });
  // A module, so top-level await is allowed and names do not clash with globals.
  lines.push('export {};');

  // Next to the notebook, so `guildaudit` resolves from its node_modules as in the kernel.
  const fileName = path.join(path.dirname(path.resolve(notebookPath)), '__notebook_check__.ts');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const text = lines.join('\n');
  host.readFile = (f) => (path.resolve(f) === fileName ? text : readFile(f));
  host.fileExists = ((exists) => (f: string) => path.resolve(f) === fileName || exists(f))(host.fileExists.bind(host));
  host.getSourceFile = (f, version, ...rest) =>
    path.resolve(f) === fileName ? ts.createSourceFile(f, text, version) : getSourceFile(f, version, ...rest);

  const program = ts.createProgram([fileName], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && path.resolve(d.file.fileName) === fileName)
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      const where = cellOfLine[line] ?? { cell: 0, line: 0 };
      return { ...where, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') };
    });
}
