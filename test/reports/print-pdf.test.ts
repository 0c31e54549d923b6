import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { barChart } from '../../lib/charts/bar-chart';
import { figureHtml } from '../../lib/charts/figure-html';
import { printPdf, type PrintPdfResult } from '../../lib/reports/print-pdf';
import { renderNotebookHtml } from '../../lib/reports/render-notebook-html';
import { COVER, notebookOf, readReportFixture } from './report-fixtures';
import { pdfInkPerPage, pdfIsTagged, pdfPageCount, pdfPageTexts } from './pdf-tools';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'guildaudit-report-test-'));
  dirs.push(dir);
  return dir;
};
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('printPdf of the executed health notebook', { timeout: 300_000 }, () => {
  let dir: string;
  let html: string;
  let result: PrintPdfResult;
  let pages: string[];
  before(async () => {
    dir = freshDir();
    html = await renderNotebookHtml(readReportFixture('health.ipynb'), COVER);
    result = await printPdf(html, path.join(dir, 'health.pdf'), { htmlPath: path.join(dir, 'health.html') });
    pages = pdfPageTexts(result.pdfPath);
  });

  test('the files written, and nothing else: no temp file, nothing fetched', () => {
    assert.deepEqual(readdirSync(dir).sort(), ['health.html', 'health.pdf']);
    assert.equal(readFileSync(path.join(dir, 'health.html'), 'utf8'), html);
    assert.equal(result.bytes, readFileSync(result.pdfPath).length);
    assert.deepEqual(result.blockedRequests, []);
    assert.deepEqual(result.pageErrors, []);
    assert.ok(pdfIsTagged(result.pdfPath));
    assert.ok(readFileSync(result.pdfPath).includes('/Outlines'), 'bookmarks from the headings');
  });

  test('the cover: title and fields, and no page number', () => {
    const cover = pages[0];
    for (const text of ['Community health of Fixture DAO', 'Fixture DAO', '2024-01-01 to 2024-06-30', '2024-07-01 09:30 UTC', 'import-42']) {
      assert.ok(cover.includes(text), text);
    }
    assert.doesNotMatch(cover, /\d+ ?\/ ?\d+/);
    assert.ok(!cover.includes('Activity by channel'));
  });

  test('headings, numbers and page numbers on the content pages', () => {
    const total = pdfPageCount(result.pdfPath);
    assert.ok(total >= 3, `${total} pages`);
    assert.equal(pages.length, total);
    // pdftotext drops the spaces around the slash of "2 / 4".
    pages.slice(1).forEach((page, i) => assert.match(page, new RegExp(`(^|\\n)${i + 2} ?/ ?${total}\\n`), `page ${i + 2}`));
    const all = pages.join('\n');
    for (const text of ['Activity by channel', 'Most active members', 'Retention', 'This report looks at who takes part',
      'Median first response: 17.5 minutes', 'Active members: 4,321', 'after 4 weeks: 38.2%', 'member-01', '7,000', 'member-70', '100',
      'Database: …/audit/data/guildaudit.sqlite', 'Server: [database URL]']) {
      assert.ok(all.includes(text), text);
    }
  });

  test('the chart was drawn: its channel names and axis ticks are text only the drawn SVG holds', () => {
    const chartPage = pages.find((p) => p.includes('Activity by channel'))!;
    for (const tick of ['general-chat', 'governance-forum', 'dev-support', 'Messages per channel', '1200']) {
      assert.ok(chartPage.includes(tick), tick);
    }
  });

  test('the long table repeats its header on the next page', () => {
    const tablePages = pages.filter((p) => /member-\d\d/.test(p));
    assert.ok(tablePages.length >= 2, `${tablePages.length} pages of the table`);
    for (const page of tablePages) assert.match(page, /member\s+messages\s+member-\d\d/);
  });

  test('what the tags, stderr and errors hide is not printed', () => {
    const all = pages.join('\n');
    for (const hidden of ['PARAMS-MARKER', 'REMOVE-CELL-MARKER', 'REMOVED-MARKDOWN-MARKER', 'REMOVE-OUTPUT-MARKER', 'REMOVE-INPUT-MARKER', 'STDERR-MARKER', 'ERROR-MARKER', 'hunter2', '/home/analyst']) {
      assert.ok(!all.includes(hidden), hidden);
    }
  });

  test('no page is blank', () => {
    const ink = pdfInkPerPage(result.pdfPath);
    assert.equal(ink.length, pages.length);
    ink.forEach((n, i) => assert.ok(n > 30, `page ${i + 1} has ${n} dark pixels`));
  });
});

test('printPdf: a one-paragraph notebook is a cover and one page; a web image is refused, not fetched', { timeout: 120_000 }, async () => {
  const dir = freshDir();
  const html = await renderNotebookHtml(notebookOf([
    { cell_type: 'markdown', metadata: {}, source: '# Tiny report\n\nOne paragraph about 12,345 members.\n\n![logo](https://example.invalid/logo.png)' },
  ]), { guild: 'Tiny Guild' });
  const result = await printPdf(html, path.join(dir, 'tiny.pdf'));
  assert.deepEqual(result.blockedRequests, ['https://example.invalid/logo.png']);
  assert.equal(pdfPageCount(result.pdfPath), 2);
  const [cover, body] = pdfPageTexts(result.pdfPath);
  assert.match(cover, /Tiny report\s+Guild\s+Tiny Guild/);
  assert.ok(body.includes('One paragraph about 12,345 members.'));
  assert.match(body, /(^|\n)2 ?\/ ?2\n/);
  assert.deepEqual(readdirSync(dir), ['tiny.pdf']);
});

test('printPdf: a chart that fails to draw is an error, and no PDF is left behind', { timeout: 120_000 }, async () => {
  const dir = freshDir();
  // The chart's div is gone (as when a host drops it): its loader rejects.
  const broken = figureHtml(barChart([{ n: 'a', v: 1 }], { label: 'n', value: 'v' }), { id: 'lost-chart' }).replace(/^<div [^\n]*<\/div>\n/, '');
  assert.ok(!broken.includes('<div'));
  const html = await renderNotebookHtml(notebookOf([
    { cell_type: 'markdown', metadata: {}, source: '# Broken' },
    { cell_type: 'code', metadata: {}, source: '', outputs: [{ output_type: 'display_data', metadata: {}, data: { 'text/html': broken } }] },
  ]));
  await assert.rejects(printPdf(html, path.join(dir, 'broken.pdf'), { htmlPath: path.join(dir, 'broken.html') }), (error: Error) => {
    assert.equal(error.name, 'ReportError');
    assert.match(error.message, /^a chart failed to draw: .*chart lost-chart is not on the page/);
    return true;
  });
  assert.deepEqual(readdirSync(dir), []);
});

test('printPdf: a missing output folder is named before any browser starts', async () => {
  const missing = path.join(freshDir(), 'no-such-folder', 'x.pdf');
  await assert.rejects(printPdf('<p>x</p>', missing, { chromium: '/nonexistent/chromium' }), /cannot write .*x\.pdf: the folder .*no-such-folder does not exist/);
});
