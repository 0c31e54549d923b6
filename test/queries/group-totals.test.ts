import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GuildColumns } from '../../lib/queries/columns';
import { distinctByMatrix, distinctBySort, groupTotals } from '../../lib/queries/activity/group-totals';

/** Eight messages ten ms apart by four users: just the columns groupTotals reads. */
const AUTHORS = [0, 1, 0, 2, 1, 3, 0, 0];
const columns = {
  messages: { author: Int32Array.from(AUTHORS), sentAt: Float64Array.from(AUTHORS, (_, k) => k * 10) },
  users: { ids: ['10', '11', '12', '13'] },
} as unknown as GuildColumns;
const all = Int32Array.from(AUTHORS.keys());

test('groupTotals: groups in time order, counted in one pass', () => {
  const totals = groupTotals(columns, all, Int32Array.from([0, 0, 1, 1, 2, 2, 2, 2]), 3);
  assert.deepEqual([...totals.messages], [2, 2, 4]);
  assert.deepEqual([...totals.communicators], [2, 2, 3]); // {0,1}, {0,2}, {1,3,0}
  assert.deepEqual([...totals.first], [0, 20, 40]);
  assert.deepEqual([...totals.last], [10, 30, 70]);
});

test('groupTotals: groups out of order (channels), and a group without messages', () => {
  const group = Int32Array.from([2, 0, 2, 1, 0, 1, 0, 2]);
  const totals = groupTotals(columns, all, group, 4);
  assert.deepEqual([...totals.messages], [3, 2, 3, 0]);
  assert.deepEqual([...totals.communicators], [2, 2, 1, 0]); // {1,0}, {2,3}, {0}, {}
  assert.deepEqual([...totals.first], [10, 30, 0, NaN]);
  assert.deepEqual([...totals.last], [60, 50, 70, NaN]);
});

test('distinct authors by matrix and by sort agree, on a subset of the messages', () => {
  const subset = Int32Array.from([1, 3, 4, 6, 7]); // authors 1, 2, 1, 0, 0
  const group = Int32Array.from([1, 0, 1, 1, 0]);
  const expected = [2, 2]; // group 0: authors {2,0}; group 1: {1,0}
  assert.deepEqual([...distinctByMatrix(columns, subset, group, 2)], expected);
  assert.deepEqual([...distinctBySort(columns, subset, group, 2)], expected);
});
