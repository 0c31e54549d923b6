import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { readNotebook, writeNotebook } from '../../lib/notebooks/notebook-file';
import { tempDir } from '../support/engines';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/notebooks');

test('a notebook is read with its cells; a missing, non-JSON, non-notebook or nbformat 3 file is named', () => {
  const nb = readNotebook(path.join(FIXTURES, 'fails.ipynb'));
  assert.deepEqual([nb.nbformat, nb.nbformat_minor, nb.cells.map((c) => c.cell_type)], [4, 5, ['code', 'markdown', 'code', 'code']]);

  const dir = tempDir();
  const notJson = path.join(dir, 'broken.ipynb');
  fs.writeFileSync(notJson, '{"cells": [');
  assert.throws(() => readNotebook(notJson), { name: 'NotebookFileError', message: new RegExp(`^${notJson}: not JSON`) });
  const missing = path.join(dir, 'nothere.ipynb');
  assert.throws(() => readNotebook(missing), { message: `${missing}: no such file` });
  const other = path.join(FIXTURES, 'not-a-notebook.json');
  assert.throws(() => readNotebook(other), { message: `${other}: not a Jupyter notebook (no nbformat field)` });
  const old = path.join(FIXTURES, 'old-format.ipynb');
  assert.throws(() => readNotebook(old), { message: `${old}: nbformat 3 is too old: only nbformat 4 is read (convert it with Jupyter first)` });
});

test('writing replaces the file whole and leaves no temporary file', () => {
  const dir = tempDir();
  const file = path.join(dir, 'out.ipynb');
  fs.writeFileSync(file, 'old');
  writeNotebook(file, { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] });
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] });
  assert.deepEqual(fs.readdirSync(dir), ['out.ipynb']);
});
