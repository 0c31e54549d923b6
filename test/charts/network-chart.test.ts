import assert from 'node:assert/strict';
import { test } from 'node:test';
import { barChart } from '../../lib/charts/bar-chart';
import { cohortMatrixChart } from '../../lib/charts/cohort-matrix-chart';
import { heatmapChart } from '../../lib/charts/heatmap-chart';
import { networkChart } from '../../lib/charts/network-chart';
import { networkLayout, type LayoutLink, type LayoutNode } from '../../lib/charts/network-layout';
import { timeSeriesChart } from '../../lib/charts/time-series-chart';
import type { NetworkEdgeRow } from '../../lib/queries/network/network-edges';
import type { NetworkMemberRow } from '../../lib/queries/network/network-members';

const edge = (source: string, target: string, weight: number): NetworkEdgeRow => ({
  source, sourceName: source.toUpperCase(), target, targetName: target.toUpperCase(), replies: weight, mentions: 0, reactions: 0, weight,
});
const member = (user: string, community: number | null, pageRank: number): NetworkMemberRow => ({
  user, name: `member ${user}`, inDegree: 0, outDegree: 0, inWeight: 0, outWeight: 0, role: 'balanced', community, pageRank,
});

const edges = [edge('a', 'b', 2), edge('b', 'a', 1), edge('b', 'c', 1), edge('c', 'c', 5)];
const members = [member('c', 2, 0.2), member('a', 1, 0.5), member('b', 1, 0.3), member('d', null, 0.1)];

test('networkLayout: with no force steps, nodes sit on the unit circle by group then ID', () => {
  const nodes: LayoutNode[] = [{ id: 'd', group: null }, { id: 'c', group: 2 }, { id: 'b', group: 1 }, { id: 'a', group: 1 }];
  assert.deepEqual(
    [...networkLayout(nodes, [], { iterations: 0 })].sort(),
    [['a', [1, 0]], ['b', [0, 1]], ['c', [-1, 0]], ['d', [0, -1]]],
  );
});

test('networkLayout: deterministic, whatever the input order, inside [-1, 1]', () => {
  // A ring of 30 nodes in three groups with chords: enough for the forces to matter.
  const nodes: LayoutNode[] = Array.from({ length: 30 }, (_, i) => ({ id: `n${String(i).padStart(2, '0')}`, group: (i % 3) + 1 }));
  const links: LayoutLink[] = nodes.flatMap((n, i) => [
    { a: n.id, b: nodes[(i + 1) % 30].id, weight: 1 + (i % 4) },
    { a: n.id, b: nodes[(i + 7) % 30].id, weight: 1 },
  ]);
  const first = networkLayout(nodes, links);
  const again = networkLayout([...nodes].reverse(), [...links].reverse());
  assert.deepEqual([...again].sort(), [...first].sort());
  const coordinates = [...first.values()].flat();
  assert.ok(coordinates.every((v) => v >= -1 && v <= 1));
  assert.equal(Math.max(...coordinates.map(Math.abs)), 1);
  // The forces moved nodes off the starting circle.
  assert.ok([...first.values()].some(([x, y]) => Math.abs(Math.hypot(x, y) - 1) > 0.05));
});

test('networkChart: directions added, self-loops and unlinked members left out, one trace per community', () => {
  const f = networkChart(edges, members, { iterations: 0 });
  assert.equal(f.layout.title?.text, 'Interaction network');
  // Nodes a, b (community 1), c (community 2) on the circle: a (1, 0), b (-0.5, 0.866), c (-0.5, -0.866).
  const links = f.data.filter((t) => t.mode === 'lines');
  assert.deepEqual(links.map((t) => [t.name, t.x, t.y, t.line?.width]), [
    ['light links', [-0.5, -0.5, null], [0.866, -0.866, null], 0.6], // b - c, weight 1 of at most 3
    ['heavy links', [1, -0.5, null], [0, 0.866, null], 3], // a - b, weight 2 + 1
  ]);
  const nodes = f.data.filter((t) => t.mode === 'markers+text');
  assert.deepEqual(nodes.map((t) => [t.name, t.x, t.y, t.hovertext]), [
    ['Community 1', [1, -0.5], [0, 0.866], ['member a', 'member b']],
    ['Community 2', [-0.5], [-0.866], ['member c']],
  ]);
  // Sized by PageRank: 6 + 22·sqrt(rank / 0.5).
  assert.deepEqual(nodes[0].marker?.size, [28, 23]); // 6 + 22 * sqrt(0.3 / 0.5) = 23.04
  assert.deepEqual(nodes[1].marker?.size, [19.9]); // 6 + 22 * sqrt(0.2 / 0.5) = 19.91
});

test('networkChart: without members, names come from the edges and size from link weight', () => {
  const f = networkChart(edges, [], { iterations: 0, labels: 1 });
  const [nodes] = f.data.filter((t) => t.mode === 'markers+text');
  assert.equal(nodes.name, 'No community');
  assert.deepEqual(nodes.hovertext, ['A', 'B', 'C']);
  assert.deepEqual(nodes.text, ['', 'B', '']); // only the most central member is labelled: b, with weight 4
});

test('networkChart: a big network is cut to the most central members and heaviest links, and the title says so', () => {
  const ring = Array.from({ length: 300 }, (_, i) => edge(`u${String(i).padStart(3, '0')}`, `u${String((i + 1) % 300).padStart(3, '0')}`, 1));
  const f = networkChart(ring, [], { iterations: 5 });
  assert.equal(f.layout.title?.text, 'Interaction network (150 of 300 members, 149 of 300 links drawn)');
  assert.equal(f.data.filter((t) => t.mode === 'markers+text').reduce((n, t) => n + (t.x?.length ?? 0), 0), 150);

  const small = networkChart(edges, members, { iterations: 0, maxNodes: 2, title: 'Core' });
  assert.equal(small.layout.title?.text, 'Core (2 of 3 members, 1 of 2 links drawn)');
});

test('no builder uses a WebGL trace type (they do not print)', () => {
  const figures = [
    networkChart(edges, members),
    timeSeriesChart([{ d: '2024-01-01', n: 1 }], { x: 'd', y: 'n' }),
    barChart([{ l: 'x', n: 1 }], { label: 'l', value: 'n' }),
    heatmapChart([{ weekday: 0, hour: 0, messages: 1 }]),
    cohortMatrixChart([{ cohort: '2024-01', size: 1, period: 0, active: 1, share: 1 }]),
  ];
  for (const t of figures.flatMap((f) => f.data)) assert.ok(['scatter', 'bar', 'heatmap'].includes(t.type), t.type);
});
