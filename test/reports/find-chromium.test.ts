import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { findChromium, isHeadlessShell } from '../../lib/reports/find-chromium';

const dir = mkdtempSync(path.join(tmpdir(), 'find-chromium-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, mode: number) => {
  const p = path.join(dir, name);
  writeFileSync(p, '#!/bin/sh\n');
  chmodSync(p, mode);
  return p;
};

test('findChromium: GUILDAUDIT_CHROMIUM first, and only when it is an executable file', () => {
  const mine = file('my-chrome', 0o755);
  const notExecutable = file('not-executable', 0o644);
  assert.equal(findChromium({ env: { GUILDAUDIT_CHROMIUM: mine, PATH: '' }, knownPaths: [notExecutable] }), mine);
  assert.throws(() => findChromium({ env: { GUILDAUDIT_CHROMIUM: notExecutable } }), {
    name: 'ReportError',
    message: `GUILDAUDIT_CHROMIUM=${notExecutable} is not an executable file: point it at a Chrome or Chromium binary`,
  });
  assert.throws(() => findChromium({ env: { GUILDAUDIT_CHROMIUM: dir } }), /is not an executable file/);
});

test('findChromium: else the known path, else chromium on PATH, else what to install', () => {
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const onPath = file('bin/chromium', 0o755);
  const known = file('known-chromium', 0o755);
  assert.equal(findChromium({ env: { PATH: bin }, knownPaths: [known] }), known);
  assert.equal(findChromium({ env: { PATH: `/nonexistent${path.delimiter}${bin}` }, knownPaths: ['/nonexistent/chromium'] }), onPath);
  assert.throws(() => findChromium({ env: { PATH: '/nonexistent' }, knownPaths: [] }), {
    name: 'ReportError',
    message: 'no Chromium to print with: install it (Debian: apt-get install chromium-headless-shell) or set GUILDAUDIT_CHROMIUM to a Chrome or Chromium binary',
  });
});

test('findChromium: this machine has Debian\'s headless shell (scripts/setup installs it), driven as one', () => {
  const found = findChromium({ env: { PATH: '' } });
  assert.equal(found, '/usr/lib/chromium/chromium-headless-shell');
  assert.ok(isHeadlessShell(found));
  assert.ok(!isHeadlessShell('/usr/lib/chromium/chromium'));
});
