import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIsoTimestamp } from '../../lib/archives/timestamp';

// Expected values are built with Date.UTC from the written-out wall time and offset.
test('parses offsets and fractions of any length', () => {
  const base = Date.UTC(2021, 6, 6, 14, 43, 39);
  assert.equal(parseIsoTimestamp('2021-07-06T14:43:39+00:00'), base);
  assert.equal(parseIsoTimestamp('2021-07-06T14:43:39Z'), base);
  assert.equal(parseIsoTimestamp('2021-07-06T14:43:39.5+00:00'), base + 500);
  assert.equal(parseIsoTimestamp('2021-07-06T14:43:39.58+00:00'), base + 580);
  assert.equal(parseIsoTimestamp('2021-07-06T14:43:39.581+00:00'), base + 581);
  assert.equal(parseIsoTimestamp('2021-07-06T14:43:39.8955725+00:00'), base + 895);
  assert.equal(parseIsoTimestamp('2021-07-06T14:43:39.58+02:00'), base + 580 - 2 * 3600_000);
  assert.equal(parseIsoTimestamp('2021-07-06T14:43:39-05:00'), base + 5 * 3600_000);
  assert.equal(parseIsoTimestamp('2021-07-06T14:43:39+05:30'), base - 5.5 * 3600_000);
  assert.equal(parseIsoTimestamp('2021-07-06T14:43:39+0530'), base - 5.5 * 3600_000);
  assert.equal(parseIsoTimestamp('2021-07-06T14:43:39'), base, 'no zone is UTC');
});

test('crosses day and year boundaries through the offset', () => {
  assert.equal(parseIsoTimestamp('2020-01-01T01:00:00+02:00'), Date.UTC(2019, 11, 31, 23, 0, 0));
  assert.equal(parseIsoTimestamp('2020-02-29T23:30:00-01:00'), Date.UTC(2020, 2, 1, 0, 30, 0));
});

test('rejects what is not an ISO time', () => {
  for (const bad of ['', 'yesterday', '2021-13-01T00:00:00Z', '2021-02-30T00:00:00Z', '2021-07-06T25:00:00Z',
    '2021-07-06T14:43:39.+00:00', '2021-07-06T14:43:39+5', '2021-07-06T14:43:39+05:00junk', '05-Dec-19 12:31 AM']) {
    assert.equal(parseIsoTimestamp(bad), null, bad);
  }
});
