import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderOutputs } from '../../lib/dashboards/render-outputs';
import type { Cell, CodeCell, Output } from '../../lib/notebooks/nbformat';

function code(outputs: Output[], tags: string[] = [], source = 'secretSource();'): CodeCell {
  return { cell_type: 'code', source, metadata: { tags }, execution_count: 1, outputs };
}

const html = (text: string): Output => ({ output_type: 'display_data', data: { 'text/html': text }, metadata: {} });
const markdown = (text: string): Output => ({ output_type: 'display_data', data: { 'text/markdown': text, 'text/plain': 'plain' }, metadata: {} });

describe('renderOutputs: what a dashboard viewer sees of an executed notebook', () => {
  test('markdown cells and outputs only; code, parameters, stderr and errors never', async () => {
    const cells: Cell[] = [
      { cell_type: 'markdown', source: '# Title\n\n**Question: why?**', metadata: {} },
      code([], ['parameters'], "const guild: string = '';"),
      code([{ output_type: 'stream', name: 'stdout', text: 'injected-output' }], ['injected-parameters']),
      code([
        { output_type: 'stream', name: 'stdout', text: 'a < b\n' },
        { output_type: 'stream', name: 'stderr', text: 'warning: internal\n' },
        html('<div class="guildaudit-chart"></div>'),
        { output_type: 'error', ename: 'RangeError', evalue: 'boom', traceback: ['RangeError: boom', '    at f (/srv/x.ts:1:1)'] },
      ]),
    ];
    const page = await renderOutputs(cells);
    assert.equal(
      page,
      '<div class="cell markdown-cell"><h1 id="title">Title</h1>\n<p><strong>Question: why?</strong></p>\n</div>\n' +
        '<div class="cell code-cell">\n<pre class="output output-text">a &lt; b</pre>\n' +
        '<div class="output output-html"><div class="guildaudit-chart"></div></div>\n</div>',
    );
  });

  test('remove_cell and remove_output hide a cell; remove_input changes nothing since code is never shown', async () => {
    const page = await renderOutputs([
      code([html('<b>gone</b>')], ['remove_cell']),
      code([html('<b>also gone</b>')], ['remove_output']),
      code([html('<b>kept</b>')], ['remove_input']),
      { cell_type: 'markdown', source: 'hidden note', metadata: { tags: ['remove_cell'] } },
    ]);
    assert.equal(page, '<div class="cell code-cell">\n<div class="output output-html"><b>kept</b></div>\n</div>');
  });

  test("markdown outputs carry data: their raw HTML is shown as text, the author's markdown keeps it", async () => {
    const page = await renderOutputs([
      code([markdown('**<img src=x onerror=alert(1)>** guild')]),
      { cell_type: 'markdown', source: 'see <abbr title="x">this</abbr>', metadata: {} },
    ]);
    assert.equal(
      page,
      '<div class="cell code-cell">\n<div class="output output-markdown"><p><strong>&lt;img src=x onerror=alert(1)&gt;</strong> guild</p>\n</div>\n</div>\n' +
        '<div class="cell markdown-cell"><p>see <abbr title="x">this</abbr></p>\n</div>',
    );
  });

  test('plain text is escaped, pictures become data URLs', async () => {
    const page = await renderOutputs([
      code([
        { output_type: 'execute_result', execution_count: 1, data: { 'text/plain': '<tag>' }, metadata: {} },
        { output_type: 'display_data', data: { 'image/png': 'iVBO\nRw==' }, metadata: {} },
      ]),
    ]);
    assert.equal(
      page,
      '<div class="cell code-cell">\n<pre class="output output-text">&lt;tag&gt;</pre>\n' +
        '<figure class="output output-image"><img alt="" src="data:image/png;base64,iVBORw=="></figure>\n</div>',
    );
  });
});
