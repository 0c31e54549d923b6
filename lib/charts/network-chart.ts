/** The interaction network as a node-link figure (SVG scatter traces, so it prints). */
import type { Datum, Figure, Trace } from './figure';
import { networkLayout, type LayoutLink } from './network-layout';
import { EDGE_COLOR, seriesColor, themedLayout } from './theme';

/** A directed edge; the `network-edges` query's rows have these columns. */
export interface NetworkChartEdge {
  source: string;
  target: string;
  weight: number;
  sourceName?: string;
  targetName?: string;
}

/** A member; the `network-members` query's rows have these columns. */
export interface NetworkChartMember {
  user: string;
  name?: string;
  /** Community number (1 = largest), null or absent for none. */
  community?: number | null;
  /** Node size follows PageRank when given, else the member's total link weight. */
  pageRank?: number;
}

/** Options of `networkChart`. */
export interface NetworkChartOptions {
  /** Default "Interaction network". */
  title?: string;
  /** Most members drawn (the most central ones); default 150. */
  maxNodes?: number;
  /** Most links drawn among them (the heaviest); default 500. */
  maxLinks?: number;
  /** Members labelled on the chart (the most central); default 10. Hover shows every name. */
  labels?: number;
  /** Force-directed layout steps; default 100. */
  iterations?: number;
}

interface Node {
  id: string;
  name: string;
  group: number | null;
  strength: number;
  rank: number;
}

/**
 * A node-link figure of the interaction network: directions are added up (a link is everything
 * two members exchanged), members without links are left out, nodes are coloured by community
 * and sized by PageRank (or link weight), heavier links drawn thicker. Big networks are cut to
 * the `maxNodes` most central members and the `maxLinks` heaviest links among them, and the
 * title says how much is drawn. Positions come from `networkLayout`: deterministic.
 *
 * @example
 * const [edges, members] = await Promise.all([networkEdges(db, { guild }), networkMembers(db, { guild })]);
 * show(networkChart(edges, members, { title: 'Who talks to whom' }));
 */
export function networkChart(edges: readonly NetworkChartEdge[], members: readonly NetworkChartMember[] = [], options: NetworkChartOptions = {}): Figure {
  const links = undirectedLinks(edges);
  const nodes = linkedNodes(links, edges, members);
  const maxNodes = options.maxNodes ?? 150;
  const maxLinks = options.maxLinks ?? 500;

  const kept = [...nodes.values()].sort((p, q) => q.rank - p.rank || q.strength - p.strength || compare(p.id, q.id)).slice(0, maxNodes);
  const keptIds = new Set(kept.map((n) => n.id));
  const among = links.filter((l) => keptIds.has(l.a) && keptIds.has(l.b));
  const drawn = [...among].sort((p, q) => q.weight - p.weight || compare(p.a, q.a) || compare(p.b, q.b)).slice(0, maxLinks);

  let title = options.title ?? 'Interaction network';
  if (kept.length < nodes.size || drawn.length < links.length) {
    title += ` (${kept.length.toLocaleString('en-US')} of ${nodes.size.toLocaleString('en-US')} members, ${drawn.length.toLocaleString('en-US')} of ${links.length.toLocaleString('en-US')} links drawn)`;
  }
  const position = networkLayout(kept, drawn, { iterations: options.iterations });
  return {
    data: [...linkTraces(drawn, position), ...nodeTraces(kept, position, options.labels ?? 10)],
    layout: themedLayout(title, {
      xaxis: { showgrid: false, zeroline: false, showticklabels: false, range: [-1.15, 1.15] },
      yaxis: { showgrid: false, zeroline: false, showticklabels: false, range: [-1.15, 1.15], scaleanchor: 'x' },
      showlegend: true,
      legend: { orientation: 'h', y: -0.05 },
    }),
  };
}

/** Both directions of each pair added, self-loops and non-positive weights dropped; a < b in code-point order. */
function undirectedLinks(edges: readonly NetworkChartEdge[]): LayoutLink[] {
  const byPair = new Map<string, LayoutLink>();
  for (const e of edges) {
    if (e.source === e.target || !(e.weight > 0)) continue;
    const [a, b] = compare(e.source, e.target) < 0 ? [e.source, e.target] : [e.target, e.source];
    const key = `${a}\u0000${b}`;
    const link = byPair.get(key);
    if (link) link.weight += e.weight;
    else byPair.set(key, { a, b, weight: e.weight });
  }
  return [...byPair.values()];
}

/** Every member with at least one link, with name, community and centrality. */
function linkedNodes(links: readonly LayoutLink[], edges: readonly NetworkChartEdge[], members: readonly NetworkChartMember[]): Map<string, Node> {
  const info = new Map(members.map((m) => [m.user, m]));
  const names = new Map<string, string>();
  for (const e of edges) {
    if (e.sourceName) names.set(e.source, e.sourceName);
    if (e.targetName) names.set(e.target, e.targetName);
  }
  const nodes = new Map<string, Node>();
  const touch = (id: string, w: number) => {
    let node = nodes.get(id);
    if (!node) {
      const m = info.get(id);
      node = { id, name: m?.name ?? names.get(id) ?? id, group: m?.community ?? null, strength: 0, rank: m?.pageRank ?? 0 };
      nodes.set(id, node);
    }
    node.strength += w;
  };
  for (const l of links) {
    touch(l.a, l.weight);
    touch(l.b, l.weight);
  }
  // Without PageRank, rank by link weight.
  if (![...nodes.values()].some((n) => n.rank > 0)) for (const n of nodes.values()) n.rank = n.strength;
  return nodes;
}

/** Links in three width classes by weight (one trace each: plotly lines have one width per trace). */
function linkTraces(links: readonly LayoutLink[], position: ReadonlyMap<string, [number, number]>): Trace[] {
  const max = Math.max(0, ...links.map((l) => l.weight));
  const classes = [
    { name: 'light links', width: 0.6, xs: [] as Datum[], ys: [] as Datum[] },
    { name: 'medium links', width: 1.5, xs: [] as Datum[], ys: [] as Datum[] },
    { name: 'heavy links', width: 3, xs: [] as Datum[], ys: [] as Datum[] },
  ];
  for (const l of links) {
    const c = classes[Math.min(2, Math.floor((3 * l.weight) / max - 1e-9))];
    const [ax, ay] = position.get(l.a)!;
    const [bx, by] = position.get(l.b)!;
    c.xs.push(ax, bx, null);
    c.ys.push(ay, by, null);
  }
  return classes
    .filter((c) => c.xs.length > 0)
    .map((c) => ({ type: 'scatter', mode: 'lines', name: c.name, x: c.xs, y: c.ys, line: { color: EDGE_COLOR, width: c.width }, opacity: 0.6, hoverinfo: 'skip', showlegend: false }));
}

/** One marker trace per community, largest community first, members without one last. */
function nodeTraces(nodes: readonly Node[], position: ReadonlyMap<string, [number, number]>, labelled: number): Trace[] {
  const maxRank = Math.max(0, ...nodes.map((n) => n.rank));
  const top = new Set(nodes.slice(0, labelled).map((n) => n.id)); // nodes come most central first
  const groups = [...new Set(nodes.map((n) => n.group))].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
  return groups.map((group, i): Trace => {
    const members = nodes.filter((n) => n.group === group).sort((p, q) => compare(p.id, q.id));
    return {
      type: 'scatter',
      mode: 'markers+text',
      name: group === null ? 'No community' : `Community ${group}`,
      x: members.map((n) => position.get(n.id)![0]),
      y: members.map((n) => position.get(n.id)![1]),
      text: members.map((n) => (top.has(n.id) ? n.name : '')),
      textposition: 'top center',
      hovertext: members.map((n) => n.name),
      hovertemplate: '%{hovertext}<extra>%{fullData.name}</extra>',
      marker: {
        color: group === null ? '#b0b0b0' : seriesColor(i),
        size: members.map((n) => Math.round((6 + 22 * Math.sqrt(maxRank > 0 ? n.rank / maxRank : 0)) * 10) / 10),
        line: { color: '#ffffff', width: 1 },
      },
    };
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
