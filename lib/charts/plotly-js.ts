/** Where plotly.js lives, for pages that inline or serve it (never a CDN). */

/**
 * Absolute path of the installed plotly.js: its official cartesian bundle (package
 * `plotly.js-cartesian-dist-min`: scatter, bar, heatmap, box, histogram, pie and more, no maps or
 * 3-D), a third of the full bundle's size, which Chromium loads 2–3 times faster — the largest
 * part of printing a report. The set-up copies it to `notebooks/assets/plotly.min.js`, and PDF and
 * dashboard pages serve or inline it.
 *
 * @example
 * fs.copyFileSync(plotlyJsPath(), 'notebooks/assets/plotly.min.js');
 */
export function plotlyJsPath(): string {
  return require.resolve('plotly.js-cartesian-dist-min/plotly-cartesian.min.js');
}
