/** An executed notebook as one self-contained HTML document for print. */
import { escapeHtml } from '../charts/html-escape';
import { cellHtml, REPORT_TAGS } from './cell-html';
import { coverPageHtml, type CoverFields } from './cover-page';
import { markdownHtml } from './markdown-html';
import { cellTags, joinText, type Cell, type Notebook } from '../notebooks/nbformat';
import { printCss } from './print-css';
import { redact, type RedactOptions } from './redact';
import { chartConfigScriptTag, fontFaceCss, plotlyScriptTag } from './report-assets';

/** Options of `renderNotebookHtml`. */
export interface RenderNotebookOptions extends CoverFields, RedactOptions {
  /** The title; default the notebook's first markdown heading, else `Audit report`. */
  title?: string;
  /** Print code inputs too (default false: a report shows results). */
  showCode?: boolean;
}

/**
 * One HTML document for print: a cover (title, guild, period, generated at, data version),
 * then each cell as readers should see it (see `cellHtml` for the tags honoured). Fonts and
 * plotly.js are embedded, charts draw static at the printable width, and nothing is fetched
 * from anywhere. Local folders, database URLs and tokens are redacted from the content.
 * Error outputs are never shown: make no report of a failed run.
 *
 * @example
 * const html = await renderNotebookHtml(readNotebook('out.ipynb'), {
 *   guild: 'Example DAO', period: '2024-01-01 to 2024-06-30', generatedAt: new Date(), dataVersion: 'import-42',
 * });
 */
export async function renderNotebookHtml(nb: Notebook, options: RenderNotebookOptions = {}): Promise<string> {
  const markdown = await markdownHtml();
  const redactOptions: RedactOptions = { localPaths: options.localPaths };
  const found = notebookTitle(nb.cells, markdown.firstHeading);
  const title = options.title ?? found?.title ?? 'Audit report';
  const context = { markdown, redact: redactOptions, showCode: options.showCode ?? false };
  // The heading that became the cover's title is not printed again (when the title came from it).
  const coverCell = options.title === undefined ? found?.index : undefined;
  const cells = nb.cells.map((cell, i) => cellHtml(cell, { ...context, title: i === coverCell ? title : undefined })).filter((html) => html !== '');
  const content = cells.join('\n');
  // plotly.js is 4.7 MB: embedded only when a chart needs it.
  const needsPlotly = content.includes('window.guildauditCharts');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(redact(title, redactOptions))}</title>`,
    `<style>\n${fontFaceCss()}\n${printCss()}</style>`,
    chartConfigScriptTag(),
    needsPlotly ? plotlyScriptTag() : '',
    '</head>',
    '<body>',
    coverPageHtml(redact(title, redactOptions), options),
    '<main>',
    content,
    '</main>',
    '</body>',
    '</html>',
  ].join('\n');
}

/** The first heading of the markdown cells a reader sees, and the index of its cell. */
function notebookTitle(cells: readonly Cell[], firstHeading: (md: string) => string | undefined): { title: string; index: number } | undefined {
  for (const [index, cell] of cells.entries()) {
    const tags = cellTags(cell);
    if (cell.cell_type !== 'markdown' || tags.has(REPORT_TAGS.removeCell) || tags.has(REPORT_TAGS.removeInput)) continue;
    const heading = firstHeading(joinText(cell.source));
    if (heading !== undefined && heading !== '') return { title: heading, index };
  }
  return undefined;
}
