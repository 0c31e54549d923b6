/**
 * The period a report covers, as a reader reads it on the cover: `from` to the last day
 * included (the notebooks' `to` is exclusive), each side falling back to the guild's first and
 * last message day when given, else "the start" / "the end". Undefined when nothing is known.
 *
 * @example
 * reportPeriod({ from: '2024-01-01', to: '2024-07-01' }) // '2024-01-01 to 2024-06-30'
 */
export function reportPeriod(parameters: { from?: string; to?: string }, span: { first?: number | null; last?: number | null } = {}): string | undefined {
  const day = (ms: number | null | undefined) => (ms === null || ms === undefined || Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10));
  const from = parameters.from || day(span.first);
  const to = parameters.to ? day(Date.parse(`${parameters.to.slice(0, 10)}T00:00:00Z`) - 86_400_000) : day(span.last);
  if (!from && !to) return undefined;
  return `${from ?? 'the start'} to ${to ?? 'the end'}`;
}
