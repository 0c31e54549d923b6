import type { Cell } from '../notebooks/nbformat';
import { cellHtml } from '../reports/cell-html';
import { markdownHtml } from '../reports/markdown-html';

/**
 * An executed notebook as a viewer sees it on a dashboard — the report renderer's view without
 * the cover: markdown cells and outputs only, code never, cells tagged `remove_cell`,
 * `parameters` or `injected-parameters` left out, outputs of `remove_output` cells left out,
 * stderr and errors never shown. `text/html` is kept as is (our own library made it; the page
 * runs the chart scripts of `.output-html` blocks with its nonce); raw HTML in `text/markdown`
 * outputs shows as text.
 */
export async function renderOutputs(cells: readonly Cell[]): Promise<string> {
  const context = { markdown: await markdownHtml(), redact: {}, showCode: false };
  return cells.map((cell) => cellHtml(cell, context)).filter((html) => html !== '').join('\n');
}
