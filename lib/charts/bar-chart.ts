/** Bar figures: channels, categories, top contributors, Orbit levels, any labelled values. */
import type { Datum, Figure, Trace } from './figure';
import { asDatum, columnOf, humanize, uniqueLabels, type LabelKey, type NumericKey } from './row-columns';
import type { Series } from './time-series-chart';
import { seriesColor, themedLayout } from './theme';

/** Options shared by the row and the array forms. */
export interface BarFigureOptions {
  title?: string;
  /** Title of the value axis. */
  valueTitle?: string;
  /** `h` (default): labels down the left, first row on top, good for long names; `v`: columns. */
  orientation?: 'h' | 'v';
  /** Several series side by side (`group`, default) or stacked. */
  barmode?: 'group' | 'stack';
  /** Values are shares (0–1): percentages. */
  percent?: boolean;
  /** Label of rows whose label is null; default "(none)". */
  missingLabel?: string;
}

/** Options of `barChart`: the label column, the value column(s) and how many rows to draw. */
export interface BarChartOptions<R> extends BarFigureOptions {
  /** Column of the bar labels, e.g. `name`, `categoryName`. */
  label: LabelKey<R>;
  /** One or more numeric columns, one trace each. */
  value: NumericKey<R> | Array<NumericKey<R>>;
  /** Legend names by column; default the column name humanized. */
  names?: Partial<Record<NumericKey<R>, string>>;
  /** Draw only the first `top` rows (rows come sorted from the queries); the title says "top N of M". */
  top?: number;
}

/**
 * A bar figure from query rows, in their order (queries sort them, most first). Equal labels
 * (two channels both called "general") stay separate bars; a null label reads "(none)".
 *
 * @example
 * show(barChart(await channelActivity(db, { guild }), { label: 'name', value: 'messages', top: 15, title: 'Messages per channel' }));
 */
export function barChart<R extends object>(rows: readonly R[], options: BarChartOptions<R>): Figure {
  const keys = Array.isArray(options.value) ? options.value : [options.value];
  const names = (options.names ?? {}) as Partial<Record<string, string>>;
  const shown = options.top !== undefined && options.top < rows.length ? rows.slice(0, Math.max(0, options.top)) : rows;
  const capped = shown.length < rows.length;
  const title = capped ? `${options.title ?? humanize(keys[0])} (top ${shown.length} of ${rows.length.toLocaleString('en-US')})` : options.title;
  return barFigure(
    shown.map((r) => asDatum(r[options.label])),
    keys.map((key) => ({ name: names[key] ?? humanize(key), values: columnOf(shown, key) })),
    { ...options, title },
  );
}

/**
 * The same figure from plain arrays: labels and named series of values of the same length.
 *
 * @example
 * barFigure(['top 1%', 'top 10%'], [{ name: 'Share of messages', values: [0.31, 0.62] }], { percent: true })
 */
export function barFigure(labels: readonly Datum[], series: readonly Series[], options: BarFigureOptions = {}): Figure {
  for (const s of series) {
    if (s.values.length !== labels.length) throw new RangeError(`series "${s.name}" has ${s.values.length} values for ${labels.length} labels`);
  }
  const horizontal = (options.orientation ?? 'h') === 'h';
  const categories = uniqueLabels(labels, options.missingLabel);
  const format = options.percent ? ':.1%' : ':,';
  const data = series.map((s, i): Trace => ({
    type: 'bar',
    name: s.name,
    orientation: horizontal ? 'h' : 'v',
    ...(horizontal ? { x: [...s.values], y: categories } : { x: categories, y: [...s.values] }),
    marker: { color: seriesColor(i) },
    hovertemplate: `%{${horizontal ? 'y' : 'x'}}: %{${horizontal ? 'x' : 'y'}${format}}<extra>${s.name}</extra>`,
  }));
  const valueAxis = { rangemode: 'tozero', ...(options.percent ? { tickformat: '.0%' } : {}), ...(options.valueTitle ? { title: { text: options.valueTitle } } : {}) };
  // The first label on top: category axes run bottom-up unless reversed.
  const labelAxis = { type: 'category' as const, automargin: true, ...(horizontal ? { autorange: 'reversed' as const } : {}) };
  return {
    data,
    layout: themedLayout(options.title, {
      xaxis: horizontal ? valueAxis : labelAxis,
      yaxis: horizontal ? labelAxis : valueAxis,
      barmode: options.barmode ?? 'group',
      showlegend: series.length > 1,
      legend: { orientation: 'h', y: -0.15 },
    }),
  };
}
