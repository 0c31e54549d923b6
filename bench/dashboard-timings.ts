import path from 'node:path';
import { startDashboardServer } from '../lib/dashboards/dashboard-server';
import { openEngine } from '../lib/database/open-engine';
import { projectRoot, targetForKernel } from '../lib/notebooks/notebook-database';

/** What one dashboard timing run measured, in ms. */
export interface DashboardTimings {
  notebook: string;
  query: string;
  /** From start to every warm kernel ready (the URL printed). */
  startMs: number;
  /** One page nobody asked for before, on a warm kernel. */
  uncachedMs: number;
  /** The same page again, from the page cache. */
  cachedMs: number;
  /** Length of the page's HTML. */
  htmlChars: number;
}

/** How to time the dashboards. */
export interface DashboardTimingOptions {
  /** SQLite file or postgres:// URL. */
  database: string;
  /** Default: guild-audit. */
  notebook?: string;
  /** The page's query string (e.g. `guild=…`); default none (the busiest guild). */
  query?: string;
  /** Default: the project's notebooks/. */
  notebooksDir?: string;
}

async function timedGet(url: string, expectCache: 'hit' | 'miss'): Promise<{ ms: number; html: string }> {
  const started = performance.now();
  const response = await fetch(url);
  const html = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}: ${html.slice(0, 300)}`);
  const cache = response.headers.get('x-guildaudit-cache');
  if (cache !== expectCache) throw new Error(`${url}: expected a cache ${expectCache}, got ${cache}`);
  return { ms, html };
}

/**
 * Starts the dashboard server on `database` with two warm kernels, then times one uncached page
 * (run on a warm kernel) and the same page again (served from the cache). Figures only: nothing
 * passes or fails on a timing. Not wired into bench/run.ts yet.
 */
export async function timeDashboard(options: DashboardTimingOptions): Promise<DashboardTimings> {
  const notebook = options.notebook ?? 'guild-audit';
  const query = options.query ?? '';
  const engine = await openEngine(options.database);
  try {
    const started = performance.now();
    const server = await startDashboardServer({
      engine,
      kernelDatabase: targetForKernel(options.database),
      notebooksDir: options.notebooksDir ?? path.join(projectRoot(), 'notebooks'),
      port: 0,
      kernels: 2,
      log: () => undefined,
    });
    const startMs = performance.now() - started;
    try {
      const url = `${server.url}/n/${encodeURIComponent(notebook)}/render${query ? `?${query}` : ''}`;
      const uncached = await timedGet(url, 'miss');
      const cached = await timedGet(url, 'hit');
      return { notebook, query, startMs, uncachedMs: uncached.ms, cachedMs: cached.ms, htmlChars: uncached.html.length };
    } finally {
      await server.close();
    }
  } finally {
    await engine.close();
  }
}
