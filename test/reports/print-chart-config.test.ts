import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { barChart } from '../../lib/charts/bar-chart';
import { figureHtml } from '../../lib/charts/figure-html';
import { plotlyJsPath } from '../../lib/charts/plotly-js';
import { launchChromium, type PrintBrowser } from '../../lib/reports/launch-chromium';
import { openReportPage } from '../../lib/reports/report-page';
import { renderNotebookHtml } from '../../lib/reports/render-notebook-html';
import { notebookOf } from './report-fixtures';

// A chart as notebooks make it: responsive, with a mode bar, its own config not static.
const chart = (id: string) => figureHtml(barChart([{ n: 'alpha', v: 3 }, { n: 'beta', v: 5 }], { label: 'n', value: 'v' }), { id });
const STATE = (id: string) => `(() => {
  const el = document.getElementById(${JSON.stringify(id)});
  return { width: el._fullLayout.width, staticPlot: el._context.staticPlot, responsive: el._context.responsive,
    modeBars: el.querySelectorAll('.modebar').length, cssWidth: el.getBoundingClientRect().width };
})()`;

let chromium: PrintBrowser;
before(async () => {
  chromium = await launchChromium();
});
after(async () => {
  await chromium?.close();
});

test('in a report, figureHtml charts draw static at the printable width (window.guildauditChartConfig)', { timeout: 120_000 }, async () => {
  const html = await renderNotebookHtml(notebookOf([
    { cell_type: 'code', metadata: {}, source: '', outputs: [{ output_type: 'display_data', metadata: {}, data: { 'text/html': chart('report-chart') } }] },
  ]));
  const { page } = await openReportPage(chromium.browser, html);
  assert.deepEqual(await page.evaluate(STATE('report-chart')), { width: 680, staticPlot: true, responsive: false, modeBars: 0, cssWidth: 680 });
  await page.close();
});

test('without the page override the same chart keeps its own config (mode bar, not static)', { timeout: 120_000 }, async () => {
  const plotly = readFileSync(plotlyJsPath()).toString('base64');
  const html = `<!DOCTYPE html><html><head><script src="data:text/javascript;base64,${plotly}"></script></head>
<body style="margin:0"><div style="width:500px">${chart('plain-chart')}</div></body></html>`;
  const { page } = await openReportPage(chromium.browser, html);
  assert.deepEqual(await page.evaluate(STATE('plain-chart')), { width: 500, staticPlot: false, responsive: true, modeBars: 1, cssWidth: 500 });
  await page.close();
});
