/**
 * Every attribute the builders and figureHtml set is one plotly.js knows: checked against the
 * attribute schema the installed plotly.js ships (its generated type definitions), so a renamed
 * or removed attribute in a plotly upgrade shows up here rather than as a silently ignored key.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { barChart } from '../../lib/charts/bar-chart';
import { cohortMatrixChart } from '../../lib/charts/cohort-matrix-chart';
import type { Figure } from '../../lib/charts/figure';
import { figureHtml } from '../../lib/charts/figure-html';
import { heatmapChart } from '../../lib/charts/heatmap-chart';
import { networkChart } from '../../lib/charts/network-chart';
import { timeSeriesChart } from '../../lib/charts/time-series-chart';

const schema = readFileSync(path.join(path.dirname(require.resolve('plotly.js-dist-min/package.json')), 'src/types/generated/schema.d.ts'), 'utf8');

/** Top-level attribute names of one interface in plotly's schema. */
function attributes(name: string): Set<string> {
  const start = schema.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `plotly's schema has no ${name}`);
  const body = schema.slice(start, schema.indexOf('\n}', start));
  return new Set([...body.matchAll(/^ {4}([A-Za-z_]+)\??:/gm)].map((m) => m[1]));
}

const TRACE_SCHEMA = { scatter: 'ScatterData', bar: 'BarData', heatmap: 'HeatmapData' } as const;

const figures: Figure[] = [
  timeSeriesChart([{ d: '2024-01-01', a: 1, b: 2 }], { x: 'd', y: ['a', 'b'], title: 'Lines', percent: true, xTitle: 'Day', yTitle: 'Count' }),
  timeSeriesChart([{ d: '2024-01-01', a: 1 }], { x: 'd', y: 'a', style: 'stacked-areas' }),
  timeSeriesChart([{ d: '2024-01-01', a: 1 }], { x: 'd', y: 'a', style: 'stacked-bars' }),
  barChart([{ l: 'x', n: 1, m: 2 }], { label: 'l', value: ['n', 'm'], percent: true, valueTitle: 'Share' }),
  barChart([{ l: 'x', n: 1 }], { label: 'l', value: 'n', orientation: 'v' }),
  heatmapChart([{ weekday: 0, hour: 0, messages: 1 }], { title: 'Heat' }),
  cohortMatrixChart([{ cohort: '2024-01', size: 2, period: 0, active: 2, share: 1 }]),
  networkChart([{ source: 'a', target: 'b', weight: 1 }, { source: 'b', target: 'c', weight: 3 }], [{ user: 'a', community: 1, pageRank: 0.5 }]),
];

test('trace attributes are in plotly.js schema for their trace type', () => {
  for (const trace of figures.flatMap((f) => f.data)) {
    const known = attributes(TRACE_SCHEMA[trace.type]);
    for (const key of Object.keys(trace)) if (key !== 'type') assert.ok(known.has(key), `${trace.type}.${key}`);
    if (trace.type === 'heatmap') {
      const colorbar = attributes('ColorBar');
      for (const key of Object.keys(trace.colorbar as object)) assert.ok(colorbar.has(key), `colorbar.${key}`);
    }
  }
});

test('layout, axis, legend and config attributes are in plotly.js schema', () => {
  const layout = attributes('Layout');
  const axis = attributes('LayoutAxis');
  const legend = attributes('Legend');
  for (const f of figures) {
    for (const key of Object.keys(f.layout)) assert.ok(layout.has(key), `layout.${key}`);
    for (const key of [...Object.keys(f.layout.xaxis ?? {}), ...Object.keys(f.layout.yaxis ?? {})]) assert.ok(axis.has(key), `axis.${key}`);
    for (const key of Object.keys((f.layout.legend as object | undefined) ?? {})) assert.ok(legend.has(key), `legend.${key}`);
  }
  const config = attributes('ConfigBase');
  const html = figureHtml(figures[0], { staticPlot: true });
  for (const key of Object.keys(JSON.parse(/var config = (\{.*\});/.exec(html)![1]))) assert.ok(config.has(key), `config.${key}`);
});
