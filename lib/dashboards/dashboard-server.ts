import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml } from '../charts/html-escape';
import type { Engine } from '../database/engine';
import { KernelError } from '../notebooks/kernel-process';
import { DASHBOARD_RUN_ENV, NOTEBOOK_DATABASE_ENV } from '../notebooks/notebook-database';
import { NotebookRunError } from '../notebooks/notebook-run-error';
import { dataVersion } from '../queries/data-version';
import { guildSummaries, type GuildSummary } from '../queries/guild-summaries';
import { computePage, type PageProgress } from './compute-page';
import { viewerReason } from './failure-reason';
import { KernelPool } from './kernel-pool';
import { listen } from './listen';
import { markdownHtml } from '../reports/markdown-html';
import { NotebookCatalog, type NotebookEntry } from './notebook-catalog';
import { PageCache, pageCacheKey } from './page-cache';
import { failureFragment, indexPage, messagePage, shellPage } from './page-html';
import { printPagePdf } from './page-pdf';
import { checkGuildExists, offeredParameters, PageRequestError, readPageParameters } from './page-parameters';
import { html, json, refusal, withHeaders, type Reply } from './replies';
import { baseHeaders, NO_CONTENT_CSP, newNonce, pageCsp } from './security-headers';
import { loadStaticAssets, type StaticAsset } from './static-assets';
import { WARM_UP_CELL } from './warm-up-cell';

/** How to start a dashboard server. */
export interface DashboardServerOptions {
  /** The open audit database the server reads (guild list, data version); the caller closes it. */
  engine: Engine;
  /** The same database as the kernels must open it (absolute SQLite path or postgres:// URL). */
  kernelDatabase: string;
  /** The folder of notebooks to serve; kernels run there. */
  notebooksDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8080; 0 lets the system pick. */
  port?: number;
  /** Warm kernels kept ready (default 2). */
  kernels?: number;
  /** Per-cell time limit in seconds (default 120). */
  cellTimeoutSeconds?: number;
  /** Memory for rendered pages, in bytes (default 64 MiB). */
  cacheBytes?: number;
  /** Where the server logs failures (with their details, which viewers never see). */
  log?: (line: string) => void;
}

/** A running dashboard server. */
export interface DashboardServer {
  /** `http://host:port` */
  url: string;
  port: number;
  /** Stops accepting requests, shuts every kernel down. Safe to call twice. */
  close(): Promise<void>;
}

export { ServerListenError } from './listen';

/** The default per-cell time limit of a page run, in seconds. */
export const DEFAULT_PAGE_CELL_TIMEOUT_SECONDS = 120;

/**
 * Starts the dashboard server: binds the port first (so a port in use fails at once), then
 * starts the warm kernels, and resolves when they are ready. Routes: `/` the index,
 * `/n/<name>` a page's shell, `/n/<name>/render` its outputs, `/n/<name>/status` its progress,
 * `/pdf/<name>` the same page as a PDF report, `/assets/<file>` three whitelisted files. Nothing else.
 */
export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const catalog = new NotebookCatalog(options.notebooksDir);
  catalog.names(); // a missing folder fails here, not on the first request
  const assets = loadStaticAssets();
  const cache = new PageCache(options.cacheBytes);
  const running = new Map<string, { page: Promise<string>; progress: PageProgress }>();
  const timeoutMs = (options.cellTimeoutSeconds ?? DEFAULT_PAGE_CELL_TIMEOUT_SECONDS) * 1000;
  const db = options.engine.db;
  let guildList: { version: string; guilds: Promise<GuildSummary[]> } | undefined;
  await markdownHtml(); // loads marked before the first viewer waits for it

  const pool = new KernelPool({
    size: options.kernels ?? 2,
    cwd: catalog.dir,
    env: { [NOTEBOOK_DATABASE_ENV]: options.kernelDatabase, [DASHBOARD_RUN_ENV]: '1' },
    warmUp: WARM_UP_CELL,
    onStartFailure: (error) => log(`guildaudit serve: a kernel failed to start: ${error.message}`),
  });

  async function currentVersion(): Promise<string> {
    const version = await dataVersion(db);
    cache.noteDataVersion(version);
    return version;
  }

  function guilds(version: string): Promise<GuildSummary[]> {
    if (guildList?.version !== version) {
      const list = { version, guilds: guildSummaries(db) };
      // a failed read is not kept: the next request tries again
      list.guilds.catch(() => guildList === list && (guildList = undefined));
      guildList = list;
    }
    return guildList.guilds;
  }

  /** The notebook named in the URL and the checked parameters, or a refusal. */
  async function pageRequest(name: string, search: string): Promise<{ entry: NotebookEntry; params: Record<string, string> }> {
    const entry = catalog.get(name);
    if (!entry) throw new PageRequestError(`there is no notebook called '${name}'`, 404);
    const params = readPageParameters(new URLSearchParams(search), offeredParameters(entry));
    await checkGuildExists(db, params.guild);
    return { entry, params };
  }

  async function shell(name: string, search: string): Promise<Reply> {
    const { entry, params } = await pageRequest(name, search);
    const offered = offeredParameters(entry);
    const list = await guilds(await currentVersion());
    const values = { ...params };
    // the form shows the guild the notebook would pick by itself: the one with the most messages
    if (offered.includes('guild') && !values.guild && list.length > 0) {
      values.guild = [...list].sort((a, b) => b.messages - a.messages || (a.id < b.id ? -1 : 1))[0].id;
    }
    const nonce = newNonce();
    return html(200, shellPage(entry, { offered, values, guilds: list }, nonce), pageCsp(nonce));
  }

  async function render(name: string, search: string): Promise<Reply> {
    const { entry, params } = await pageRequest(name, search);
    const version = await currentVersion();
    const key = pageCacheKey({ name: entry.name, hash: entry.hash, params, dataVersion: version });
    const cached = cache.get(key);
    if (cached) return withHeaders(html(200, cached.html), { 'X-Guildaudit-Cache': 'hit' });
    let run = running.get(key);
    if (!run) {
      const started: { page: Promise<string>; progress: PageProgress } = { page: Promise.resolve(''), progress: { state: 'waiting' } };
      started.page = computePage(pool, entry, params, { timeoutMs, onProgress: (p) => (started.progress = p) })
        .then((page) => {
          cache.set(key, { html: page, dataVersion: version });
          return page;
        })
        .finally(() => running.delete(key));
      running.set(key, started);
      run = started;
    }
    try {
      return withHeaders(html(200, await run.page), { 'X-Guildaudit-Cache': 'miss' });
    } catch (error) {
      logFailure(entry, params, error);
      return html(500, failureFragment(viewerReason(error)));
    }
  }

  /** The whole story of a failed run, for the server's stderr only. */
  function logFailure(entry: NotebookEntry, params: Record<string, string>, error: unknown): void {
    const what = `${entry.name}?${new URLSearchParams(params)}`;
    if (error instanceof NotebookRunError) {
      log(`guildaudit serve: ${what}: ${error.message}${error.traceback.length ? `\n  ${error.traceback.join('\n  ')}` : ''}`);
    } else log(`guildaudit serve: ${what}: ${(error as Error)?.stack ?? error}`);
  }

  async function status(name: string, search: string): Promise<Reply> {
    const { entry, params } = await pageRequest(name, search);
    const key = pageCacheKey({ name: entry.name, hash: entry.hash, params, dataVersion: await currentVersion() });
    const run = running.get(key);
    if (run) return json(200, run.progress);
    return json(200, { state: cache.get(key) ? 'cached' : 'idle' });
  }

  async function pdf(name: string, search: string): Promise<Reply> {
    const { entry, params } = await pageRequest(name, search);
    const version = await currentVersion();
    try {
      const printed = await printPagePdf(pool, db, entry, params, { timeoutMs, dataVersion: version });
      return {
        status: 200,
        type: 'application/pdf',
        body: printed.pdf,
        headers: { 'Content-Disposition': `attachment; filename="${printed.fileName}"` },
      };
    } catch (error) {
      logFailure(entry, params, error);
      return html(500, messagePage('This page could not be computed', viewerReason(error)), pageCsp(newNonce()));
    }
  }

  /** Every notebook that can be read; a broken one is logged and left off the index. */
  function readableEntries(): NotebookEntry[] {
    const entries: NotebookEntry[] = [];
    for (const name of catalog.names()) {
      try {
        entries.push(catalog.get(name)!);
      } catch (error) {
        log(`guildaudit serve: ${name}.ipynb is left off the index: ${(error as Error).message}`);
      }
    }
    return entries;
  }

  function asset(file: StaticAsset): Reply {
    return { status: 200, type: file.contentType, body: file.body, headers: { 'Cache-Control': 'public, max-age=3600' } };
  }

  async function route(method: string, url: string): Promise<Reply> {
    if (method !== 'GET' && method !== 'HEAD') return withHeaders(refusal(405, 'Only GET requests are served.'), { Allow: 'GET, HEAD' });
    const at = url.indexOf('?');
    const pathname = at < 0 ? url : url.slice(0, at);
    const search = at < 0 ? '' : url.slice(at + 1);
    let m: RegExpExecArray | null;
    if (pathname === '/') return html(200, await indexPage(readableEntries()), pageCsp(newNonce()));
    if ((m = /^\/assets\/([\w.-]+)$/.exec(pathname)) && assets.has(m[1])) return asset(assets.get(m[1])!);
    if ((m = /^\/n\/([^/]+)$/.exec(pathname))) return shell(m[1], search);
    if ((m = /^\/n\/([^/]+)\/render$/.exec(pathname))) return render(m[1], search);
    if ((m = /^\/n\/([^/]+)\/status$/.exec(pathname))) return status(m[1], search);
    if ((m = /^\/pdf\/([^/]+)$/.exec(pathname))) return pdf(m[1], search);
    return refusal(404, 'There is nothing at this address.');
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let reply: Reply;
    const kind = /^\/n\/[^/?]+\/(render|status)(?:\?|$)/.exec(req.url ?? '')?.[1];
    try {
      reply = await route(req.method ?? 'GET', req.url ?? '/');
    } catch (error) {
      if (error instanceof PageRequestError) {
        if (kind === 'status') reply = json(error.status, { error: error.message });
        else if (kind === 'render') reply = html(error.status, `<p class="message">${escapeHtml(error.message)}</p>`);
        else reply = refusal(error.status, error.message);
      } else {
        log(`guildaudit serve: ${req.method} ${req.url}: ${(error as Error)?.stack ?? error}`);
        reply = html(500, failureFragment(error instanceof KernelError ? 'no notebook kernel could be started' : 'an internal error occurred (see the server log)'));
      }
    }
    try {
      res.writeHead(reply.status, {
        ...baseHeaders(NO_CONTENT_CSP),
        'Cache-Control': 'no-store',
        'Content-Type': reply.type,
        'Content-Length': String(Buffer.byteLength(reply.body)),
        ...reply.headers,
      });
      res.end(req.method === 'HEAD' ? undefined : reply.body);
    } catch (error) {
      // the viewer left (or the server is closing): nobody to answer
      log(`guildaudit serve: ${req.method} ${req.url}: could not answer: ${(error as Error).message}`);
    }
  }

  const server = http.createServer((req, res) => void handle(req, res));
  await listen(server, host, options.port ?? 8080);
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.all([stopped, pool.close()]);
    })());
  try {
    await pool.fill();
  } catch (error) {
    await close();
    throw error;
  }
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shownHost}:${port}`, port, close };
}

