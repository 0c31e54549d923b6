/** Picking columns out of query rows for chart builders. */
import type { Datum } from './figure';

/** Keys of `R` whose values are numbers (or null), for value columns. */
export type NumericKey<R> = { [K in keyof R]-?: R[K] extends number | null | undefined ? K : never }[keyof R] & string;

/** Keys of `R` whose values can label an axis (strings, numbers, null). */
export type LabelKey<R> = { [K in keyof R]-?: R[K] extends string | number | null | undefined ? K : never }[keyof R] & string;

/** The values of one column, numbers and strings kept, anything else (undefined, NaN) as null. */
export function columnOf<R>(rows: readonly R[], key: keyof R & string): Datum[] {
  return rows.map((r) => asDatum(r[key]));
}

/** A value usable in a trace: numbers (finite) and strings as they are, the rest null. */
export function asDatum(v: unknown): Datum {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v;
  return null;
}

/** `camelCase` or `kebab-case` key → "Camel case" label for legends and axes. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ISO_DATE = /^\d{4}-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/;

/** True when every non-null value is an ISO date, month or instant (`YYYY-MM`, `YYYY-MM-DD`, `…THH:MM…`). */
export function isIsoTimeColumn(values: readonly Datum[]): boolean {
  const present = values.filter((v) => v !== null);
  return present.length > 0 && present.every((v) => typeof v === 'string' && ISO_DATE.test(v));
}

/**
 * Labels made unique for a category axis (plotly merges equal labels into one category): the
 * second "general" becomes "general (2)". Null labels read `missing`.
 */
export function uniqueLabels(labels: readonly Datum[], missing = '(none)'): string[] {
  const seen = new Map<string, number>();
  const taken = new Set(labels.map((l) => (l === null ? missing : String(l))));
  return labels.map((l) => {
    const base = l === null ? missing : String(l);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    if (n === 1) return base;
    let k = n;
    while (taken.has(`${base} (${k})`)) k++;
    const label = `${base} (${k})`;
    taken.add(label);
    seen.set(base, k);
    return label;
  });
}
