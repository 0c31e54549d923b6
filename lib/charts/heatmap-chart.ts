/** Heatmap figures: weekday x hour activity, and any matrix of values. */
import { WEEKDAY_NAMES } from '../queries/activity/heatmap';
import type { Datum, Figure } from './figure';
import { asDatum, humanize, type LabelKey, type NumericKey } from './row-columns';
import { SEQUENTIAL_SCALE, themedLayout } from './theme';

/** Options of `heatmapFigure`. */
export interface HeatmapFigureOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Name of the value in hover text and on the colour bar; default "Value". */
  valueName?: string;
  /** Values are shares (0–1): percentages, scale fixed to 0–100%. */
  percent?: boolean;
  /** Write each cell's value in it (small matrices such as cohort tables). */
  cellText?: boolean;
  /** Hover text per cell, same shape as `z`. */
  hoverText?: Datum[][];
}

/** A matrix with its labels: `z[row][column]`, `y` labelling rows (top first), `x` columns. */
export interface Matrix {
  x: readonly string[];
  y: readonly string[];
  z: ReadonlyArray<readonly Datum[]>;
}

/**
 * A heatmap of a matrix from plain arrays. Rows are drawn top to bottom in the order given; both
 * axes are categories; null cells stay blank.
 *
 * @example
 * heatmapFigure({ x: ['a', 'b'], y: ['row 1'], z: [[1, 2]] }, { title: 'Two cells' })
 */
export function heatmapFigure(matrix: Matrix, options: HeatmapFigureOptions = {}): Figure {
  if (matrix.z.length !== matrix.y.length || matrix.z.some((r) => r.length !== matrix.x.length)) {
    throw new RangeError(`heatmap z must have ${matrix.y.length} rows of ${matrix.x.length} values`);
  }
  const valueName = options.valueName ?? 'Value';
  const format = options.percent ? ':.0%' : '';
  return {
    data: [
      {
        type: 'heatmap',
        x: [...matrix.x],
        y: [...matrix.y],
        z: matrix.z.map((r) => [...r]),
        colorscale: SEQUENTIAL_SCALE,
        ...(options.percent ? { zmin: 0, zmax: 1 } : {}),
        hoverongaps: false,
        colorbar: { title: { text: valueName }, ...(options.percent ? { tickformat: '.0%' } : {}) },
        ...(options.hoverText ? { text: options.hoverText.map((r) => [...r]) } : {}),
        hovertemplate: `%{y}, %{x}<br>${escapeTemplate(valueName)}: %{z${format}}${options.hoverText ? '<br>%{text}' : ''}<extra></extra>`,
        ...(options.cellText ? { texttemplate: `%{z${format}}` } : {}),
      },
    ],
    layout: themedLayout(options.title, {
      xaxis: { type: 'category', showgrid: false, ...(options.xTitle ? { title: { text: options.xTitle } } : {}) },
      yaxis: { type: 'category', autorange: 'reversed', showgrid: false, ...(options.yTitle ? { title: { text: options.yTitle } } : {}) },
    }),
  };
}

/** Options of `heatmapChart`: which columns are the x, y and value. */
export interface HeatmapChartOptions<R> extends Omit<HeatmapFigureOptions, 'hoverText'> {
  /** Column of the x categories; default `hour`. */
  x?: LabelKey<R>;
  /** Column of the y categories; default `weekday`. */
  y?: LabelKey<R>;
  /** Column of the values; default `messages`. */
  z?: NumericKey<R>;
}

/**
 * A heatmap from rows of (x, y, value), by default the `heatmap` query's rows: weekdays Mon…Sun
 * top to bottom, hours 00…23 left to right. Numeric categories are sorted, text ones keep their
 * first order; a `weekday` column (0 = Monday) is labelled Mon…Sun and an `hour` column 00…23.
 * A cell without a row stays blank.
 *
 * @example
 * show(heatmapChart(await heatmap(db, { guild, timeZone: 'Europe/Berlin' }), { title: 'When people post (Berlin time)' }));
 */
export function heatmapChart<R extends object>(rows: readonly R[], options: HeatmapChartOptions<R> = {}): Figure {
  const xKey = (options.x ?? 'hour') as keyof R & string;
  const yKey = (options.y ?? 'weekday') as keyof R & string;
  const zKey = (options.z ?? 'messages') as keyof R & string;
  for (const key of [xKey, yKey, zKey]) {
    if (rows.length > 0 && !(key in rows[0])) throw new RangeError(`heatmapChart: the rows have no "${key}" column`);
  }
  const xs = categories(rows.map((r) => asDatum(r[xKey])));
  const ys = categories(rows.map((r) => asDatum(r[yKey])));
  const xIndex = new Map(xs.map((v, i) => [v, i]));
  const yIndex = new Map(ys.map((v, i) => [v, i]));
  const z: Datum[][] = ys.map(() => xs.map(() => null));
  for (const r of rows) {
    const x = asDatum(r[xKey]);
    const y = asDatum(r[yKey]);
    if (x === null || y === null) continue;
    z[yIndex.get(y)!][xIndex.get(x)!] = asDatum(r[zKey]);
  }
  const { x: _x, y: _y, z: _z, ...figureOptions } = options;
  return heatmapFigure(
    { x: xs.map((v) => categoryLabel(xKey, v)), y: ys.map((v) => categoryLabel(yKey, v)), z },
    {
      xTitle: xKey === 'hour' ? 'Hour' : humanize(xKey),
      yTitle: yKey === 'weekday' ? undefined : humanize(yKey),
      valueName: humanize(zKey),
      ...figureOptions,
    },
  );
}

/** Distinct non-null values: numbers ascending, strings in first-seen order (numbers first). */
function categories(values: readonly Datum[]): Array<string | number> {
  const distinct = [...new Set(values.filter((v): v is string | number => v !== null))];
  const numbers = distinct.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
  return [...numbers, ...distinct.filter((v) => typeof v === 'string')];
}

/** Axis label of a category: weekday numbers as Mon…Sun, hours as 00…23. */
function categoryLabel(key: string, v: string | number): string {
  if (key === 'weekday' && typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 7) return WEEKDAY_NAMES[v];
  if (key === 'hour' && typeof v === 'number' && Number.isInteger(v)) return String(v).padStart(2, '0');
  return String(v);
}

/** Plotly reads `%{…}` in hover templates: a literal name must not start one. */
function escapeTemplate(text: string): string {
  return text.replace(/%\{/g, '%\u200b{');
}
