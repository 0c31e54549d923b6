import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportPeriod } from '../../lib/reports/report-period';

test('reportPeriod: the run\'s from and exclusive to as a reader reads them, else the guild\'s span', () => {
  assert.equal(reportPeriod({ from: '2024-01-01', to: '2024-07-01' }), '2024-01-01 to 2024-06-30');
  assert.equal(reportPeriod({ to: '2024-03-01' }), 'the start to 2024-02-29');
  assert.equal(reportPeriod({}, { first: Date.UTC(2020, 10, 3, 19), last: Date.UTC(2024, 2, 15, 21) }), '2020-11-03 to 2024-03-15');
  assert.equal(reportPeriod({ from: '2023-05-01' }, { first: Date.UTC(2020, 0, 1), last: null }), '2023-05-01 to the end');
  assert.equal(reportPeriod({}), undefined);
});
