/**
 * Rows as CSV (RFC 4180): a header of every key in first-seen order; fields with commas, quotes
 * or line breaks are quoted; arrays and objects are written as JSON.
 */
export function toCsv(rows: readonly object[]): string {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell((r as Record<string, unknown>)[c])).join(','))];
  return lines.join('\r\n') + '\r\n';
}
