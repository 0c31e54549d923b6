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

/** A report document in parts: the page around them (styles, fonts, plotly.js) is the same for every report. */
export interface ReportDocument {
  /** The document's title, which is also the PDF's. */
  title: string;
  /** The body's HTML: the cover, then the cells. */
  body: string;
  /** True when a chart in the body draws with plotly.js. */
  needsPlotly: boolean;
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
  return reportDocumentHtml(await renderReportDocument(nb, options));
}

/** The document `renderNotebookHtml` gives, in parts (see `reportDocumentHtml`, `reportShellHtml`). */
export async function renderReportDocument(nb: Notebook, options: RenderNotebookOptions = {}): Promise<ReportDocument> {
  const markdown = await markdownHtml();
  const redactOptions: RedactOptions = { localPaths: options.localPaths };
  const found = notebookTitle(nb.cells, markdown.firstHeading);
  const title = options.title ?? found?.title ?? 'Audit report';
  const context = { markdown, redact: redactOptions, showCode: options.showCode ?? false };
  // The heading that became the cover's title is not printed again (when the title came from it).
  const coverCell = options.title === undefined ? found?.index : undefined;
  const cells = nb.cells.map((cell, i) => cellHtml(cell, { ...context, title: i === coverCell ? title : undefined })).filter((html) => html !== '');
  const content = cells.join('\n');
  const shownTitle = redact(title, redactOptions);
  return {
    title: shownTitle,
    body: [coverPageHtml(shownTitle, options), '<main>', content, '</main>'].join('\n'),
    needsPlotly: content.includes('window.guildauditCharts'),
  };
}

/** The whole HTML page of a report document. plotly.js (1.5 MB) is embedded only when a chart needs it. */
export function reportDocumentHtml(doc: ReportDocument): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>\n${fontFaceCss()}\n${printCss()}</style>`,
    chartConfigScriptTag(),
    doc.needsPlotly ? plotlyScriptTag() : '',
    '</head>',
    '<body>',
    doc.body,
    '</body>',
    '</html>',
  ].join('\n');
}

/**
 * The page of every report, with plotly.js, before its title and body are known: a browser can
 * load it (the slow part of printing) while the notebook still runs, then take the report's
 * title and body (`fillReportShell`).
 */
export function reportShellHtml(): string {
  return reportDocumentHtml({ title: '', body: '', needsPlotly: true });
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
