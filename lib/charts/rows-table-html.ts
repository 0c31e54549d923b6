/** Query rows (or a danfojs DataFrame) as an HTML table output. */
import { cellKind, formatCell, type CellKind } from './cell-format';
import { escapeHtml } from './html-escape';

/** The parts of a danfojs DataFrame the table reads (`columns`, `values`), so danfojs need not be loaded. */
export interface FrameLike {
  columns: string[];
  values: unknown[] | unknown[][];
}

/** Rows of plain objects, or a DataFrame. */
export type TableSource = readonly unknown[] | FrameLike;

/** Options of `rowsTableHtml`. */
export interface RowsTableOptions {
  /** Rows shown; the rest are counted in a "… N more rows" line. Default 100. */
  maxRows?: number;
  /** Columns to show, in order; default every key of the shown rows in first-seen order. */
  columns?: string[];
  /** Significant digits of non-integers; default 3. */
  digits?: number;
  /** Columns of shares (0–1) shown as percentages. */
  percent?: string[];
  /** Own text of a column's cells (escaped afterwards), e.g. `{ year: String }` to drop separators. */
  format?: Record<string, (value: unknown) => string>;
  /** A caption above the table. */
  caption?: string;
}

/** True for a value shaped like a danfojs DataFrame (an array `columns` and an array `values`). */
export function isFrameLike(value: unknown): value is FrameLike {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as { columns?: unknown; values?: unknown };
  return Array.isArray(v.columns) && Array.isArray(v.values);
}

/** Rows of a DataFrame as plain objects (a one-column frame's values may come flat). */
export function frameRows(frame: FrameLike): Array<Record<string, unknown>> {
  return frame.values.map((row) => {
    const cells = Array.isArray(row) ? row : [row];
    return Object.fromEntries(frame.columns.map((c, i) => [c, cells[i]]));
  });
}

/**
 * An HTML table of rows: a `thead` (printed tables repeat it on every page), cells escaped,
 * numbers right-aligned and formatted by `formatCell` (1,234 · 0.123 · 12.3%), null empty,
 * nested objects and arrays as compact JSON, at most `maxRows` rows then a "… N more rows" line.
 * Class names for styling: `guildaudit-table` on the table, `num`, `text`, `json`, `empty` on
 * cells, `guildaudit-table-more` on the line.
 *
 * @example
 * tslab.display.html(rowsTableHtml(await channelActivity(db, { guild }), { maxRows: 20, percent: ['share'] }));
 */
export function rowsTableHtml(source: TableSource, options: RowsTableOptions = {}): string {
  // A list of plain values (IDs, counts) is a one-column table.
  const rows: readonly object[] = isFrameLike(source)
    ? frameRows(source)
    : source.map((r: unknown) => (typeof r === 'object' && r !== null && !Array.isArray(r) ? r : { value: r }));
  const maxRows = Math.max(0, options.maxRows ?? 100);
  const shown = rows.slice(0, maxRows) as ReadonlyArray<Record<string, unknown>>;
  const columns = options.columns ?? keysOf(isFrameLike(source) ? [Object.fromEntries(source.columns.map((c) => [c, null]))] : shown);
  const percent = new Set(options.percent ?? []);
  const numeric = columns.map((c) => shown.some((r) => cellKind(r[c]) === 'number') && shown.every((r) => ['number', 'empty'].includes(cellKind(r[c]))));

  const cellText = (v: unknown, c: string) => options.format?.[c]?.(v) ?? formatCell(v, { digits: options.digits, percent: percent.has(c) });
  const cell = (tag: 'td' | 'th', kind: CellKind | 'num', text: string) =>
    `<${tag} class="${kind === 'number' ? 'num' : kind}" style="text-align:${kind === 'number' || kind === 'num' ? 'right' : 'left'}">${escapeHtml(text)}</${tag}>`;
  const head = `<thead><tr>${columns.map((c, i) => cell('th', numeric[i] ? 'num' : 'text', c)).join('')}</tr></thead>`;
  const body = shown
    .map((r) => `<tr>${columns.map((c) => cell('td', cellKind(r[c]), cellText(r[c], c))).join('')}</tr>`)
    .join('\n');
  const more = rows.length - shown.length;
  return [
    '<div class="guildaudit-table-wrap">',
    '<table class="guildaudit-table">',
    ...(options.caption ? [`<caption>${escapeHtml(options.caption)}</caption>`] : []),
    head,
    `<tbody>\n${body}\n</tbody>`,
    '</table>',
    ...(more > 0 ? [`<p class="guildaudit-table-more">… ${more.toLocaleString('en-US')} more row${more === 1 ? '' : 's'}</p>`] : []),
    ...(rows.length === 0 ? ['<p class="guildaudit-table-more">No rows.</p>'] : []),
    '</div>',
  ].join('\n');
}

/** Every key of the rows, in first-seen order. */
function keysOf(rows: ReadonlyArray<object>): string[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) keys.add(k);
  return [...keys];
}
