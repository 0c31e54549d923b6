import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderNotebookHtml } from '../../lib/reports/render-notebook-html';
import { COVER, notebookOf, readReportFixture } from './report-fixtures';

const health = readReportFixture('health.ipynb');

/** The document without its embedded assets (fonts and plotly.js are data: URLs). */
const contentOf = (html: string) => html.replace(/data:[a-z/+0-9-]+;base64,[A-Za-z0-9+/=]+/g, 'data:…');
const mainOf = (html: string) => /<main>([\s\S]*)<\/main>/.exec(html)![1];

test('renderNotebookHtml: a cover with the title from the first heading and the fields given', async () => {
  const html = await renderNotebookHtml(health, COVER);
  const cover = /<section class="cover">[\s\S]*?<\/section>/.exec(html)![0];
  assert.ok(cover.includes('<h1 class="cover-title">Community health of Fixture DAO</h1>'));
  for (const row of ['<dt>Guild</dt><dd>Fixture DAO</dd>', '<dt>Period</dt><dd>2024-01-01 to 2024-06-30</dd>', '<dt>Generated</dt><dd>2024-07-01 09:30 UTC</dd>', '<dt>Data version</dt><dd>import-42</dd>']) {
    assert.ok(cover.includes(row), row);
  }
  assert.ok(html.includes('<title>Community health of Fixture DAO</title>'));
  // The title heading is on the cover only; the other headings keep ids for bookmarks and links.
  assert.ok(!mainOf(html).includes('Community health of Fixture DAO'));
  assert.ok(mainOf(html).includes('<h2 id="activity-by-channel">Activity by channel</h2>'));
  assert.ok(mainOf(html).includes('<h2 id="most-active-members">Most active members</h2>'));
  assert.ok(mainOf(html).includes('<h2 id="retention">Retention</h2>'));
  assert.ok(mainOf(html).includes('This report looks at <strong>who takes part</strong> and how newcomers fare.'));
});

test('renderNotebookHtml: tags, parameters, stderr and errors decide what readers see', async () => {
  const main = mainOf(await renderNotebookHtml(health, COVER));
  for (const hidden of ['PARAMS-MARKER', 'REMOVE-CELL-MARKER', 'REMOVED-MARKDOWN-MARKER', 'REMOVE-OUTPUT-MARKER', 'INPUT-OF-REMOVED-OUTPUT', 'REMOVE-INPUT-MARKER', 'STDERR-MARKER', 'ERROR-MARKER', 'evalmachine', "const guild"]) {
    assert.ok(!main.includes(hidden), hidden);
  }
  assert.ok(main.includes('<pre class="output output-text">Kept output of a hidden input</pre>'));
  // Two console.log calls, one block; text/markdown outputs through marked.
  assert.ok(main.includes('<pre class="output output-text">Median first response: 17.5 minutes\nActive members: 4,321</pre>'));
  assert.ok(main.includes('<div class="output output-markdown"><p><strong>Retention</strong> after 4 weeks: 38.2%</p>\n</div>'));
  assert.ok(main.includes('<td class="num" style="text-align:right">7,000</td>'));
  assert.ok(!main.includes('<pre class="code-input">'));
});

test('renderNotebookHtml: showCode prints inputs, except remove_input and the parameter cells', async () => {
  const main = mainOf(await renderNotebookHtml(health, { ...COVER, showCode: true }));
  assert.ok(main.includes('<pre class="code-input"><code>console.log(&#39;Median first response: 17.5 minutes&#39;);\nconsole.log(&#39;Active members: 4,321&#39;);</code></pre>'));
  // remove_output keeps the input.
  assert.ok(main.includes('<pre class="code-input"><code>// INPUT-OF-REMOVED-OUTPUT\nconsole.log(&#39;REMOVE-OUTPUT-MARKER&#39;);</code></pre>'));
  assert.ok(!main.includes('<pre class="output output-text">REMOVE-OUTPUT-MARKER'));
  assert.ok(!main.includes('REMOVE-INPUT-MARKER'));
  assert.ok(!main.includes('PARAMS-MARKER'));
  assert.ok(!main.includes('REMOVE-CELL-MARKER'));
});

test('renderNotebookHtml: no local paths, passwords or network addresses in the document', async () => {
  const html = await renderNotebookHtml(health, COVER);
  const content = contentOf(html);
  assert.ok(content.includes('Database: …/audit/data/guildaudit.sqlite'));
  assert.ok(content.includes('Server: [database URL]'));
  for (const leak of ['/home/analyst', 'hunter2', 'postgres://', '/tmp/', '/work/', 'file:', 'http://', 'https://', 'node_modules']) {
    assert.ok(!content.includes(leak), leak);
  }
});

test('renderNotebookHtml: fonts and plotly.js embedded, charts set to draw static', async () => {
  const html = await renderNotebookHtml(health, COVER);
  assert.equal((html.match(/@font-face \{ font-family: "DejaVu Sans";/g) ?? []).length, 4);
  assert.equal((html.match(/<script src="data:text\/javascript;base64,/g) ?? []).length, 1);
  // plotly.js comes before the first chart's loader, and the print config before both.
  const config = html.indexOf('window.guildauditChartConfig = {"staticPlot":true,"displayModeBar":false,"responsive":false}');
  const plotly = html.indexOf('<script src="data:text/javascript;base64,');
  const chart = html.indexOf('class="guildaudit-chart"');
  assert.ok(config > 0 && config < plotly && plotly < chart, `${config} ${plotly} ${chart}`);
  const decoded = Buffer.from(/<script src="data:text\/javascript;base64,([^"]+)"/.exec(html)![1], 'base64').toString('utf8');
  assert.match(decoded.slice(0, 300), /plotly\.js \(cartesian - minified\) v\d+\.\d+\.\d+/);
});

test('renderNotebookHtml: a notebook without charts carries no plotly.js; images and plain results', async () => {
  const png = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
  const html = await renderNotebookHtml(notebookOf([
    { cell_type: 'markdown', source: ['## Only ', 'text'], metadata: {} },
    { cell_type: 'markdown', source: '## Only text', metadata: {} },
    { cell_type: 'code', source: 'x', metadata: {}, outputs: [
      { output_type: 'display_data', metadata: {}, data: { 'image/png': `${png}\n`, 'text/plain': '<Figure>' } },
      { output_type: 'execute_result', execution_count: 1, metadata: {}, data: { 'text/plain': ['a < b', '\n'] } },
      { output_type: 'display_data', metadata: {}, data: { 'image/svg+xml': '<svg xmlns="http://www.w3.org/2000/svg"/>' } },
      { output_type: 'error', ename: 'Error', evalue: 'ERROR-MARKER', traceback: ['ERROR-MARKER'] },
      { output_type: 'stream', name: 'stdout', text: '\u001b[32mgreen\u001b[0m\n' },
    ] },
  ]), { generatedAt: '1 July 2024' });
  assert.ok(!html.includes('data:text/javascript'));
  const main = mainOf(html);
  // No heading of level 1: the title is the first heading there is; only its own cell loses it.
  assert.ok(html.includes('<h1 class="cover-title">Only text</h1>'));
  assert.equal((main.match(/<h2 /g) ?? []).length, 1);
  assert.ok(main.startsWith('\n<div class="cell markdown-cell"><h2 id="only-text">Only text</h2>\n</div>'));
  assert.ok(main.includes(`<img alt="" src="data:image/png;base64,${png}">`));
  assert.ok(main.includes(`<img alt="" src="data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')}">`));
  assert.ok(main.includes('<pre class="output output-text">a &lt; b</pre>'));
  assert.ok(main.includes('<pre class="output output-text">green</pre>'));
  assert.ok(!main.includes('ERROR-MARKER'));
  assert.ok(!main.includes('&lt;Figure&gt;'));
  assert.ok(html.includes('<dt>Generated</dt><dd>1 July 2024</dd>'));
  assert.ok(!html.includes('<dt>Guild</dt>'));
});

