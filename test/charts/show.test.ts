import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { kernelDisplay } from '../../lib/charts/kernel-display';
import { show, showText } from '../../lib/charts/show';
import { timeSeriesChart } from '../../lib/charts/time-series-chart';

const figure = timeSeriesChart([{ bucket: '2024-01-01', messages: 1, communicators: 1 }], { x: 'bucket', y: ['messages', 'communicators'], title: 'Weekly' });

test('kernelDisplay: none outside a tslab kernel', () => {
  assert.equal(kernelDisplay(), null);
});

test('showText: a figure by title and traces, rows as a text table, strings as they are', () => {
  assert.equal(showText(figure), '[chart] Weekly: Messages, Communicators\n');
  assert.equal(showText([{ a: 1, b: 'x' }, { a: 22, b: null }]), ' a  b\n──  ─\n 1  x\n22\n');
  assert.equal(showText([{ a: 1 }, { a: 2 }, { a: 3 }], { maxRows: 1 }), 'a\n─\n1\n… 2 more rows\n');
  assert.equal(showText('## Heading'), '## Heading\n');
  assert.equal(showText(['ab', 'c']), 'value\n─────\nab\nc\n');
  assert.equal(showText({ n: 1 }), '{\n  "n": 1\n}\n');
});

test('show: outside a kernel, prints the text rendering (to stdout by default)', () => {
  const written: string[] = [];
  show([{ share: 0.25 }], { percent: ['share'], write: (t) => written.push(t) });
  assert.deepEqual(written, ['share\n─────\n25%\n']);

  // A real node process, as a notebook's code run as a script.
  const charts = path.resolve(__dirname, '../../lib/charts');
  const out = execFileSync(process.execPath, ['-e', `const c = require(${JSON.stringify(charts)}); c.show('# Title'); c.show(c.barChart([{ n: 'x', v: 2 }], { label: 'n', value: 'v', title: 'Bars' }));`], { encoding: 'utf8' });
  assert.equal(out, '# Title\n[chart] Bars: V\n');
});
