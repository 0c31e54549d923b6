import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { describeEachEngine, tempDir } from '../support/engines';
import { runCli } from '../support/cli';
import { dceFixture, readFixture } from '../support/fixtures';

const BIN = path.resolve(__dirname, '../../../bin/guildaudit');
const IMPORTED = ['full.json', 'old-version.json', 'thread.json', 'forum-post.json'];

test('every command has --help, and the main help lists them', async () => {
  const main = await runCli(['--help']);
  assert.equal(main.code, 0);
  for (const name of ['ingest', 'guilds']) {
    assert.match(main.out, new RegExp(`^  ${name} `, 'm'));
    const help = await runCli([name, '--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, new RegExp(`^Usage: guildaudit ${name}`));
    assert.match(help.out, /--db/);
  }
});

test('every help fits in 80 columns', async () => {
  const names = [...(await runCli(['--help'])).out.matchAll(/^ {2}([a-z]+) {2}/gm)].map((m) => m[1]);
  for (const args of [['--help'], ...names.map((name) => [name, '--help'])]) {
    const wide = (await runCli(args)).out.split('\n').filter((line) => [...line].length > 80);
    assert.deepEqual(wide, [], `guildaudit ${args.join(' ')}`);
  }
});

test('every command\'s options have their descriptions in one column', async () => {
  const names = [...(await runCli(['--help'])).out.matchAll(/^ {2}([a-z]+) {2}/gm)].map((m) => m[1]);
  assert.ok(names.length >= 8, names.join(' '));
  for (const name of names) {
    const options = /\nOptions:\n([\s\S]*?)\n\n/.exec((await runCli([name, '--help'])).out)?.[1] ?? '';
    const columns = new Set(options.split('\n').map((line) => /^( {2}-\S*(?: \S+)* {2,}| +)\S/.exec(line)?.[1].length));
    assert.equal(columns.size, 1, `${name}: descriptions start at columns ${[...columns].join(', ')}`);
  }
});

test('usage mistakes exit 2 with one clear line', async () => {
  const none = await runCli([]);
  assert.equal(none.code, 2);
  const unknown = await runCli(['frobnicate']);
  assert.deepEqual([unknown.code, unknown.err.trim()], [2, "guildaudit: unknown command 'frobnicate'. Run 'guildaudit --help' for the list."]);
  const badOption = await runCli(['guilds', '--nope']);
  assert.equal(badOption.code, 2);
  assert.match(badOption.err, /--nope/);
  const noFiles = await runCli(['ingest']);
  assert.equal(noFiles.code, 2);
});

test('a missing input is named and nothing is opened', async () => {
  const dir = tempDir();
  const db = path.join(dir, 'a.sqlite');
  const run = await runCli(['ingest', path.join(dir, 'nothere.json'), '--db', db]);
  assert.equal(run.code, 1);
  assert.match(run.err, /nothere\.json: no such file or folder/);
});

test('a database that cannot be reached is named without its password', async () => {
  const run = await runCli(['guilds', '--db', 'postgres://audit:s3cret@127.0.0.1:1/audit']);
  assert.equal(run.code, 1);
  assert.match(run.err, /cannot open the database postgres:\/\/audit:\*\*\*@127\.0\.0\.1:1\/audit/);
  assert.doesNotMatch(run.err, /s3cret/);
});

describeEachEngine('guildaudit ingest and guilds', (ctx) => {
  test('guilds --json lists the imported guild with counts from the files', async () => {
    const { target } = await ctx.fresh();
    const ingest = await runCli(['ingest', ...IMPORTED.map(dceFixture), '--db', target]);
    assert.equal(ingest.code, 0, ingest.err);
    assert.match(ingest.out, /imported 4 of 4 files: 32 messages/);

    const listed = await runCli(['guilds', '--json', '--db', target]);
    assert.equal(listed.code, 0, listed.err);
    const times = IMPORTED.flatMap((f) => readFixture(f).messages.map((m: any) => Date.parse(m.timestamp)));
    const guild = readFixture('full.json').guild;
    assert.deepEqual(JSON.parse(listed.out), [{
      id: guild.id,
      name: guild.name,
      // #workshop, #lobby, the thread, the forum post and its forum; the category is not a channel
      channels: 5,
      messages: 18 + 6 + 5 + 3,
      first: new Date(Math.min(...times)).toISOString(),
      last: new Date(Math.max(...times)).toISOString(),
    }]);

    const table = await runCli(['guilds', '--db', target]);
    assert.match(table.out, new RegExp(`^${guild.id}\\s+${guild.name}\\s+5\\s+32\\s`, 'm'));
  });

  test('ingest exits 1 when a file fails, after importing the rest; DATABASE_URL is the default', async () => {
    const { target } = await ctx.fresh();
    const run = await runCli(['ingest', dceFixture('truncated.json'), dceFixture('thread.json')], { DATABASE_URL: target });
    assert.equal(run.code, 1);
    assert.match(run.err, /failed: .*truncated\.json:\d+:\d+ \(byte \d+\)/);
    assert.match(run.out, /imported 1 of 2 files, 1 failed: 5 messages/);
    const again = await runCli(['ingest', dceFixture('thread.json'), '--json'], { DATABASE_URL: target });
    assert.equal(again.code, 0);
    assert.deepEqual(JSON.parse(again.out).outcomes.map((o: any) => o.status), ['unchanged']);
  });
});

test('the installed command runs as a process, with no progress bar when not on a terminal', async () => {
  const db = path.join(tempDir(), 'bin.sqlite');
  const { stdout, stderr } = await promisify(execFile)(BIN, ['ingest', dceFixture('thread.json'), '--db', db]);
  assert.match(stdout, /^imported 1 of 1 files: 5 messages/);
  assert.equal(stderr, '');
});
