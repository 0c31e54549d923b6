import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cohortMatrixChart } from '../../lib/charts/cohort-matrix-chart';
import { heatmapChart, heatmapFigure } from '../../lib/charts/heatmap-chart';
import type { HeatmapRow } from '../../lib/queries/activity/heatmap';
import type { RetentionRow } from '../../lib/queries/growth/retention';

test('heatmapChart: weekday rows Mon..Sun top down, hours 00..23, missing cells blank', () => {
  const rows: HeatmapRow[] = [
    { weekday: 1, weekdayName: 'Tue', hour: 9, messages: 4 },
    { weekday: 0, weekdayName: 'Mon', hour: 10, messages: 2 },
    { weekday: 0, weekdayName: 'Mon', hour: 9, messages: 1 },
  ];
  const f = heatmapChart(rows, { title: 'When' });
  assert.equal(f.data.length, 1);
  const [t] = f.data;
  assert.equal(t.type, 'heatmap');
  assert.deepEqual(t.x, ['09', '10']);
  assert.deepEqual(t.y, ['Mon', 'Tue']);
  assert.deepEqual(t.z, [[1, 2], [4, null]]);
  assert.equal(f.layout.yaxis?.autorange, 'reversed');
  assert.equal(f.layout.xaxis?.type, 'category');
});

test('heatmapChart: the full 168 cells of the heatmap query', () => {
  const rows: HeatmapRow[] = [];
  const names = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) rows.push({ weekday: d, weekdayName: names[d], hour: h, messages: d * 100 + h });
  const [t] = heatmapChart(rows).data;
  assert.deepEqual(t.y, ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
  assert.equal(t.x?.length, 24);
  assert.equal(t.x?.[0], '00');
  assert.equal(t.x?.[23], '23');
  assert.equal(t.z?.[0][0], 0);
  assert.equal(t.z?.[2][5], 205); // Wednesday 05h
  assert.equal(t.z?.[6][23], 623); // Sunday 23h
});

test('heatmapChart: other columns, and a missing column is named', () => {
  const [t] = heatmapChart([{ day: 'b', slot: 2, n: 7 }, { day: 'a', slot: 1, n: 3 }], { x: 'slot', y: 'day', z: 'n' }).data;
  assert.deepEqual([t.x, t.y, t.z], [['1', '2'], ['b', 'a'], [[null, 7], [3, null]]]);
  assert.throws(() => heatmapChart([{ weekday: 0, hour: 1 }]), /no "messages" column/);
});

test('heatmapFigure: a matrix of the wrong shape is refused', () => {
  assert.throws(() => heatmapFigure({ x: ['a', 'b'], y: ['r'], z: [[1]] }), /1 rows of 2 values/);
});

test('cohortMatrixChart: cohorts oldest on top with their size, shares per period, unobserved cells blank', () => {
  const rows: RetentionRow[] = [
    { cohort: '2024-02', size: 2, period: 2, active: null, share: null },
    { cohort: '2024-01', size: 4, period: 0, active: 4, share: 1 },
    { cohort: '2024-01', size: 4, period: 1, active: 2, share: 0.5 },
    { cohort: '2024-01', size: 4, period: 2, active: 1, share: 0.25 },
    { cohort: '2024-02', size: 2, period: 0, active: 2, share: 1 },
    { cohort: '2024-02', size: 2, period: 1, active: 0, share: 0 },
  ];
  const [t] = cohortMatrixChart(rows, { title: 'Retention' }).data;
  assert.deepEqual(t.y, ['2024-01 (4)', '2024-02 (2)']);
  assert.deepEqual(t.x, ['0', '1', '2']);
  assert.deepEqual(t.z, [[1, 0.5, 0.25], [1, 0, null]]);
  assert.deepEqual(t.text, [['4 of 4 members', '2 of 4 members', '1 of 4 members'], ['2 of 2 members', '0 of 2 members', 'not observed yet']]);
  assert.deepEqual([t.zmin, t.zmax], [0, 1]);

  const [counts] = cohortMatrixChart(rows, { value: 'active' }).data;
  assert.deepEqual(counts.z, [[4, 2, 1], [2, 0, null]]);
  assert.equal(counts.zmax, undefined);
});
