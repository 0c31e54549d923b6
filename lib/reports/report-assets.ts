/**
 * What a report page needs besides its content, embedded so the document is one file that
 * fetches nothing: DejaVu Sans (the chart font) and plotly.js as data: URLs, and the
 * chart settings for print.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { plotlyJsPath } from '../charts/plotly-js';
import { scriptSafeJson } from '../charts/html-escape';

const FONT_FACES = [
  { weight: 400, style: 'normal' },
  { weight: 700, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'italic' },
] as const;

/** `@font-face` rules for DejaVu Sans from the `@fontsource/dejavu-sans` files, as data: URLs. */
export function fontFaceCss(): string {
  const dir = path.join(path.dirname(require.resolve('@fontsource/dejavu-sans/package.json')), 'files');
  return FONT_FACES.map(({ weight, style }) => {
    const woff2 = readFileSync(path.join(dir, `dejavu-sans-latin-${weight}-${style}.woff2`)).toString('base64');
    return `@font-face { font-family: "DejaVu Sans"; font-style: ${style}; font-weight: ${weight}; font-display: block; src: url(data:font/woff2;base64,${woff2}) format("woff2"); }`;
  }).join('\n');
}

/**
 * The `<script>` that defines `window.Plotly` before any chart's loader runs. A data: URL
 * rather than inline text, so nothing in plotly.js can end the element early.
 */
export function plotlyScriptTag(): string {
  return `<script src="data:text/javascript;base64,${readFileSync(plotlyJsPath()).toString('base64')}"></script>`;
}

/** The plotly config every chart of the page draws with: a static picture of the printable width. */
export const PRINT_CHART_CONFIG = { staticPlot: true, displayModeBar: false, responsive: false } as const;

/** The `<script>` that makes `figureHtml`'s loader draw charts for print (`window.guildauditChartConfig`). */
export function chartConfigScriptTag(): string {
  return `<script>window.guildauditChartConfig = ${scriptSafeJson(PRINT_CHART_CONFIG)};</script>`;
}
