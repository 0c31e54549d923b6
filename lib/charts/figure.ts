/**
 * A minimal typed model of a plotly figure: the parts the chart builders set are typed, and
 * every object stays open (`[key: string]: unknown`) so any other plotly attribute can be added
 * without a type package. WebGL trace types (`scattergl`, `heatmapgl`...) are left out on
 * purpose: they do not print.
 */

/** One value on an axis or in a cell; null leaves a gap. */
export type Datum = string | number | null;

/** The 2D trace types the builders use (SVG-drawn, so they print). */
export type TraceType = 'scatter' | 'bar' | 'heatmap';

/** A plotly font. */
export interface Font {
  family?: string;
  size?: number;
  color?: string;
  [key: string]: unknown;
}

/** A plotly trace: `x`, `y` and, for a heatmap, `z`. */
export interface Trace {
  type: TraceType;
  name?: string;
  x?: Datum[];
  y?: Datum[];
  z?: Datum[][];
  text?: string | Datum[] | Datum[][];
  mode?: 'lines' | 'markers' | 'lines+markers' | 'text' | 'markers+text';
  orientation?: 'v' | 'h';
  hovertemplate?: string;
  hoverinfo?: string;
  showlegend?: boolean;
  marker?: { color?: string | string[]; size?: number | number[]; line?: { color?: string; width?: number }; [key: string]: unknown };
  line?: { color?: string; width?: number; [key: string]: unknown };
  [key: string]: unknown;
}

/** A plotly axis. */
export interface Axis {
  title?: { text: string };
  type?: 'linear' | 'log' | 'date' | 'category';
  autorange?: boolean | 'reversed';
  tickformat?: string;
  tickvals?: Datum[];
  ticktext?: string[];
  showgrid?: boolean;
  zeroline?: boolean;
  showticklabels?: boolean;
  [key: string]: unknown;
}

/** A plotly layout. Titles are objects (`{ text }`): plotly 3+ dropped the plain-string form. */
export interface Layout {
  title?: { text: string; [key: string]: unknown };
  font?: Font;
  colorway?: string[];
  xaxis?: Axis;
  yaxis?: Axis;
  barmode?: 'group' | 'stack' | 'overlay' | 'relative';
  showlegend?: boolean;
  margin?: { l?: number; r?: number; t?: number; b?: number; pad?: number };
  hovermode?: string | false;
  [key: string]: unknown;
}

/** A plotly figure: what `Plotly.newPlot(div, data, layout)` draws. */
export interface Figure {
  data: Trace[];
  layout: Layout;
}

/** True for a value shaped like a `Figure` (an array `data` and an object `layout`). */
export function isFigure(value: unknown): value is Figure {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { data?: unknown; layout?: unknown };
  return Array.isArray(v.data) && typeof v.layout === 'object' && v.layout !== null && !Array.isArray(v.layout);
}
