import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { startDashboardServer, type DashboardServer } from '../../lib/dashboards/dashboard-server';
import type { Engine } from '../../lib/database/engine';
import { openEngine } from '../../lib/database/open-engine';
import { ingest } from '../../lib/ingest/ingest';
import { launchChromium, type PrintBrowser } from '../../lib/reports/launch-chromium';
import { runCli } from '../support/cli';
import { tempDir } from '../support/engines';
import { dceFixture } from '../support/fixtures';
import { createNotebookFixtureDatabase, QUILLFEATHER, SISTER_GUILD } from '../support/notebook-fixture-database';

const ROOT = path.resolve(__dirname, '../../..');

/** A notebook whose second code cell throws from inside a function, so its error has a stack. */
const FAILING_NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
  cells: [
    { cell_type: 'markdown', id: 'title', metadata: {}, source: '# Fails on purpose\n\n**Question: does an error stay on the server?**' },
    { cell_type: 'code', id: 'params', metadata: { tags: ['parameters'] }, execution_count: null, outputs: [], source: "const guild: string = '';" },
    { cell_type: 'code', id: 'boom', metadata: {}, execution_count: null, outputs: [],
      source: "function loadSecretThing(): never {\n  throw new RangeError('deliberate failure');\n}\nloadSecretThing();" },
  ],
};

/** GET with the path sent exactly as written (fetch would normalise `..`). */
function rawGet(base: string, requestPath: string, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: requestPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * `guildaudit serve` end to end: the server on the fixture database (two guilds), real warm
 * tslab kernels, a real headless Chromium. Expected figures are the ones counted by hand for the
 * investigations (test/notebooks/investigations.test.ts).
 */
describe('guildaudit serve', () => {
  let db: { file: string; dispose(): void };
  let engine: Engine;
  let server: DashboardServer;
  let chromium: PrintBrowser | undefined;
  let browser: Browser;
  const logged: string[] = [];

  before(async () => {
    db = await createNotebookFixtureDatabase();
    engine = await openEngine(db.file);
    // a notebooks folder with the real guild-audit notebook and one that fails
    const notebooks = tempDir('guildaudit-serve-');
    fs.copyFileSync(path.join(ROOT, 'notebooks', 'guild-audit.ipynb'), path.join(notebooks, 'guild-audit.ipynb'));
    fs.writeFileSync(path.join(notebooks, 'fails.ipynb'), JSON.stringify(FAILING_NOTEBOOK));
    fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(notebooks, 'node_modules'));
    server = await startDashboardServer({ engine, kernelDatabase: db.file, notebooksDir: notebooks, port: 0, kernels: 2, log: (l) => logged.push(l) });
    chromium = await launchChromium();
    browser = chromium.browser;
  });

  after(async () => {
    await chromium?.close();
    await server?.close();
    await engine?.close();
    db?.dispose();
  });

  /** Waits for the page's outputs, then for every chart, and returns what the page shows. */
  async function shown(page: Page) {
    await page.waitForSelector('#status[data-state="done"], #status[data-state="failed"]', { timeout: 90_000 });
    const state = await page.$eval('#status', (el) => el.getAttribute('data-state'));
    assert.equal(state, 'done', await page.$eval('#outputs', (el) => el.textContent ?? ''));
    const charts = await page.evaluate(async () => {
      const w = globalThis as unknown as { guildauditCharts: Promise<unknown>[] };
      await Promise.all(w.guildauditCharts);
      return w.guildauditCharts.length;
    });
    return {
      charts,
      drawn: await page.$$eval('.guildaudit-chart', (els) => els.filter((el) => el.querySelector('.main-svg')).length),
      strong: await page.$$eval('#outputs strong', (els) => els.map((el) => el.textContent)),
      text: await page.$eval('#outputs', (el) => el.textContent ?? ''),
      guild: await page.$eval('select[name="guild"]', (el) => (el as unknown as { value: string }).value),
    };
  }

  test('a page in the browser: the headline numbers, drawn charts, another guild from the selector, no console errors', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => void errors.push(String(e)));
    page.on('requestfailed', (r) => void errors.push(`request failed: ${r.url()}`));

    await page.goto(`${server.url}/n/guild-audit`);
    const first = await shown(page);
    assert.equal(first.guild, QUILLFEATHER, 'with no guild given, the form shows the busiest one');
    assert.ok(first.strong.includes('Quillfeather Makers') && first.strong.includes('5 communicators'), first.strong.join(' | '));
    assert.equal(first.charts, 6); // activity, channels, heatmap, joins, retention, contributors
    assert.equal(first.drawn, 6);
    assert.ok(!first.text.includes('openNotebookEngine'), 'code is never shown');

    await Promise.all([page.waitForNavigation(), page.select('select[name="guild"]', SISTER_GUILD)]);
    const second = await shown(page);
    assert.equal(second.guild, SISTER_GUILD);
    assert.ok(second.strong.includes('Sister Guild') && second.strong.includes('3 communicators'), second.strong.join(' | '));
    assert.equal(second.drawn, second.charts);
    assert.ok(second.charts > 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the same page again comes from the cache; after an import it is run again, with progress shown meanwhile', async () => {
    const query = `guild=${QUILLFEATHER}`;
    const cached = await fetch(`${server.url}/n/guild-audit/render?${query}`);
    assert.equal(cached.headers.get('x-guildaudit-cache'), 'hit');
    assert.match(await cached.text(), /<strong>5 communicators<\/strong>/);

    // a newer export of a known thread: a real import, so the data version changes
    const newer = path.join(tempDir(), 'thread-again.json');
    fs.writeFileSync(newer, fs.readFileSync(dceFixture('thread.json'), 'utf8').replace(/"exportedAt": "(\d{4})/, (_, y) => `"exportedAt": "${Number(y) + 1}`));
    const result = await ingest(engine, [newer]);
    assert.equal(result.failed, 0);

    const rendering = fetch(`${server.url}/n/guild-audit/render?${query}`).then(async (r) => ({ cache: r.headers.get('x-guildaudit-cache'), body: await r.text() }));
    const seen = new Set<string>();
    let done = false;
    void rendering.then(() => (done = true));
    while (!done) {
      const s = (await (await fetch(`${server.url}/n/guild-audit/status?${query}`)).json()) as { state: string; cell?: number; of?: number };
      seen.add(s.state === 'running' ? `running of ${s.of}` : s.state);
      await new Promise((r) => setTimeout(r, 50));
    }
    const fresh = await rendering;
    assert.equal(fresh.cache, 'miss');
    assert.match(fresh.body, /<strong>5 communicators<\/strong>/);
    // parameters, injected parameters, imports, overview, activity, concentration, growth, responsiveness, contributors, close
    assert.ok(seen.has('running of 10'), [...seen].join(', '));
    const after = (await (await fetch(`${server.url}/n/guild-audit/status?${query}`)).json()) as { state: string };
    assert.equal(after.state, 'cached');
  });

  test('refused requests: unknown parameter or guild, bad date (400); anything outside the routes (404)', async () => {
    const unknownParam = await fetch(`${server.url}/n/guild-audit/render?guild=${QUILLFEATHER}&user=1`);
    assert.equal(unknownParam.status, 400);
    assert.match(await unknownParam.text(), /unknown parameter &#39;user&#39;/);
    const shellUnknown = await fetch(`${server.url}/n/guild-audit?code=1`);
    assert.equal(shellUnknown.status, 400);
    const unknownGuild = await fetch(`${server.url}/n/guild-audit/render?guild=999`);
    assert.equal(unknownGuild.status, 400);
    assert.match(await unknownGuild.text(), /unknown guild &#39;999&#39;/);
    const badDate = await fetch(`${server.url}/n/guild-audit/render?from=2024-02-30`);
    assert.equal(badDate.status, 400);

    for (const p of ['/../package.json', '/assets/../package.json', '/assets/..%2F..%2Fpackage.json', '/n/..%2Fpackage.json', '/n/../package',
      '/n/missing', '/notebooks/guild-audit.ipynb', '/guild-audit.ipynb', '/n/guild-audit/../../package.json', '/assets/kernel-pool.js']) {
      const r = await rawGet(server.url, p);
      assert.equal(r.status, 404, p);
      assert.ok(!r.body.includes('"name": "guildaudit"'), p);
    }
    assert.equal((await rawGet(server.url, '/n/guild-audit', 'POST')).status, 405);
    assert.equal((await fetch(`${server.url}/pdf/guild-audit?guild=${QUILLFEATHER}&user=1`)).status, 400);
  });

  test('Download PDF: the same page printed by the report renderer', async () => {
    const response = await fetch(`${server.url}/pdf/guild-audit?guild=${SISTER_GUILD}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.equal(response.headers.get('content-disposition'), `attachment; filename="guild-audit-${SISTER_GUILD}.pdf"`);
    const file = path.join(tempDir(), 'page.pdf');
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    assert.equal(fs.readFileSync(file).subarray(0, 5).toString(), '%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.match(text, /3 communicators/);
    assert.match(text, /Sister Guild/);
    assert.match(text, /Period +2024-02-01 to 2024-02-02/, 'with no dates asked, the cover gives the guild\'s span');
  });

  test('security headers: scripts only from the server or with the response nonce; nosniff', async () => {
    const a = await fetch(`${server.url}/n/guild-audit`);
    const b = await fetch(`${server.url}/n/guild-audit`);
    const csp = a.headers.get('content-security-policy') ?? '';
    const scripts = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    assert.match(scripts, /^'self' 'nonce-[A-Za-z0-9+/=]{24}'$/);
    assert.notEqual(scripts, /script-src ([^;]*)/.exec(b.headers.get('content-security-policy') ?? '')?.[1], 'a fresh nonce per response');
    assert.match(csp, /default-src 'none'/);
    assert.equal(a.headers.get('x-content-type-options'), 'nosniff');
    const asset = await fetch(`${server.url}/assets/plotly.min.js`);
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get('x-content-type-options'), 'nosniff');
    assert.match(asset.headers.get('content-type') ?? '', /^text\/javascript/);
  });

  test('a notebook that fails: HTTP 500 with a short reason, the traceback only in the server log', async () => {
    const r = await fetch(`${server.url}/n/fails/render`);
    assert.equal(r.status, 500);
    const body = await r.text();
    assert.match(body, /This page could not be computed/);
    assert.match(body, /RangeError: deliberate failure/);
    for (const secret of ['loadSecretThing', 'throw new', '    at ', 'node_modules', ROOT]) assert.ok(!body.includes(secret), secret);
    assert.ok(logged.some((l) => l.includes('deliberate failure') && l.includes('loadSecretThing')), logged.join('\n'));
  });

  test('serve: a port in use is one clear line and exit 1, before any kernel starts', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const run = await runCli(['serve', '--port', String(port), '--db', db.file]);
      assert.equal(run.code, 1);
      assert.equal(run.err, `guildaudit: port ${port} on 127.0.0.1 is already in use: stop what runs there or choose another with --port\n`);
    } finally {
      busy.close();
    }
    const zero = await runCli(['serve', '--kernels', '0', '--db', db.file]);
    assert.equal(zero.code, 2);
    assert.match(zero.err, /--kernels takes a whole number from 1 to 32 \(got '0'\)/);
    const forever = await runCli(['serve', '--timeout', 'forever', '--db', db.file]);
    assert.deepEqual([forever.code, forever.err], [2, "guildaudit: --timeout takes a number of seconds above 0 and at most 86400 (got 'forever')\n"]);
  });
});
