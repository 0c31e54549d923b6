import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tempDir } from '../support/engines';
import { createNotebookFixtureDatabase } from '../support/notebook-fixture-database';

const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'dist', 'lib', 'cli', 'main.js');

const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [{ cell_type: 'markdown', id: 'title', metadata: {}, source: '# Hello dashboard\n\n**Question: does the index list me?** Yes.' }],
};

/** Processes whose working folder is `dir` (Linux /proc): the kernels the server started there. */
function processesIn(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readlinkSync(`/proc/${entry}/cwd`) === dir) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

describe('guildaudit serve as a process', () => {
  let db: { file: string; dispose(): void };
  let notebooks: string;

  before(async () => {
    db = await createNotebookFixtureDatabase();
    notebooks = fs.realpathSync(tempDir('guildaudit-serve-cli-'));
    fs.writeFileSync(path.join(notebooks, 'hello.ipynb'), JSON.stringify(NOTEBOOK));
    fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(notebooks, 'node_modules'));
  });
  after(() => db.dispose());

  test('prints its URL when the kernels are warm, serves the index, and on SIGTERM shuts the kernels down and exits 0', async () => {
    const child = spawn(process.execPath, [MAIN, 'serve', '--port', '0', '--kernels', '1', '--notebooks', notebooks, '--db', db.file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /guildaudit dashboards on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
        if (m) resolve(m[1]);
      });
      void exited.then((code) => reject(new Error(`serve exited (${code}) before printing its URL:\n${out}\n${err}`)));
    });
    try {
      const index = await fetch(`${url}/`);
      assert.equal(index.status, 200);
      const body = await index.text();
      assert.match(body, /<a href="\/n\/hello">Hello dashboard<\/a><p><strong>Question: does the index list me\?<\/strong> Yes\.<\/p>/);
      assert.equal(processesIn(notebooks).length, 1, 'one warm kernel runs in the notebooks folder');
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, err);
    assert.match(err, /SIGTERM: shutting the kernels down/);
    assert.deepEqual(processesIn(notebooks), []);
  });
});
