import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { barChart } from '../../lib/charts/bar-chart';
import { figureHtml } from '../../lib/charts/figure-html';
import { rowsTableHtml } from '../../lib/charts/rows-table-html';
import { startTslabKernel, type TestKernel } from '../support/tslab-kernel';

let kernel: TestKernel;
before(async () => {
  kernel = await startTslabKernel();
});
after(async () => {
  await kernel?.close();
});

test('show in a real tslab kernel: one display per value, one MIME type each, nothing on stdout', { timeout: 120_000 }, async () => {
  const charts = path.resolve(__dirname, '../../lib/charts');
  const messages = await kernel.execute(`
const charts = require(${JSON.stringify(charts)});
charts.show(charts.barChart([{ n: 'x', v: 2 }], { label: 'n', value: 'v', title: 'Bars' }), { id: 'kernel-chart' });
charts.show([{ channel: '<b>general</b>', messages: 1234 }]);
charts.show('## Heading');
`);
  assert.deepEqual(messages.filter((m) => m.msgType === 'error'), []);
  assert.deepEqual(messages.filter((m) => m.msgType === 'stream'), []);
  const displays = messages.filter((m) => m.msgType === 'display_data').map((m) => m.content.data);
  assert.ok(String(displays[1]?.['text/html']).includes('<td class="num" style="text-align:right">1,234</td>'));
  assert.deepEqual(displays, [
    { 'text/html': figureHtml(barChart([{ n: 'x', v: 2 }], { label: 'n', value: 'v', title: 'Bars' }), { id: 'kernel-chart' }) },
    { 'text/html': rowsTableHtml([{ channel: '<b>general</b>', messages: 1234 }]) },
    { 'text/markdown': '## Heading' },
  ]);
});
