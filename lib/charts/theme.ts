/**
 * The one look of every chart: font family, colours and margins. PDF pages load the same font
 * family with `@font-face`, so charts and text match.
 */
import type { Layout } from './figure';

/** Font stack of charts (and of the pages that show them). */
export const CHART_FONT_FAMILY = '"DejaVu Sans", "Helvetica Neue", Arial, sans-serif';

/** Text colour of titles, labels and ticks. */
export const TEXT_COLOR = '#2a2a2a';

/** Categorical colours (Okabe–Ito, readable by colour-blind readers and in greyscale print). */
export const SERIES_COLORS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;

/** Colour of links in network charts. */
export const EDGE_COLOR = '#9a9a9a';

/** Sequential colour scale of heatmaps and cohort matrices: pale (low) to dark blue (high). */
export const SEQUENTIAL_SCALE: Array<[number, string]> = [
  [0, '#f7fbff'],
  [0.25, '#c6dbef'],
  [0.5, '#6baed6'],
  [0.75, '#2171b5'],
  [1, '#08306b'],
];

/** The colour of series `i`, cycling through `SERIES_COLORS`. */
export function seriesColor(i: number): string {
  return SERIES_COLORS[((i % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length];
}

/** The theme's base layout with a title, merged with a builder's own settings (theirs win). */
export function themedLayout(title: string | undefined, own: Layout = {}): Layout {
  return {
    ...(title ? { title: { text: title, x: 0.02, xanchor: 'left' } } : {}),
    font: { family: CHART_FONT_FAMILY, size: 12, color: TEXT_COLOR },
    colorway: [...SERIES_COLORS],
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    margin: { l: 60, r: 20, t: title ? 50 : 20, b: 50 },
    hovermode: 'closest',
    ...own,
  };
}
