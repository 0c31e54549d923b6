import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { typeCheckNotebook } from '../support/notebook-type-check';

const NOTEBOOKS = path.resolve(__dirname, '../../../notebooks');

describe('notebooks type-check (strict)', () => {
  const notebooks = fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.ipynb')).sort();

  it('finds the five investigations', () => {
    assert.deepEqual(notebooks, [
      'across-guilds.ipynb', 'community-health.ipynb', 'guild-audit.ipynb', 'member-dossier.ipynb', 'my-messages.ipynb',
    ]);
  });

  for (const name of notebooks) {
    it(name, () => {
      const errors = typeCheckNotebook(path.join(NOTEBOOKS, name));
      assert.deepEqual(errors.map((e) => `cell ${e.cell} line ${e.line}: ${e.message}`), []);
    });
  }

  it('reports a type error with its cell and line (the check can fail)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guildaudit-nbcheck-'));
    try {
      const file = path.join(dir, 'bad.ipynb');
      fs.writeFileSync(file, JSON.stringify({
        nbformat: 4, nbformat_minor: 5, metadata: {},
        cells: [
          { cell_type: 'markdown', metadata: {}, source: '# bad' },
          { cell_type: 'code', metadata: { tags: ['parameters'] }, source: "const guild: string = '1';", outputs: [], execution_count: null },
          { cell_type: 'code', metadata: { tags: ['injected-parameters'] }, source: "const guild: string = '2';", outputs: [], execution_count: null },
          { cell_type: 'code', metadata: {}, source: ['console.log(guild);\n', "const n: number = 'x';"], outputs: [], execution_count: null },
        ],
      }));
      const errors = typeCheckNotebook(file);
      assert.equal(errors.length, 1);
      assert.deepEqual({ cell: errors[0].cell, line: errors[0].line }, { cell: 4, line: 2 });
      assert.match(errors[0].message, /not assignable to type 'number'/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
