/** A report document printed to a PDF file with headless Chromium. */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { launchChromium } from './launch-chromium';
import { ReportError } from './report-error';
import { DEFAULT_TIMEOUT_MS, openReportPage, type ReportPage } from './report-page';

/** Options of `printPdf`. */
export interface PrintPdfOptions {
  /** The browser binary; default `findChromium()` (`GUILDAUDIT_CHROMIUM`, Debian's headless shell or Chromium, PATH). */
  chromium?: string;
  /** Also write the printed HTML document here (for `--html`), the same way: whole or not at all. */
  htmlPath?: string;
  /** How long the page may take to load and draw; default 120 s. */
  timeoutMs?: number;
}

/** What was printed. */
export interface PrintPdfResult {
  /** The PDF file written. */
  pdfPath: string;
  /** The HTML file written, when `htmlPath` was given. */
  htmlPath?: string;
  /** The PDF's size in bytes. */
  bytes: number;
  /** URLs the document asked for and was refused (should be none). */
  blockedRequests: string[];
  /** Uncaught script errors of the page. */
  pageErrors: string[];
}

/**
 * Prints `html` (from `renderNotebookHtml`) to `outPath` as an A4 PDF with bookmarks from the
 * headings and a tagged structure. Chromium runs offline: every request but data: URLs is
 * refused. Waits for every chart and font, not a fixed time. The PDF is written to a temp file
 * beside `outPath` and renamed, so a failure (a chart that fails to draw, a timeout) never
 * leaves a file behind; the browser is always closed. Errors for users are `ReportError`s.
 *
 * @example
 * await printPdf(await renderNotebookHtml(notebook, { guild: 'Example DAO' }), 'reports/example.pdf');
 */
export async function printPdf(html: string, outPath: string, options: PrintPdfOptions = {}): Promise<PrintPdfResult> {
  checkOutputFolder(outPath);
  if (options.htmlPath !== undefined) checkOutputFolder(options.htmlPath);
  const { browser, close } = await launchChromium(options.chromium);
  try {
    const loaded = await openReportPage(browser, html, { timeoutMs: options.timeoutMs });
    const htmlFile = options.htmlPath === undefined ? undefined : { path: options.htmlPath, content: html };
    return await savePrintedPage(loaded, outPath, { html: htmlFile, timeoutMs: options.timeoutMs });
  } finally {
    await close();
  }
}

/**
 * Prints a loaded, drawn report page (`openReportPage`, or `openReportShell` then
 * `fillReportShell`) to `outPath` as `printPdf` does, and writes `html.content` to `html.path`
 * when given: each file through a temp file and a rename, whole or not at all.
 */
export async function savePrintedPage(
  loaded: ReportPage,
  outPath: string,
  options: { html?: { path: string; content: string }; timeoutMs?: number } = {},
): Promise<PrintPdfResult> {
  const pdf = await loaded.page.pdf({
    format: 'A4',
    printBackground: true,
    preferCSSPageSize: true,
    outline: true,
    tagged: true,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  writeWhole(outPath, pdf);
  if (options.html !== undefined) writeWhole(options.html.path, options.html.content);
  return {
    pdfPath: outPath,
    ...(options.html !== undefined ? { htmlPath: options.html.path } : {}),
    bytes: pdf.byteLength,
    blockedRequests: loaded.blockedRequests,
    pageErrors: loaded.pageErrors,
  };
}

/** A `ReportError` when the folder `file` would be written in does not exist: checked before any work starts. */
export function checkOutputFolder(file: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ReportError(`cannot write ${file}: the folder ${path.dirname(file)} does not exist`);
}

/** Writes a temp file in the target's folder and renames it: readers never see half a file. */
function writeWhole(file: string, data: Uint8Array | string): void {
  const target = path.resolve(file);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, target);
  } catch (error) {
    if (existsSync(temp)) unlinkSync(temp);
    throw new ReportError(`cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
