import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const NOTEBOOKS = path.resolve(__dirname, '../../../notebooks');

/** The packages whose declarations a cell importing `specifier` makes tslab read (Node10 resolution, as tslab's). */
function declarationPackages(specifier: string): Set<string> {
  const probe = path.join(NOTEBOOKS, '__entry_probe__.ts');
  const text = `import * as entry from '${specifier}';\nexport { entry };\n`;
  const options: ts.CompilerOptions = { noEmit: true, moduleResolution: ts.ModuleResolutionKind.Node10, types: [], skipLibCheck: true };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = ((exists) => (f: string) => path.resolve(f) === probe || exists(f))(host.fileExists.bind(host));
  host.getSourceFile = (f, version, ...rest) => (path.resolve(f) === probe ? ts.createSourceFile(f, text, version) : getSourceFile(f, version, ...rest));
  const program = ts.createProgram([probe], options, host);
  const packages = new Set<string>();
  for (const file of program.getSourceFiles()) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(file.fileName);
    if (match) packages.add(match[1]);
  }
  return packages;
}

describe("the notebook entry 'guildaudit/notebook'", () => {
  const fromNotebooks = (specifier: string) => require(require.resolve(specifier, { paths: [NOTEBOOKS] })) as Record<string, unknown>;

  it("exports the very functions of 'guildaudit', by the same names", () => {
    const entry = fromNotebooks('guildaudit/notebook');
    const full = fromNotebooks('guildaudit');
    const names = Object.keys(entry).filter((n) => n !== '__esModule');
    assert.ok(names.includes('openNotebookEngine') && names.includes('overview') && names.includes('show'));
    for (const name of names) assert.equal(entry[name], full[name], name);
  });

  it('keeps the declarations of printing, dashboards and danfojs out of a notebook\'s type-check', () => {
    const heavy = ['puppeteer-core', 'devtools-protocol', 'danfojs-node'];
    const full = declarationPackages('guildaudit');
    const entry = declarationPackages('guildaudit/notebook');
    // the full library does reach them: the check below can fail
    assert.deepEqual(heavy.filter((p) => full.has(p)), heavy);
    assert.deepEqual(heavy.filter((p) => entry.has(p)), []);
    assert.ok(entry.has('kysely'), 'the queries keep their kysely types');
  });
});
