import assert from 'node:assert/strict';
import { test } from 'node:test';
import { barChart, barFigure } from '../../lib/charts/bar-chart';
import type { CategoryActivityRow } from '../../lib/queries/activity/category-activity';

const channels = [
  { channelId: '1', name: 'general', messages: 5, communicators: 3 },
  { channelId: '2', name: 'general', messages: 3, communicators: 2 },
  { channelId: '3', name: 'memes', messages: 1, communicators: 1 },
];

test('barChart: horizontal bars in row order, first on top, equal names kept apart', () => {
  const f = barChart(channels, { label: 'name', value: 'messages', title: 'Messages per channel' });
  assert.equal(f.data.length, 1);
  const [t] = f.data;
  assert.deepEqual([t.type, t.orientation, t.x, t.y], ['bar', 'h', [5, 3, 1], ['general', 'general (2)', 'memes']]);
  assert.equal(f.layout.yaxis?.autorange, 'reversed');
  assert.equal(f.layout.title?.text, 'Messages per channel');
});

test('barChart: top N says so in the title; several columns are grouped traces', () => {
  const f = barChart(channels, { label: 'name', value: ['messages', 'communicators'], top: 2, title: 'Channels' });
  assert.equal(f.layout.title?.text, 'Channels (top 2 of 3)');
  assert.deepEqual(f.data.map((t) => [t.name, t.x, t.y]), [
    ['Messages', [5, 3], ['general', 'general (2)']],
    ['Communicators', [3, 2], ['general', 'general (2)']],
  ]);
  assert.equal(f.layout.barmode, 'group');
  assert.equal(f.layout.showlegend, true);
});

test('barChart: a null category reads "(none)"; shares as percentages', () => {
  const rows: CategoryActivityRow[] = [
    { categoryId: '9', categoryName: 'Community', channels: 3, activeChannels: 2, messages: 6, communicators: 3, share: 0.75, first: null, last: null },
    { categoryId: null, categoryName: null, channels: 1, activeChannels: 1, messages: 2, communicators: 2, share: 0.25, first: null, last: null },
  ];
  const f = barChart(rows, { label: 'categoryName', value: 'share', percent: true, orientation: 'v' });
  const [t] = f.data;
  assert.deepEqual([t.orientation, t.x, t.y], ['v', ['Community', '(none)'], [0.75, 0.25]]);
  assert.equal(f.layout.yaxis?.tickformat, '.0%');
});

test('barFigure: plain arrays; lengths must match', () => {
  const f = barFigure(['top 1%', 'top 10%'], [{ name: 'Share of messages', values: [0.31, 0.62] }]);
  assert.deepEqual([f.data[0].y, f.data[0].x], [['top 1%', 'top 10%'], [0.31, 0.62]]);
  assert.throws(() => barFigure(['a'], [{ name: 'two', values: [1, 2] }]), /series "two" has 2 values for 1 labels/);
});
