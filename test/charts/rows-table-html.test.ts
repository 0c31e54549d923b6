import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toDataFrame } from '../../lib/analysis/frames';
import { formatCell } from '../../lib/charts/cell-format';
import { rowsTableHtml } from '../../lib/charts/rows-table-html';

/** The cells of each body row, as HTML. */
function bodyCells(html: string): string[][] {
  const body = /<tbody>([\s\S]*)<\/tbody>/.exec(html)![1];
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]));
}

test('formatCell: separators, significant digits, percentages, empty, JSON', () => {
  assert.equal(formatCell(1234567), '1,234,567');
  assert.equal(formatCell(-42), '-42');
  assert.equal(formatCell(0.123456), '0.123');
  assert.equal(formatCell(12.3456), '12.3');
  assert.equal(formatCell(0.000123456), '0.000123');
  assert.equal(formatCell(1234.56), '1,235');
  assert.equal(formatCell(0.123456, { digits: 5 }), '0.12346');
  assert.equal(formatCell(0.4567, { percent: true }), '45.7%');
  assert.equal(formatCell(1, { percent: true }), '100%');
  assert.equal(formatCell(12345678901234567890n), '12,345,678,901,234,567,890');
  assert.equal(formatCell(null), '');
  assert.equal(formatCell(undefined), '');
  assert.equal(formatCell({ a: [1, 2], b: null }), '{"a":[1,2],"b":null}');
  assert.equal(formatCell(new Date(Date.UTC(2024, 0, 2, 3, 4, 5))), '2024-01-02T03:04:05.000Z');
  assert.equal(formatCell(true), 'true');
});

test('rowsTableHtml: escaped cells, numbers right-aligned, null empty, nested values as JSON, a thead', () => {
  const html = rowsTableHtml([
    { name: '<b>bold</b> & co', messages: 1234567, share: 0.123456, extra: null, tags: ['x', 'y'] },
    { name: 'plain', messages: 3, share: 0.5, extra: null, tags: [] },
  ]);
  assert.ok(!html.includes('<b>'));
  assert.ok(html.includes('<table class="guildaudit-table">'));
  assert.equal(
    /<thead>(.*)<\/thead>/.exec(html)![1],
    '<tr><th class="text" style="text-align:left">name</th><th class="num" style="text-align:right">messages</th>' +
      '<th class="num" style="text-align:right">share</th><th class="text" style="text-align:left">extra</th><th class="text" style="text-align:left">tags</th></tr>',
  );
  assert.deepEqual(bodyCells(html), [
    ['&lt;b&gt;bold&lt;/b&gt; &amp; co', '1,234,567', '0.123', '', '[&quot;x&quot;,&quot;y&quot;]'],
    ['plain', '3', '0.5', '', '[]'],
  ]);
  assert.ok(html.includes('<td class="num" style="text-align:right">1,234,567</td>'));
  assert.ok(html.includes('<td class="empty" style="text-align:left"></td>'));
  assert.ok(html.includes('<td class="json" style="text-align:left">[]</td>'));
  assert.ok(!html.includes('more row'));
});

test('rowsTableHtml: maxRows, columns, percentages, own formats, caption', () => {
  const rows = Array.from({ length: 5 }, (_, i) => ({ year: 2020 + i, share: i / 8, note: `n${i}` }));
  const html = rowsTableHtml(rows, { maxRows: 2, columns: ['share', 'year'], percent: ['share'], format: { year: String }, caption: 'Years <all>' });
  assert.deepEqual(bodyCells(html), [['0%', '2020'], ['12.5%', '2021']]);
  assert.ok(html.includes('<p class="guildaudit-table-more">… 3 more rows</p>'));
  assert.ok(html.includes('<caption>Years &lt;all&gt;</caption>'));
  assert.ok(!html.includes('note'));
  assert.ok(rowsTableHtml(rows, { maxRows: 4 }).includes('… 1 more row</p>'));
  assert.ok(rowsTableHtml([]).includes('No rows.'));
  assert.deepEqual(bodyCells(rowsTableHtml(['a<', 2000])), [['a&lt;'], ['2,000']]);
});

test('rowsTableHtml: a danfojs DataFrame gives the table of its rows', () => {
  const rows = [{ channel: 'general', messages: 12000 }, { channel: '<script>', messages: 7 }];
  const html = rowsTableHtml(toDataFrame(rows));
  assert.deepEqual(bodyCells(html), [['general', '12,000'], ['&lt;script&gt;', '7']]);
  assert.equal(html, rowsTableHtml(rows));
});
