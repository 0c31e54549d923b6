/** A report document loaded in Chromium and fully drawn, ready to print. */
import type { Browser, Page } from 'puppeteer-core';
import { reportShellHtml, type ReportDocument } from './render-notebook-html';
import { ReportError } from './report-error';

/** A loaded report page, and what it tried to fetch (and was refused). */
export interface ReportPage {
  page: Page;
  /** URLs the page asked for and did not get: a report fetches nothing. */
  blockedRequests: string[];
  /** Uncaught errors of the page's scripts. */
  pageErrors: string[];
}

/** How long loading and drawing a page may take. */
export interface ReportPageOptions {
  /** Default 120 s. */
  timeoutMs?: number;
}

/** How long a report page may take to load, draw or print when the caller does not say. */
export const DEFAULT_TIMEOUT_MS = 120_000;

// Runs in the page: every chart's drawing promise, then the fonts.
const RENDER_COMPLETE = `(async () => {
  await Promise.all(window.guildauditCharts || []);
  await document.fonts.ready;
  return (window.guildauditCharts || []).length;
})()`;

/**
 * Opens `html` in a new tab of `browser` with print media, refusing every request that is not
 * a data: URL (recorded in `blockedRequests`), then waits for the real render-complete signal:
 * every chart's `Plotly.newPlot` promise (`window.guildauditCharts`), then `document.fonts.ready`.
 * A chart that fails to draw, or a page that takes longer than `timeoutMs`, is a `ReportError`.
 */
export async function openReportPage(browser: Browser, html: string, options: ReportPageOptions = {}): Promise<ReportPage> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const loaded = await openPrintTab(browser, html, timeoutMs);
  await waitUntilDrawn(loaded.page, timeoutMs);
  return loaded;
}

/**
 * Opens the page every report shares (`reportShellHtml`: styles, fonts, plotly.js) in a new tab,
 * as `openReportPage` does, with no title or body yet: loading plotly.js is most of printing's
 * time, and this can happen before the report's content exists. Give it that with `fillReportShell`.
 */
export async function openReportShell(browser: Browser, options: ReportPageOptions = {}): Promise<ReportPage> {
  return openPrintTab(browser, reportShellHtml(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

/** The little of the page's DOM `fillPage` uses: the project compiles without the DOM's types. */
interface ShellDocument {
  title: string;
  body: { replaceChildren(node: unknown): void };
  createRange(): { selectNodeContents(node: unknown): void; createContextualFragment(html: string): unknown };
}

// Runs in the page: the title, then the body. A contextual fragment, unlike innerHTML, runs the
// charts' scripts when it is inserted.
function fillPage(title: string, body: string): void {
  const document = (globalThis as unknown as { document: ShellDocument }).document;
  document.title = title;
  const range = document.createRange();
  range.selectNodeContents(document.body);
  document.body.replaceChildren(range.createContextualFragment(body));
}

/**
 * Gives a page from `openReportShell` a report's title and body and waits until it is drawn, as
 * `openReportPage` does. The page is then `reportDocumentHtml(doc)`'s, but for plotly.js, which
 * it carries even when no chart needs it.
 */
export async function fillReportShell(shell: ReportPage, doc: ReportDocument, options: ReportPageOptions = {}): Promise<void> {
  await shell.page.evaluate(fillPage, doc.title, doc.body);
  await waitUntilDrawn(shell.page, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

/** A new tab with print media and only data: URLs allowed, with `html` loaded. */
async function openPrintTab(browser: Browser, html: string, timeoutMs: number): Promise<ReportPage> {
  const page = await browser.newPage();
  const blockedRequests: string[] = [];
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error instanceof Error ? error.message : String(error)));
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:')) return void request.continue();
    blockedRequests.push(url);
    void request.abort('blockedbyclient');
  });
  await page.emulateMediaType('print');
  try {
    await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
  } catch (error) {
    throw new ReportError(`the report page did not load: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { page, blockedRequests, pageErrors };
}

/** Waits for every chart and font of the page; a chart that fails, or the time running out, is a `ReportError`. */
async function waitUntilDrawn(page: Page, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReportError(`the report did not finish drawing its charts within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([page.evaluate(RENDER_COMPLETE), timeout]);
  } catch (error) {
    if (error instanceof ReportError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ReportError(`a chart failed to draw: ${reason}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
