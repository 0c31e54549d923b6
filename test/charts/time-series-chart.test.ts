import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seriesFigure, timeSeriesChart } from '../../lib/charts/time-series-chart';
import { CHART_FONT_FAMILY } from '../../lib/charts/theme';
import type { ActivityRow } from '../../lib/queries/activity/activity';
import type { LifecycleRow } from '../../lib/queries/lifecycle/lifecycle';

const weeks: ActivityRow[] = [
  { bucket: '2024-01-01', messages: 3, communicators: 2 },
  { bucket: '2024-01-08', messages: 0, communicators: 0 },
  { bucket: '2024-01-15', messages: 5, communicators: 1 },
];

test('timeSeriesChart: one line per y column against a date axis, legend names humanized', () => {
  const f = timeSeriesChart(weeks, { x: 'bucket', y: ['messages', 'communicators'], title: 'Weekly activity' });
  assert.equal(f.data.length, 2);
  assert.deepEqual(
    f.data.map((t) => [t.type, t.mode, t.name, t.x, t.y]),
    [
      ['scatter', 'lines', 'Messages', ['2024-01-01', '2024-01-08', '2024-01-15'], [3, 0, 5]],
      ['scatter', 'lines', 'Communicators', ['2024-01-01', '2024-01-08', '2024-01-15'], [2, 0, 1]],
    ],
  );
  assert.equal(f.layout.xaxis?.type, 'date');
  assert.deepEqual(f.layout.title?.text, 'Weekly activity');
  assert.equal(f.layout.font?.family, CHART_FONT_FAMILY);
  assert.equal(f.layout.showlegend, true);
});

test('timeSeriesChart: a single column, own legend names, stacked bars', () => {
  const days: Array<Pick<LifecycleRow, 'day' | 'active' | 'paused'>> = [
    { day: '2024-03-01', active: 4, paused: 1 },
    { day: '2024-03-02', active: 6, paused: 0 },
  ];
  const f = timeSeriesChart(days, { x: 'day', y: ['active', 'paused'], names: { paused: 'On a break' }, style: 'stacked-bars' });
  assert.deepEqual(f.data.map((t) => [t.type, t.name, t.y]), [['bar', 'Active', [4, 6]], ['bar', 'On a break', [1, 0]]]);
  assert.equal(f.layout.barmode, 'stack');
  assert.equal(f.layout.title, undefined);

  const one = timeSeriesChart(weeks, { x: 'bucket', y: 'messages' });
  assert.deepEqual(one.data.map((t) => t.y), [[3, 0, 5]]);
  assert.equal(one.layout.showlegend, false);
});

test('timeSeriesChart: months are dates, other x values are not', () => {
  const months = timeSeriesChart([{ bucket: '2024-01', messages: 1 }, { bucket: '2024-02', messages: 2 }], { x: 'bucket', y: 'messages' });
  assert.equal(months.layout.xaxis?.type, 'date');
  const labels = timeSeriesChart([{ step: 'one', n: 1 }, { step: 'two', n: 2 }], { x: 'step', y: 'n' });
  assert.equal(labels.layout.xaxis?.type, undefined);
  // @ts-expect-error: a text column is not a series
  timeSeriesChart(weeks, { x: 'bucket', y: 'bucket' });
});

test('seriesFigure: plain arrays; areas stack; series of the wrong length are refused', () => {
  const f = seriesFigure(['2024-01-01T10:00:00.000Z', '2024-01-01T11:00:00.000Z'], [{ name: 'Joins', values: [1, null] }], { style: 'stacked-areas', percent: true });
  assert.deepEqual(f.data, [{ type: 'scatter', mode: 'lines', name: 'Joins', x: ['2024-01-01T10:00:00.000Z', '2024-01-01T11:00:00.000Z'], y: [1, null], stackgroup: 'one', line: { color: '#0072B2', width: 1 } }]);
  assert.equal(f.layout.xaxis?.type, 'date');
  assert.equal(f.layout.yaxis?.tickformat, '.0%');
  assert.throws(() => seriesFigure(['a', 'b'], [{ name: 'short', values: [1] }]), /series "short" has 1 values for 2 x values/);
});
