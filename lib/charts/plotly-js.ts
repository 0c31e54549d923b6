/** Where plotly.js lives, for pages that inline or serve it (never a CDN). */

/**
 * Absolute path of the installed `plotly.min.js` (package `plotly.js-dist-min`): the set-up
 * copies it to `notebooks/assets/`, and PDF and dashboard pages serve or inline it.
 *
 * @example
 * fs.copyFileSync(plotlyJsPath(), 'notebooks/assets/plotly.min.js');
 */
export function plotlyJsPath(): string {
  return require.resolve('plotly.js-dist-min/plotly.min.js');
}
