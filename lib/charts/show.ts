/** `show`: one call in a notebook cell to output a chart, a table or text. */
import { renderTable } from '../cli/table';
import { formatCell } from './cell-format';
import { isFigure, type Figure } from './figure';
import { figureHtml, type FigureHtmlOptions } from './figure-html';
import { kernelDisplay } from './kernel-display';
import { frameRows, isFrameLike, rowsTableHtml, type RowsTableOptions } from './rows-table-html';

/** Options of `show`: those of `figureHtml` for a figure, of `rowsTableHtml` for rows. */
export interface ShowOptions extends FigureHtmlOptions, RowsTableOptions {
  /** Where the text fallback goes outside a kernel; default stdout. */
  write?: (text: string) => void;
}

/**
 * Outputs a value in the running tslab cell, one MIME type per output (tslab's limit): a figure
 * as `text/html` (`figureHtml`), rows or a danfojs DataFrame as an HTML table (`rowsTableHtml`),
 * a string as markdown, anything else as JSON text. Outside a kernel (plain node) it prints a
 * text rendering to stdout instead, so notebook code also runs as a script.
 *
 * @example
 * show('## Activity');
 * show(timeSeriesChart(weeks, { x: 'bucket', y: ['messages', 'communicators'] }), { height: 360 });
 * show(weeks, { maxRows: 10 });
 */
export function show(value: unknown, options: ShowOptions = {}): void {
  const display = kernelDisplay();
  if (display === null) {
    (options.write ?? ((t: string) => process.stdout.write(t)))(showText(value, options));
    return;
  }
  if (isFigure(value)) display.html(figureHtml(value, options));
  else if (Array.isArray(value) || isFrameLike(value)) display.html(rowsTableHtml(value as unknown[], options));
  else if (typeof value === 'string') display.markdown(value);
  else display.text(JSON.stringify(value, null, 2) ?? String(value));
}

/**
 * The plain-text rendering `show` prints outside a kernel: a figure's title and trace names, rows
 * as an aligned table (at most `maxRows`), a string as it is, anything else as JSON. Ends with a
 * newline.
 *
 * @example
 * showText([{ a: 1 }]) // "a\n─\n1\n"
 */
export function showText(value: unknown, options: RowsTableOptions = {}): string {
  if (isFigure(value)) return `${figureSummary(value)}\n`;
  if (Array.isArray(value) || isFrameLike(value)) {
    const rows = isFrameLike(value)
      ? frameRows(value)
      : value.map((r: unknown) => (typeof r === 'object' && r !== null && !Array.isArray(r) ? (r as Record<string, unknown>) : { value: r }));
    const maxRows = Math.max(0, options.maxRows ?? 100);
    const shown = rows.slice(0, maxRows);
    const columns = options.columns ?? [...new Set(shown.flatMap((r) => Object.keys(r)))];
    const percent = new Set(options.percent ?? []);
    const cells = shown.map((r) =>
      columns.map((c) => (typeof r[c] === 'number' && !percent.has(c) && Number.isFinite(r[c]) ? (r[c] as number) : r[c] === null || r[c] === undefined ? null : formatCell(r[c], { digits: options.digits, percent: percent.has(c) }))),
    );
    const more = rows.length - shown.length;
    return renderTable(columns, cells) + (more > 0 ? `… ${more.toLocaleString('en-US')} more row${more === 1 ? '' : 's'}\n` : '');
  }
  if (typeof value === 'string') return value.endsWith('\n') ? value : `${value}\n`;
  return `${JSON.stringify(value, null, 2) ?? String(value)}\n`;
}

/** "[chart] Title: trace, trace" for terminals. */
function figureSummary(figure: Figure): string {
  const names = figure.data.map((t, i) => t.name ?? `${t.type} ${i + 1}`);
  return `[chart] ${figure.layout.title?.text ?? '(untitled)'}: ${names.join(', ')}`;
}
