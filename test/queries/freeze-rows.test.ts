import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freezeRows } from '../../lib/queries/freeze-rows';
import { worthStoring } from '../../lib/queries/run-query';

test('rows that equal their JSON round trip are frozen where they are, all the way down', () => {
  const shared = ['x', 'y'];
  const deep = { deep: [] };
  const list = [1, [2, deep]];
  const proto = Object.assign(Object.create(null) as object, { a: 1 });
  const rows: object[] = [
    { id: '1205372341906640896', big: 1e21, small: 5e-7, ok: true, none: null, shared, again: shared },
    { 2: 'two', 1: 'one', b: 'quote " and \\ and \n', list, nested: deep },
    { proto, empty: {} },
  ];
  const json = JSON.stringify(rows);
  const frozen = freezeRows(rows);
  assert.ok(frozen);
  assert.equal(frozen.rows, rows, 'the same array, not a copy');
  assert.equal(JSON.stringify(frozen.rows), json);
  for (const value of [rows, rows[0], rows[2], shared, list, list[1], deep, deep.deep, proto]) {
    assert.ok(Object.isFrozen(value));
  }
  assert.throws(() => shared.push('z'), TypeError, 'test files are strict-mode modules, where writes to frozen objects throw');
});

test('rows JSON would change are left alone, nothing frozen, for the JSON round trip to take', () => {
  class Point { constructor(readonly x: number) {} }
  const changed = [
    new Date(0), new Float64Array(2), new Point(1), { toJSON: () => 'x' }, 10n, new Map(), new (class Rows extends Array {})(),
    undefined, () => 1, Symbol('s'), NaN, Infinity, -0, [1, undefined], [1, , 3], // eslint-disable-line no-sparse-arrays
  ];
  for (const value of changed) {
    const row = { ok: [1], value };
    assert.equal(freezeRows([row]), undefined, String(value));
    assert.ok(!Object.isFrozen(row) && !Object.isFrozen(row.ok), `nothing frozen for ${String(value)}`);
  }
});

test('the size estimate is the JSON length for plain ASCII rows of strings and 8-digit numbers, give or take the commas', () => {
  const rows = [{ id: 'abc', n: 12345678, flag: false, none: null }, { list: ['x', 87654321] }];
  // A comma is counted after every item: one more than JSON has per object and array (4 here).
  assert.equal(freezeRows(rows)!.chars, JSON.stringify(rows).length + 4);
});

test('the database cache keeps small results, and large ones only when computing them costs more than reading them back', () => {
  const mib = 1024 * 1024;
  assert.equal(worthStoring({ chars: 1000, computeMs: 0 }), true);
  assert.equal(worthStoring({ chars: mib, computeMs: 0 }), true);
  assert.equal(worthStoring({ chars: 56 * mib, computeMs: 800 }), false, '56 MiB take ~2 s to read back');
  assert.equal(worthStoring({ chars: 56 * mib, computeMs: 2000 }), false);
  assert.equal(worthStoring({ chars: 56 * mib, computeMs: 3000 }), true);
  assert.equal(worthStoring({ chars: 5 * mib, computeMs: 700 }), true);
});
