/**
 * A figure as a self-contained `text/html` output that draws in classic Notebook 6, in
 * nbconvert's HTML, in dashboards and in the PDF pipeline, loading plotly.js from the project.
 */
import { randomBytes } from 'node:crypto';
import type { Figure } from './figure';
import { escapeHtml, scriptSafeJson } from './html-escape';

/** Options of `figureHtml`. */
export interface FigureHtmlOptions {
  /** CSS height, or pixels; default 420. */
  height?: number | string;
  /** CSS width, or pixels; default `100%`. */
  width?: number | string;
  /** The div's id; default a fresh unique one (`guildaudit-chart-…`). */
  id?: string;
  /** A picture without hover, zoom or mode bar (for print). */
  staticPlot?: boolean;
  /** More plotly config, merged over the defaults (`responsive: true`, `displaylogo: false`). */
  config?: Record<string, unknown>;
}

/**
 * The loader run by each chart. It pushes one promise per chart onto `window.guildauditCharts`
 * at once (so a printing page can wait for every chart, even before plotly.js arrived), then
 * draws with `window.Plotly` if present, else through RequireJS when the page has it (classic
 * Notebook 6: a plain script tag would clash with its `define`), else by adding one shared
 * `<script>` tag. plotly.js comes from `window.guildauditPlotlyUrl` if the page set it, else
 * from the Jupyter files route (`<base url>files/assets/plotly.min.js`), else from
 * `assets/plotly.min.js` next to the page (an exported notebook): never a CDN. A page may set
 * `window.guildauditChartConfig` (plotly config merged over each chart's own, e.g. static charts
 * for print) before the charts draw.
 */
const LOADER = `(function () {
  var id = __ID__;
  var config = __CONFIG__;
  var charts = window.guildauditCharts = window.guildauditCharts || [];
  charts.push(new Promise(function (resolve, reject) {
    var base = document.body && document.body.getAttribute('data-base-url');
    var url = window.guildauditPlotlyUrl || (base ? base.replace(/\\/?$/, '/') + 'files/assets/plotly.min.js' : 'assets/plotly.min.js');
    var el, figure, tries = 0;
    function draw(Plotly) {
      // plotly.js 4 is no AMD module: through RequireJS it only sets window.Plotly.
      Plotly = Plotly || window.Plotly;
      // A printing page sets window.guildauditChartConfig (static, fixed size): it wins over the chart's own.
      var own = window.guildauditChartConfig;
      var merged = own ? Object.assign({}, config, own) : config;
      try { Promise.resolve(Plotly.newPlot(el, figure.data, figure.layout, merged)).then(resolve, reject); }
      catch (e) { reject(e); }
    }
    function failed(e) {
      el.textContent = 'This chart needs plotly.js (' + url + '), which did not load.';
      reject(e instanceof Error ? e : new Error('plotly.js did not load from ' + url));
    }
    function load() {
      if (window.Plotly) return draw(window.Plotly);
      if (typeof window.define === 'function' && window.define.amd && typeof window.require === 'function') {
        var paths = {};
        paths['guildaudit-plotly'] = url.replace(/\\.js$/, '');
        window.require.config({ paths: paths });
        return window.require(['guildaudit-plotly'], draw, failed);
      }
      var loading = window.guildauditPlotlyLoading;
      if (!loading) {
        loading = window.guildauditPlotlyLoading = new Promise(function (ok, fail) {
          var s = document.createElement('script');
          s.src = url;
          s.onload = function () { ok(window.Plotly); };
          s.onerror = function () { window.guildauditPlotlyLoading = null; fail(new Error('plotly.js did not load from ' + url)); };
          document.head.appendChild(s);
        });
      }
      loading.then(draw, failed);
    }
    // A host may run this script before it attaches the output to the page: wait for the div.
    (function start() {
      el = document.getElementById(id);
      var data = document.getElementById(id + '-figure');
      if (!el || !data) {
        if (++tries > 100) return reject(new Error('chart ' + id + ' is not on the page'));
        return setTimeout(start, 50);
      }
      figure = JSON.parse(data.textContent);
      load();
    })();
  }));
})();`;

/**
 * The `text/html` output of a figure: a sized div, the figure as JSON in a
 * `<script type="application/json">` (script-safe), and the loader. Scripts run in classic
 * Notebook only when the notebook is trusted.
 *
 * @example
 * tslab.display.html(figureHtml(timeSeriesChart(rows, { x: 'bucket', y: 'messages' }), { height: 360 }));
 */
export function figureHtml(figure: Figure, options: FigureHtmlOptions = {}): string {
  const id = options.id ?? `guildaudit-chart-${randomBytes(6).toString('hex')}`;
  const config = {
    responsive: true,
    displaylogo: false,
    ...(options.staticPlot ? { staticPlot: true, displayModeBar: false } : {}),
    ...options.config,
  };
  const label = figure.layout.title?.text;
  const style = `width:${cssLength(options.width ?? '100%')};height:${cssLength(options.height ?? 420)};`;
  return [
    `<div id="${escapeHtml(id)}" class="guildaudit-chart" style="${escapeHtml(style)}"${label ? ` role="img" aria-label="${escapeHtml(label)}"` : ''}></div>`,
    `<script type="application/json" id="${escapeHtml(id)}-figure">${scriptSafeJson(figure)}</script>`,
    `<script>${LOADER.replace('__ID__', () => scriptSafeJson(id)).replace('__CONFIG__', () => scriptSafeJson(config))}</script>`,
  ].join('\n');
}

/** A number as pixels, a string as given (only characters a CSS length needs). */
function cssLength(value: number | string): string {
  if (typeof value === 'number') return `${value}px`;
  if (!/^[0-9a-z.%() +\-*/]+$/i.test(value)) throw new RangeError(`not a CSS length: ${value}`);
  return value;
}
