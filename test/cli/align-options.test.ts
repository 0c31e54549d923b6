import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignOptions } from '../../lib/cli/align-options';

test('alignOptions: one column two spaces after the longest option; continuations move with their option', () => {
  const help = [
    'Usage: x [--db <target>]',
    '',
    'Options:',
    '  --pdf <file>          The PDF',
    '                        (or a folder)',
    '  --timeout <seconds>  Time limit',
    '  --db <target>      SQLite file',
    '                     (default: here)',
    '  -h, --help            Help',
    '',
    'Exit status:  0 when done',
    '',
  ].join('\n');
  assert.equal(alignOptions(help), [
    'Usage: x [--db <target>]',
    '',
    'Options:',
    '  --pdf <file>         The PDF',
    '                       (or a folder)',
    '  --timeout <seconds>  Time limit',
    '  --db <target>        SQLite file',
    '                       (default: here)',
    '  -h, --help           Help',
    '',
    'Exit status:  0 when done',
    '',
  ].join('\n'));
});

test('alignOptions: a help without an Options block, or already aligned, is unchanged', () => {
  assert.equal(alignOptions('Usage: x\n\nNothing to choose.\n'), 'Usage: x\n\nNothing to choose.\n');
  const aligned = 'Options:\n  --a    A\n  --bcd  B\n';
  assert.equal(alignOptions(aligned), aligned);
});
