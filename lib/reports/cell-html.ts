/** One notebook cell as report HTML, honouring nbconvert's tags. */
import { escapeHtml } from '../charts/html-escape';
import { cellTags, joinText, type Cell, type Output } from '../notebooks/nbformat';
import { outputHtml, type OutputContext } from './output-html';
import { redact } from './redact';

/** Tags (nbconvert's and papermill's) that decide what of a cell is printed. */
export const REPORT_TAGS = {
  removeCell: 'remove_cell',
  removeInput: 'remove_input',
  removeOutput: 'remove_output',
  parameters: 'parameters',
  injectedParameters: 'injected-parameters',
} as const;

/** What rendering a cell needs. */
export interface CellContext extends OutputContext {
  /** Print code inputs too (default: outputs only). */
  showCode: boolean;
  /** The title heading shown on the cover, left out of the cell that holds it. */
  title?: string;
}

/**
 * The HTML of a cell, or '' when nothing of it is printed: cells tagged `remove_cell`,
 * `parameters` or `injected-parameters` are dropped; `remove_input` drops a code cell's
 * input (and a markdown cell, whose source is its input); `remove_output` its outputs.
 */
export function cellHtml(cell: Cell, context: CellContext): string {
  const tags = cellTags(cell);
  if (tags.has(REPORT_TAGS.removeCell) || tags.has(REPORT_TAGS.parameters) || tags.has(REPORT_TAGS.injectedParameters)) return '';
  const source = joinText(cell.source);
  if (cell.cell_type !== 'code') {
    // Raw cells are for other converters; a markdown cell's source is its input.
    if (cell.cell_type === 'raw' || tags.has(REPORT_TAGS.removeInput) || source.trim() === '') return '';
    const html = context.markdown.render(redact(source, context.redact), { dropHeading: context.title });
    return html.trim() === '' ? '' : `<div class="cell markdown-cell">${html}</div>`;
  }
  const parts: string[] = [];
  if (context.showCode && !tags.has(REPORT_TAGS.removeInput) && source.trim() !== '') {
    parts.push(`<pre class="code-input"><code>${escapeHtml(redact(source, context.redact))}</code></pre>`);
  }
  if (!tags.has(REPORT_TAGS.removeOutput)) {
    for (const output of mergeStreams(cell.outputs ?? [])) {
      const html = outputHtml(output, context);
      if (html !== '') parts.push(html);
    }
  }
  return parts.length === 0 ? '' : `<div class="cell code-cell">\n${parts.join('\n')}\n</div>`;
}

/** Consecutive writes to the same stream as one output (one `<pre>`, not one per line). */
function mergeStreams(outputs: readonly Output[]): Output[] {
  const merged: Output[] = [];
  for (const output of outputs) {
    const last = merged[merged.length - 1];
    if (output.output_type === 'stream' && last?.output_type === 'stream' && last.name === output.name) {
      merged[merged.length - 1] = { ...last, text: joinText(last.text) + joinText(output.text) };
    } else {
      merged.push(output);
    }
  }
  return merged;
}
