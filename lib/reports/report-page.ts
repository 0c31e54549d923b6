/** A report document loaded in Chromium and fully drawn, ready to print. */
import type { Browser, Page } from 'puppeteer-core';
import { ReportError } from './report-error';

/** A loaded report page, and what it tried to fetch (and was refused). */
export interface ReportPage {
  page: Page;
  /** URLs the page asked for and did not get: a report fetches nothing. */
  blockedRequests: string[];
  /** Uncaught errors of the page's scripts. */
  pageErrors: string[];
}

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
export async function openReportPage(browser: Browser, html: string, options: { timeoutMs?: number } = {}): Promise<ReportPage> {
  const timeoutMs = options.timeoutMs ?? 120_000;
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
  return { page, blockedRequests, pageErrors };
}
