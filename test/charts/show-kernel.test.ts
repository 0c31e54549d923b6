import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { barChart } from '../../lib/charts/bar-chart';
import { figureHtml } from '../../lib/charts/figure-html';
import { rowsTableHtml } from '../../lib/charts/rows-table-html';
import { runNotebook } from '../../lib/notebooks/run-notebook';

test('show in a real tslab kernel: one display per value, one MIME type each, nothing on stdout', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guildaudit-show-'));
  try {
    const charts = path.resolve(__dirname, '../../lib/charts');
    const input = path.join(dir, 'show.ipynb');
    const source = `
const charts = require(${JSON.stringify(charts)});
charts.show(charts.barChart([{ n: 'x', v: 2 }], { label: 'n', value: 'v', title: 'Bars' }), { id: 'kernel-chart' });
charts.show([{ channel: '<b>general</b>', messages: 1234 }]);
charts.show('## Heading');
`;
    fs.writeFileSync(input, JSON.stringify({
      nbformat: 4, nbformat_minor: 5, metadata: {},
      cells: [{ cell_type: 'code', id: 'show', metadata: {}, source, outputs: [], execution_count: null }],
    }));
    const { notebook } = await runNotebook({ input, output: path.join(dir, 'show.out.ipynb') });
    const cell = notebook.cells[0];
    assert.equal(cell.cell_type, 'code');
    const outputs = cell.cell_type === 'code' ? cell.outputs : [];
    assert.deepEqual(outputs.filter((o) => o.output_type !== 'display_data'), []);
    const displays = outputs.map((o) => (o.output_type === 'display_data' ? o.data : {}));
    const text = (d: Record<string, unknown>, mime: string) => [d[mime] as string | string[]].flat().join('');
    assert.ok(text(displays[1], 'text/html').includes('<td class="num" style="text-align:right">1,234</td>'));
    assert.deepEqual(displays.map((d) => Object.keys(d)), [['text/html'], ['text/html'], ['text/markdown']]);
    assert.equal(text(displays[0], 'text/html'), figureHtml(barChart([{ n: 'x', v: 2 }], { label: 'n', value: 'v', title: 'Bars' }), { id: 'kernel-chart' }));
    assert.equal(text(displays[1], 'text/html'), rowsTableHtml([{ channel: '<b>general</b>', messages: 1234 }]));
    assert.equal(text(displays[2], 'text/markdown'), '## Heading');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
