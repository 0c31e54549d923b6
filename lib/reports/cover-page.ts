/** The first page of a printed report: what was audited, when, and from which data. */
import { escapeHtml } from '../charts/html-escape';

/** The facts printed on the cover; each is left out when not given. */
export interface CoverFields {
  /** The audited guild's name. */
  guild?: string;
  /** The period the report covers, as the reader should read it (e.g. `2024-01-01 to 2024-06-30`). */
  period?: string;
  /** When the report was made: a Date prints as `YYYY-MM-DD HH:MM UTC`, a string as given. */
  generatedAt?: Date | string;
  /** The state of the audit database (`dataVersion(db)`), so two reports can be compared. */
  dataVersion?: string;
}

/** The cover's HTML: the title, then a list of the fields given. */
export function coverPageHtml(title: string, fields: CoverFields): string {
  const rows: Array<[string, string | undefined]> = [
    ['Guild', fields.guild],
    ['Period', fields.period],
    ['Generated', fields.generatedAt instanceof Date ? utcMinute(fields.generatedAt) : fields.generatedAt],
    ['Data version', fields.dataVersion],
  ];
  const list = rows
    .filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '')
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('\n');
  return [
    '<section class="cover">',
    `<h1 class="cover-title">${escapeHtml(title)}</h1>`,
    list === '' ? '' : `<dl class="cover-fields">\n${list}\n</dl>`,
    '</section>',
  ].join('\n');
}

/** `2024-06-30 14:05 UTC`: a time readers everywhere read the same way. */
function utcMinute(date: Date): string {
  if (!Number.isFinite(date.getTime())) throw new RangeError('generatedAt is not a valid date');
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
