import { escapeHtml } from '../charts/html-escape';
import { hasTag, joinText, type Cell, type MimeBundle, type Output } from '../notebooks/nbformat';
import { REPORT_TAGS } from '../reports/cell-html';
import { markdownHtml } from './markdown-html';

/** The class of output blocks whose scripts the page runs (chart loaders from our own library). */
export const HTML_OUTPUT_CLASS = 'output-html';

/** Pictures shown as data URLs (never SVG text, which could carry scripts). */
const IMAGES = ['image/png', 'image/jpeg', 'image/svg+xml'];

/** One display output as HTML, by the richest MIME type we show; '' when none is shown. */
async function displayHtml(data: MimeBundle): Promise<string> {
  const text = (mime: string) => joinText(data[mime] as string | string[]);
  if ('text/html' in data) return `<div class="${HTML_OUTPUT_CLASS}">${text('text/html')}</div>`;
  if ('text/markdown' in data) return `<div class="output-markdown">${await markdownHtml(text('text/markdown'), 'output')}</div>`;
  const image = IMAGES.find((m) => m in data);
  if (image) {
    const raw = text(image);
    const base64 = image === 'image/svg+xml' ? Buffer.from(raw).toString('base64') : raw.replace(/\s/g, '');
    return `<div class="output-image"><img alt="" src="data:${image};base64,${escapeHtml(base64)}"></div>`;
  }
  if ('text/plain' in data) return `<pre class="output-text">${escapeHtml(text('text/plain'))}</pre>`;
  return '';
}

/** What a viewer sees of one output: never stderr, never an error. */
async function outputHtml(output: Output): Promise<string> {
  switch (output.output_type) {
    case 'stream':
      return output.name === 'stdout' ? `<pre class="output-text">${escapeHtml(joinText(output.text))}</pre>` : '';
    case 'display_data':
    case 'execute_result':
      return displayHtml(output.data);
    case 'error':
      return '';
  }
}

async function cellHtml(cell: Cell): Promise<string> {
  if (hasTag(cell, REPORT_TAGS.removeCell) || hasTag(cell, REPORT_TAGS.parameters) || hasTag(cell, REPORT_TAGS.injectedParameters)) return '';
  if (cell.cell_type === 'markdown') return `<section class="cell-markdown">${await markdownHtml(joinText(cell.source), 'author')}</section>`;
  if (cell.cell_type !== 'code' || hasTag(cell, REPORT_TAGS.removeOutput)) return '';
  const parts = (await Promise.all(cell.outputs.map(outputHtml))).filter((h) => h !== '');
  return parts.length ? `<section class="cell-outputs">${parts.join('\n')}</section>` : '';
}

/**
 * An executed notebook as a viewer sees it on a dashboard: markdown cells and outputs only, code
 * never (so `remove_input` needs nothing), cells tagged `remove_cell`, `parameters` or
 * `injected-parameters` left out, outputs of `remove_output` cells left out, stderr and errors
 * never shown. `text/html` is kept as is (our own library made it), `text/markdown` is rendered
 * with its raw HTML escaped, text as `<pre>`.
 */
export async function renderOutputs(cells: readonly Cell[]): Promise<string> {
  const parts = await Promise.all(cells.map(cellHtml));
  return parts.filter((h) => h !== '').join('\n');
}
