/** The retention cohort matrix as a heatmap. */
import type { Datum, Figure } from './figure';
import { heatmapFigure } from './heatmap-chart';

/** The columns of a retention row the chart reads (the `retention` query's rows have them). */
export interface CohortCell {
  cohort: string;
  size: number;
  period: number;
  active: number | null;
  share: number | null;
}

/** Options of `cohortMatrixChart`. */
export interface CohortMatrixChartOptions {
  title?: string;
  /** `share` (default: percentages of the cohort) or `active` (member counts). */
  value?: 'share' | 'active';
  /** Title of the period axis; default "Periods after the first message". */
  periodTitle?: string;
  /** Write each cell's value in it; default true. */
  cellText?: boolean;
}

/**
 * The cohort matrix of the `retention` query: one row per cohort (oldest on top, labelled with
 * its size), one column per period after it, cells coloured by the share still active (or the
 * count). Unobserved cells (null) stay blank, never 0.
 *
 * @example
 * show(cohortMatrixChart(await retention(db, { guild, granularity: 'month', periods: 6 }), { title: 'Monthly retention', periodTitle: 'Months after first message' }));
 */
export function cohortMatrixChart(rows: readonly CohortCell[], options: CohortMatrixChartOptions = {}): Figure {
  const value = options.value ?? 'share';
  const cohorts = [...new Set(rows.map((r) => r.cohort))].sort();
  const periods = [...new Set(rows.map((r) => r.period))].sort((a, b) => a - b);
  const rowOf = new Map(cohorts.map((c, i) => [c, i]));
  const columnOf = new Map(periods.map((p, i) => [p, i]));
  const z: Datum[][] = cohorts.map(() => periods.map(() => null));
  const hover: Datum[][] = cohorts.map(() => periods.map(() => null));
  const sizes = new Map<string, number>();
  for (const r of rows) {
    const i = rowOf.get(r.cohort)!;
    const j = columnOf.get(r.period)!;
    z[i][j] = r[value];
    hover[i][j] = r.active === null ? 'not observed yet' : `${r.active} of ${r.size} members`;
    sizes.set(r.cohort, r.size);
  }
  return heatmapFigure(
    { x: periods.map(String), y: cohorts.map((c) => `${c} (${sizes.get(c)})`), z },
    {
      title: options.title,
      xTitle: options.periodTitle ?? 'Periods after the first message',
      yTitle: 'Cohort (members)',
      valueName: value === 'share' ? 'Still active' : 'Active members',
      percent: value === 'share',
      cellText: options.cellText ?? true,
      hoverText: hover,
    },
  );
}
