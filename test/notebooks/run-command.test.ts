import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { CodeCell, Notebook } from '../../lib/notebooks/nbformat';
import { runCli } from '../support/cli';
import { describeEachEngine, tempDir } from '../support/engines';
import { dceFixture } from '../support/fixtures';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/notebooks');

function readJson(file: string): Notebook {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

test('run --help, and mistakes found before any kernel starts', async () => {
  const help = await runCli(['run', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: guildaudit run <notebook\.ipynb>/);
  assert.match(help.out, /--db/);
  assert.match((await runCli(['--help'])).out, /^ {2}run /m);

  const none = await runCli(['run']);
  assert.equal(none.code, 2);
  const unknown = await runCli(['run', path.join(FIXTURES, 'report.ipynb'), '--param', 'guilds=1']);
  assert.deepEqual([unknown.code, unknown.err.trim()], [2,
    `guildaudit: ${path.join(FIXTURES, 'report.ipynb')}: unknown parameter 'guilds'; the notebook's parameters are: guild, minMessages, verbose, channels`]);
  const badNumber = await runCli(['run', path.join(FIXTURES, 'report.ipynb'), '--param', 'minMessages=many']);
  assert.deepEqual([badNumber.code, badNumber.err.trim()], [2,
    `guildaudit: ${path.join(FIXTURES, 'report.ipynb')}: parameter 'minMessages' is a number: cannot use 'many'`]);
  assert.equal((await runCli(['run', path.join(FIXTURES, 'report.ipynb'), '--timeout', '0'])).code, 2);
  const tooLong = await runCli(['run', path.join(FIXTURES, 'report.ipynb'), '--timeout', '86401']);
  assert.deepEqual([tooLong.code, tooLong.err.trim()], [2, "guildaudit: --timeout takes a number of seconds above 0 and at most 86400 (got '86401')"]);

  const missing = path.join(tempDir(), 'nothere.ipynb');
  const notFound = await runCli(['run', missing]);
  assert.deepEqual([notFound.code, notFound.err.trim()], [1, `guildaudit: ${missing}: no such file`]);
});

test('a failing cell exits 1 naming the notebook and the cell; the executed notebook is written', async () => {
  const dir = tempDir();
  const out = path.join(dir, 'fails.out.ipynb');
  const input = path.join(FIXTURES, 'fails.ipynb');
  const run = await runCli(['run', input, '--out', out, '--db', path.join(dir, 'audit.sqlite')]);
  assert.equal(run.code, 1);
  assert.equal(run.err.split('\n')[0], `guildaudit: ${input}: cell 3 (const n: number = 1;) failed: TypeError: bad input: 1`);
  assert.match(run.err, new RegExp(`the executed notebook, up to that cell, is in ${out}\n$`));
  const cells = readJson(out).cells as CodeCell[];
  assert.deepEqual(cells[0].outputs, [{ output_type: 'stream', name: 'stdout', text: 'before\n' }]);
});

describeEachEngine('guildaudit run gives the kernel the database', (ctx) => {
  test('the notebook opens the --db database (a relative file made absolute) and the data version is recorded', async () => {
    const { target, engine } = await ctx.fresh();
    const ingest = await runCli(['ingest', dceFixture('thread.json'), '--db', target]);
    assert.equal(ingest.code, 0, ingest.err);
    const given = ctx.kind === 'sqlite' ? path.relative(process.cwd(), target) : target;

    const dir = tempDir();
    const input = path.join(dir, 'database.ipynb');
    // the fixture reaches the built library relative to its own folder
    const source = fs.readFileSync(path.join(FIXTURES, 'database.ipynb'), 'utf8')
      .replace("'../../../dist/lib/index.js'", JSON.stringify(path.resolve(__dirname, '../../lib/index.js')).replace(/"/g, "'"));
    fs.writeFileSync(input, source);
    const run = await runCli(['run', input, '--db', given]);
    assert.equal(run.code, 0, run.err);
    const out = path.join(dir, 'database.out.ipynb');
    assert.match(run.out, new RegExp(`^ran 1 cell of ${input} in \\d+\\.\\d s → ${out}\n$`));

    const written = readJson(out);
    const printed = ctx.kind === 'sqlite' ? path.resolve(target) : engine.location;
    assert.deepEqual((written.cells[0] as CodeCell).outputs, [{ output_type: 'stream', name: 'stdout', text: `${printed}\nimport-1\n` }]);
    assert.equal((written.metadata.guildaudit as { dataVersion: string }).dataVersion, 'import-1');
    if (ctx.kind === 'postgres') assert.doesNotMatch(fs.readFileSync(out, 'utf8'), /postgres:\/\/[^"]*:[^*"]+@/, 'no password in the notebook');
  });
});
