import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketByKey } from '../../lib/analysis/bucket-by-key';

test('bucketByKey: entries 0..n−1 grouped by key, ties in entry order, with each group\'s start', () => {
  // keys of entries 0..5: 2 0 2 1 0 2 -> key 0: 1 4; key 1: 3; key 2: 0 2 5; key 3: none
  const { start, order } = bucketByKey(Int32Array.of(2, 0, 2, 1, 0, 2, 9, 9), 4, 6);
  assert.deepEqual([...start], [0, 2, 3, 6, 6]);
  assert.deepEqual([...order], [1, 4, 3, 0, 2, 5]);
});

test('bucketByKey: listed entries keep the order they are listed in, within each key', () => {
  const keys = Int32Array.of(1, 0, 1, 0, 1);
  const { start, order } = bucketByKey(keys, 2, Int32Array.of(4, 3, 0, 1));
  assert.deepEqual([...start], [0, 2, 4]);
  assert.deepEqual([...order], [3, 1, 4, 0]);
  assert.deepEqual([...bucketByKey(keys, 2, 0).start], [0, 0, 0]);
});
