import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignOptions } from '../../lib/cli/align-options';

/** A help text around these option lines, with text before and after that must not move. */
const page = (options: string[]) => ['Usage: x [--db <target>]', '', 'Options:', ...options, '', 'Exit status:  0 when done', ''].join('\n');

test('alignOptions: one column two spaces after the longest option; continuations move with their option', () => {
  const help = page([
    '  --pdf <file>          The PDF',
    '                        (or a folder)',
    '  --timeout <seconds>  Time limit',
    '  --db <target>      SQLite file',
    '                     (default: here)',
    '  -h, --help            Help',
  ]);
  assert.equal(alignOptions(help), page([
    '  --pdf <file>         The PDF',
    '                       (or a folder)',
    '  --timeout <seconds>  Time limit',
    '  --db <target>        SQLite file',
    '                       (default: here)',
    '  -h, --help           Help',
  ]));
});

test('alignOptions: a help without an Options block, or already aligned, is unchanged', () => {
  assert.equal(alignOptions('Usage: x\n\nNothing to choose.\n'), 'Usage: x\n\nNothing to choose.\n');
  const aligned = page(['  --a    A', '  --bcd  B']);
  assert.equal(alignOptions(aligned), aligned);
});
