/**
 * Charts and tables for notebooks, dashboards and PDF reports: builders turn query rows into
 * plotly figures, `figureHtml` and `rowsTableHtml` turn figures and rows into `text/html`
 * outputs, and `show` outputs either in a tslab cell.
 */
export * from './figure';
export { CHART_FONT_FAMILY, SERIES_COLORS, SEQUENTIAL_SCALE, EDGE_COLOR, TEXT_COLOR, seriesColor, themedLayout } from './theme';
export type { LabelKey, NumericKey } from './row-columns';
export * from './time-series-chart';
export * from './heatmap-chart';
export * from './bar-chart';
export * from './cohort-matrix-chart';
export * from './network-chart';
export * from './network-layout';
export * from './figure-html';
export { plotlyJsPath } from './plotly-js';
export { escapeHtml, scriptSafeJson } from './html-escape';
export * from './cell-format';
export * from './rows-table-html';
export * from './show';
