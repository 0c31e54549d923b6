import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Notebook } from '../../lib/notebooks/nbformat';
import { convertParameterValue, injectParameters, ParameterError, parseParameterDeclarations } from '../../lib/notebooks/parameters';

test('declarations: name and type of single-line const/let, untyped literals typed, other lines ignored', () => {
  const source = [
    '// defaults',
    "const guild: string = '562688621069467648';",
    'let minMessages: number = 5; // at least',
    'export const verbose: boolean = false',
    "const period: 'day' | 'week' = 'week';",
    'const channels: string[] = [',
    "  '1',",
    '];',
    'const weigh: (n: number) => number = (n) => n;',
    "const label = 'x';",
    'const limit = 10;',
    'const opts = { a: 1 };',
    'console.log(guild);',
  ].join('\n');
  assert.deepEqual(parseParameterDeclarations(source), [
    { keyword: 'const', name: 'guild', type: 'string' },
    { keyword: 'let', name: 'minMessages', type: 'number' },
    { keyword: 'const', name: 'verbose', type: 'boolean' },
    { keyword: 'const', name: 'period', type: "'day' | 'week'" },
    { keyword: 'const', name: 'channels', type: 'string[]' },
    { keyword: 'const', name: 'weigh', type: '(n: number) => number' },
    { keyword: 'const', name: 'label', type: 'string' },
    { keyword: 'const', name: 'limit', type: 'number' },
    { keyword: 'const', name: 'opts', type: '' },
  ]);
});

test('values are converted by the declared type; snowflakes stay strings', () => {
  const as = (type: string, text: string) => convertParameterValue({ keyword: 'const', name: 'p', type }, text);
  assert.equal(as('string', '562688621069467648123'), '562688621069467648123');
  assert.equal(as('string | null', '42'), '42');
  assert.equal(as('number', '2.5'), 2.5);
  assert.equal(as('number', '-3'), -3);
  assert.equal(as('number | null', 'null'), null);
  assert.equal(as('boolean', 'true'), true);
  assert.equal(as('boolean', 'false'), false);
  assert.equal(as("'day' | 'week'", 'day'), 'day');
  assert.deepEqual(as('string[]', '["1","2"]'), ['1', '2']);
  assert.deepEqual(as('{ a: number }', '{"a":1}'), { a: 1 });
  assert.deepEqual(as('', '[1]'), [1]);
});

test('values that do not fit are errors naming the parameter', () => {
  const as = (type: string, text: string) => () => convertParameterValue({ keyword: 'const', name: 'p', type }, text);
  assert.throws(as('number', 'ten'), { name: 'ParameterError', message: "parameter 'p' is a number: cannot use 'ten'" });
  assert.throws(as('number', ''), { message: "parameter 'p' is a number: cannot use ''" });
  assert.throws(as('boolean', 'yes'), { message: "parameter 'p' is a boolean (true or false): cannot use 'yes'" });
  assert.throws(as("'day' | 'week'", 'month'), { message: "parameter 'p' is one of 'day', 'week': cannot use 'month'" });
  assert.throws(as('string[]', '[1,'), { message: "parameter 'p' (string[]) takes a JSON value: cannot use '[1,'" });
});

function notebook(cells: Notebook['cells']): Notebook {
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells };
}

const PARAMS_CELL = {
  cell_type: 'code' as const,
  id: 'params',
  metadata: { tags: ['parameters'] },
  execution_count: null,
  outputs: [],
  source: ["const guild: string = '0';\n", 'let minMessages: number = 5;\n', 'const verbose: boolean = false;\n'],
};
const BODY_CELL = { cell_type: 'code' as const, id: 'body', metadata: {}, execution_count: null, outputs: [], source: 'console.log(guild);' };

test('the values go into a new cell after the parameters cell, in declaration order', () => {
  const nb = notebook([{ cell_type: 'markdown', id: 'title', metadata: {}, source: '# T' }, PARAMS_CELL, BODY_CELL]);
  const { notebook: injected, parameters } = injectParameters(nb, { minMessages: '7', guild: '562688621069467648123' });
  assert.deepEqual(parameters, { guild: '562688621069467648123', minMessages: 7 });
  assert.deepEqual(injected.cells.map((c) => c.id), ['title', 'params', 'injected-parameters', 'body']);
  assert.deepEqual(injected.cells[2], {
    cell_type: 'code',
    id: 'injected-parameters',
    metadata: { tags: ['injected-parameters'] },
    execution_count: null,
    outputs: [],
    source: ['const guild: string = "562688621069467648123";\n', 'let minMessages: number = 7;'],
  });
  assert.deepEqual(injected.metadata.papermill, { parameters: { guild: '562688621069467648123', minMessages: 7 } });
  assert.equal(nb.cells.length, 3, 'the input notebook is left as it was');

  const again = injectParameters(injected, { verbose: 'true' }).notebook;
  assert.deepEqual(again.cells.map((c) => c.id), ['title', 'params', 'injected-parameters', 'body']);
  assert.deepEqual(again.cells[2].source, ['const verbose: boolean = true;']);
  assert.deepEqual(injectParameters(injected, {}).notebook.cells.map((c) => c.id), ['title', 'params', 'body']);
});

test('an unknown parameter lists the known ones; a notebook without a parameters cell takes none', () => {
  assert.throws(() => injectParameters(notebook([PARAMS_CELL]), { guilds: '1' }), {
    message: "unknown parameter 'guilds'; the notebook's parameters are: guild, minMessages, verbose",
  });
  assert.throws(() => injectParameters(notebook([BODY_CELL]), { guild: '1' }), (e: Error) =>
    e instanceof ParameterError && e.message === "the notebook has no cell tagged 'parameters', so it takes no parameters (got guild)");
  assert.deepEqual(injectParameters(notebook([BODY_CELL]), {}).parameters, {});
});
