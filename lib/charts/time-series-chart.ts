/** Time series figures: activity per day/week/month, lifecycle counts per day, any series over time. */
import type { Datum, Figure, Trace } from './figure';
import { columnOf, humanize, isIsoTimeColumn, type LabelKey, type NumericKey } from './row-columns';
import { seriesColor, themedLayout } from './theme';

/** How the series are drawn. */
export type SeriesStyle = 'lines' | 'bars' | 'stacked-bars' | 'stacked-areas';

/** Options shared by the row and the array forms. */
export interface SeriesChartOptions {
  title?: string;
  /** Axis titles; the x axis has none by default (dates speak for themselves). */
  xTitle?: string;
  yTitle?: string;
  /** Default `lines`. */
  style?: SeriesStyle;
  /** Shares (0–1) shown as percentages. */
  percent?: boolean;
}

/** Options of `timeSeriesChart`: which column is time and which are the series. */
export interface TimeSeriesChartOptions<R> extends SeriesChartOptions {
  /** The time column (ISO `YYYY-MM-DD`, `YYYY-MM` or instants), e.g. `bucket` or `day`. */
  x: LabelKey<R>;
  /** One or more numeric columns, one trace each. */
  y: NumericKey<R> | Array<NumericKey<R>>;
  /** Legend names by column; default the column name humanized ("activeMembers" → "Active members"). */
  names?: Partial<Record<NumericKey<R>, string>>;
}

/**
 * A time series figure from query rows: one trace per `y` column against the `x` column. An x
 * column of ISO dates, months or instants gets a date axis.
 *
 * @example
 * show(timeSeriesChart(await activity(db, { guild, granularity: 'week' }), { x: 'bucket', y: ['messages', 'communicators'], title: 'Weekly activity' }));
 */
export function timeSeriesChart<R extends object>(rows: readonly R[], options: TimeSeriesChartOptions<R>): Figure {
  const keys = Array.isArray(options.y) ? options.y : [options.y];
  const names = (options.names ?? {}) as Partial<Record<string, string>>;
  return seriesFigure(
    columnOf(rows, options.x),
    keys.map((key) => ({ name: names[key] ?? humanize(key), values: columnOf(rows, key) })),
    options,
  );
}

/** One named series of values, aligned with the x values. */
export interface Series {
  name: string;
  values: readonly Datum[];
}

/**
 * The same figure from plain arrays: x values (ISO times get a date axis, anything else a
 * category or linear axis) and named series of the same length.
 *
 * @example
 * seriesFigure(['2024-01', '2024-02'], [{ name: 'Joins', values: [3, 5] }], { style: 'bars' })
 */
export function seriesFigure(x: readonly Datum[], series: readonly Series[], options: SeriesChartOptions = {}): Figure {
  for (const s of series) {
    if (s.values.length !== x.length) throw new RangeError(`series "${s.name}" has ${s.values.length} values for ${x.length} x values`);
  }
  const style = options.style ?? 'lines';
  const data = series.map((s, i): Trace => {
    const color = seriesColor(i);
    const common = { name: s.name, x: [...x], y: [...s.values] };
    if (style === 'lines') return { type: 'scatter', mode: 'lines', ...common, line: { color, width: 2 } };
    if (style === 'stacked-areas') return { type: 'scatter', mode: 'lines', ...common, stackgroup: 'one', line: { color, width: 1 } };
    return { type: 'bar', ...common, marker: { color } };
  });
  return {
    data,
    layout: themedLayout(options.title, {
      xaxis: { ...(isIsoTimeColumn(x) ? { type: 'date' } : {}), ...(options.xTitle ? { title: { text: options.xTitle } } : {}) },
      yaxis: { rangemode: 'tozero', ...(options.percent ? { tickformat: '.0%' } : {}), ...(options.yTitle ? { title: { text: options.yTitle } } : {}) },
      ...(style === 'bars' ? { barmode: 'group' } : style === 'stacked-bars' ? { barmode: 'stack' } : {}),
      showlegend: series.length > 1,
      hovermode: 'x unified',
      legend: { orientation: 'h', y: -0.15 },
    }),
  };
}
