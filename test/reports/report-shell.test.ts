import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { barChart } from '../../lib/charts/bar-chart';
import { figureHtml } from '../../lib/charts/figure-html';
import { launchChromium, type PrintBrowser } from '../../lib/reports/launch-chromium';
import { printPdf, savePrintedPage } from '../../lib/reports/print-pdf';
import { renderReportDocument, reportDocumentHtml } from '../../lib/reports/render-notebook-html';
import { fillReportShell, openReportShell } from '../../lib/reports/report-page';
import { pdfInkPerPage, pdfPageTexts } from './pdf-tools';
import { COVER, notebookOf, readReportFixture } from './report-fixtures';

let dir: string;
let chromium: PrintBrowser;
before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'guildaudit-shell-test-'));
  chromium = await launchChromium();
});
after(async () => {
  await chromium?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a report filled into the preloaded shell prints as the whole document does', { timeout: 300_000 }, async () => {
  const doc = await renderReportDocument(readReportFixture('health.ipynb'), COVER);
  const whole = await printPdf(reportDocumentHtml(doc), path.join(dir, 'whole.pdf'));

  const shell = await openReportShell(chromium.browser);
  await fillReportShell(shell, doc);
  const filled = await savePrintedPage(shell, path.join(dir, 'filled.pdf'), { html: { path: path.join(dir, 'filled.html'), content: reportDocumentHtml(doc) } });
  await shell.page.close();

  assert.deepEqual(readdirSync(dir).sort(), ['filled.html', 'filled.pdf', 'whole.pdf']);
  assert.equal(readFileSync(path.join(dir, 'filled.html'), 'utf8'), reportDocumentHtml(doc));
  assert.deepEqual(filled.blockedRequests, []);
  assert.deepEqual(filled.pageErrors, []);
  const pages = pdfPageTexts(filled.pdfPath);
  assert.deepEqual(pages, pdfPageTexts(whole.pdfPath));
  // Drawn charts: text only plotly's SVG holds.
  assert.ok(pages.some((p) => p.includes('general-chat') && p.includes('Messages per channel')));
  assert.deepEqual(pdfInkPerPage(filled.pdfPath), pdfInkPerPage(whole.pdfPath));
  assert.ok(readFileSync(filled.pdfPath).includes('/Outlines'), 'bookmarks from the headings');
});

test('a chart that fails to draw in the shell is an error', { timeout: 120_000 }, async () => {
  // The chart's div is gone (as when a host drops it): its loader rejects.
  const broken = figureHtml(barChart([{ n: 'a', v: 1 }], { label: 'n', value: 'v' }), { id: 'lost-chart' }).replace(/^<div [^\n]*<\/div>\n/, '');
  const doc = await renderReportDocument(notebookOf([
    { cell_type: 'code', metadata: {}, source: '', outputs: [{ output_type: 'display_data', metadata: {}, data: { 'text/html': broken } }] },
  ]));
  const shell = await openReportShell(chromium.browser);
  await assert.rejects(fillReportShell(shell, doc), (error: Error) => {
    assert.equal(error.name, 'ReportError');
    assert.match(error.message, /^a chart failed to draw: .*chart lost-chart is not on the page/);
    return true;
  });
  await shell.page.close();
});
