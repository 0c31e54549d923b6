import type { GuildSummary } from '../queries/guild-summaries';
import type { CoverFields } from './cover-page';

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

/**
 * The cover of a report made now from a run with these parameters on this guild: its name, the
 * period (falling back to the guild's span) and the data version.
 */
export function reportCover(parameters: { from?: string; to?: string }, guild: GuildSummary, dataVersion: string): CoverFields {
  return { guild: guild.name, period: reportPeriod(parameters, guild), generatedAt: new Date(), dataVersion };
}
