import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Script } from 'node:vm';
import { figureHtml } from '../../lib/charts/figure-html';
import type { Figure } from '../../lib/charts/figure';
import { plotlyJsPath } from '../../lib/charts/plotly-js';
import { timeSeriesChart } from '../../lib/charts/time-series-chart';

const nasty = 'Weekly </script><script>alert(1)</script> <!-- & "quotes"';
const figure: Figure = timeSeriesChart([{ bucket: '2024-01-01', messages: 1 }], { x: 'bucket', y: 'messages', title: nasty });

test('figureHtml: one JSON payload that parses back to the figure, with the title unable to close the script', () => {
  const html = figureHtml(figure, { id: 'chart-1' });
  const payloads = [...html.matchAll(/<script type="application\/json" id="chart-1-figure">([\s\S]*?)<\/script>/g)];
  assert.equal(payloads.length, 1);
  assert.equal((html.match(/type="application\/json"/g) ?? []).length, 1);
  assert.deepEqual(JSON.parse(payloads[0][1]), figure);
  assert.ok(!payloads[0][1].includes('</'));
  assert.ok(!payloads[0][1].includes('<!--'));
  // Two scripts in all (payload and loader): the title's "</script>" did not add one.
  assert.equal((html.match(/<\/script>/g) ?? []).length, 2);
  assert.equal((html.match(/<script/g) ?? []).length, 2);
  assert.ok(html.includes('aria-label="Weekly &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- &amp; &quot;quotes&quot;"'));
});

test('figureHtml: never a CDN; plotly.js from the page, RequireJS or the Jupyter files route', () => {
  const html = figureHtml(figure);
  assert.ok(!/https?:\/\//i.test(html));
  assert.ok(!html.includes('//cdn'));
  for (const part of ['window.Plotly', 'define.amd', 'window.guildauditPlotlyUrl', "'files/assets/plotly.min.js'", 'window.guildauditCharts', 'Plotly.newPlot(']) {
    assert.ok(html.includes(part), part);
  }
});

test('figureHtml: a sized div with a unique id, the plotly config, and a loader that parses as JavaScript', () => {
  const a = figureHtml(figure, { height: 360 });
  const b = figureHtml(figure);
  const idOf = (html: string) => /<div id="(guildaudit-chart-[0-9a-f]{12})" class="guildaudit-chart" style="width:100%;height:(\d+)px;"/.exec(html);
  assert.equal(idOf(a)?.[2], '360');
  assert.equal(idOf(b)?.[2], '420');
  assert.notEqual(idOf(a)?.[1], idOf(b)?.[1]);

  const loader = /<script>([\s\S]*)<\/script>$/.exec(a)![1];
  assert.doesNotThrow(() => new Script(loader));
  assert.ok(loader.includes(`var id = "${idOf(a)?.[1]}";`));
  assert.deepEqual(JSON.parse(/var config = (\{.*\});/.exec(loader)![1]), { responsive: true, displaylogo: false });

  const printed = figureHtml(figure, { id: 'p', staticPlot: true, width: 680 });
  assert.ok(printed.includes('style="width:680px;height:420px;"'));
  assert.deepEqual(JSON.parse(/var config = (\{.*\});/.exec(printed)![1]), { responsive: true, displaylogo: false, staticPlot: true, displayModeBar: false });
  assert.throws(() => figureHtml(figure, { height: '1px;background:url(x)' }), /not a CSS length/);
});

test('plotlyJsPath: the installed cartesian bundle, which holds every trace type the builders draw', () => {
  const bundle = readFileSync(plotlyJsPath(), 'utf8');
  assert.match(plotlyJsPath(), /plotly\.js-cartesian-dist-min[\\/]plotly-cartesian\.min\.js$/);
  assert.match(bundle.slice(0, 200), /plotly\.js \(cartesian - minified\) v\d+\.\d+\.\d+/);
  // The builders draw scatter (lines, the network), bar and heatmap traces only.
  for (const trace of ['scatter', 'bar', 'heatmap']) assert.ok(bundle.includes(`moduleType:"trace",name:"${trace}"`), trace);
});
