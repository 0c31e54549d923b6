/** How one table cell reads: numbers with separators or significant digits, JSON for nested values. */

/** Options of `formatCell`. */
export interface CellFormatOptions {
  /** Significant digits of non-integers below 1,000; default 3. */
  digits?: number;
  /** Show the number as a percentage (a share 0–1). */
  percent?: boolean;
}

/** What kind of cell a value makes: its class name and alignment follow. */
export type CellKind = 'number' | 'text' | 'json' | 'empty';

/** The kind of a value: numbers and bigints are `number`, null/undefined `empty`, objects and arrays `json`. */
export function cellKind(value: unknown): CellKind {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  if (typeof value === 'object' && !(value instanceof Date)) return 'json';
  return 'text';
}

/**
 * The text of a cell (not yet HTML-escaped): integers with thousands separators (1,234,567);
 * other numbers below 1,000 to `digits` significant digits (0.123, 12.3), from 1,000 up rounded
 * to an integer with separators; percentages to `digits` significant digits (12.3%); null and
 * undefined empty; dates as ISO; objects and arrays as compact JSON. Always en-US, whatever the
 * machine's locale.
 *
 * @example
 * formatCell(1234567) // "1,234,567"
 * formatCell(0.123456) // "0.123"
 * formatCell(0.123456, { percent: true }) // "12.3%"
 */
export function formatCell(value: unknown, options: CellFormatOptions = {}): string {
  const digits = options.digits ?? 3;
  if (value === null || value === undefined) return '';
  if (typeof value === 'bigint') return value.toLocaleString('en-US');
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
    if (options.percent) return `${formatNumber(value * 100, digits)}%`;
    return formatNumber(value, digits);
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}

function formatNumber(value: number, digits: number): string {
  if (Number.isInteger(value) || Math.abs(value) >= 1000) return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
  return value.toLocaleString('en-US', { maximumSignificantDigits: digits });
}
