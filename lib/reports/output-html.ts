/** One code-cell output as report HTML: what a reader sees, never errors or stderr. */
import { escapeHtml } from '../charts/html-escape';
import type { MarkdownHtml } from './markdown-html';
import { joinText, type MultilineString, type Output } from '../notebooks/nbformat';
import { redact, type RedactOptions } from './redact';

/** What rendering an output needs: the report's markdown renderer and what to redact. */
export interface OutputContext {
  markdown: MarkdownHtml;
  redact: RedactOptions;
}

// Jupyter's order of preference, restricted to what a printed page can show.
const RICH_TYPES = ['text/html', 'text/markdown', 'image/svg+xml', 'image/png', 'image/jpeg', 'text/plain'] as const;

/**
 * The HTML of one output, or '' for what readers never see: `stderr` streams, errors (a
 * failed run makes no report), updates and MIME types a page cannot show. `text/html` is kept
 * as it is (charts draw from their own scripts); plain text and `stdout` are `<pre>` blocks.
 */
export function outputHtml(output: Output, context: OutputContext): string {
  switch (output.output_type) {
    case 'stream':
      return output.name === 'stdout' ? preHtml(joinText(output.text), context) : '';
    case 'display_data':
    case 'execute_result':
      return richHtml(output.data ?? {}, context);
    default:
      return '';
  }
}

/** The first MIME type of the preference order the output has. */
function richHtml(data: Record<string, unknown>, context: OutputContext): string {
  const type = RICH_TYPES.find((t) => data[t] !== undefined);
  if (type === undefined) return '';
  const value = joinText(data[type] as MultilineString);
  switch (type) {
    case 'text/html':
      return `<div class="output output-html">${redact(value, context.redact)}</div>`;
    case 'text/markdown':
      return `<div class="output output-markdown">${context.markdown.renderData(redact(value, context.redact))}</div>`;
    case 'image/svg+xml':
      // As an image: the SVG's own ids and styles cannot clash with the page's.
      return figureImg(`data:image/svg+xml;base64,${Buffer.from(redact(value, context.redact)).toString('base64')}`);
    case 'image/png':
    case 'image/jpeg':
      return figureImg(`data:${type};base64,${value.replace(/\s+/g, '')}`);
    case 'text/plain':
      return preHtml(value, context);
  }
}

function figureImg(src: string): string {
  return `<figure class="output output-image"><img alt="" src="${src}"></figure>`;
}

function preHtml(text: string, context: OutputContext): string {
  // Terminal colours mean nothing on paper.
  const plain = text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
  return plain.trim() === '' ? '' : `<pre class="output output-text">${escapeHtml(redact(plain, context.redact)).replace(/\n$/, '')}</pre>`;
}
