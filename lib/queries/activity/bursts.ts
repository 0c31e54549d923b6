import type { Kysely } from 'kysely';
import { trailingStats } from '../../analysis/rolling-stats';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import { guildColumns, scopedIndexes } from '../columns';
import { localUnits } from '../columns/local-units';
import { zoneSegments } from '../columns/zone-segments';
import type { QueryDefinition } from '../query-definition';
import { DAY_MS, dayToIso } from '../time-buckets';
import { numberParam } from '../param-values';

/** A local day far above the usual level, with the figures that flagged it. */
export interface BurstRow {
  /** `YYYY-MM-DD`, local to `timeZone`. */
  day: string;
  messages: number;
  /** Mean messages per day over the `window` days before (empty days count as 0). */
  baseline: number;
  /** Population standard deviation of the same days. */
  sd: number;
  /** baseline + k * sd: the day had more messages than this. */
  threshold: number;
  /** messages / baseline; null when the baseline is 0. */
  ratio: number | null;
}

export interface BurstsInput extends AuditParamsInput {
  /** Days of history the baseline is taken over (default 28). */
  window?: number | string;
  /** How many standard deviations above the baseline make a burst (default 3). */
  k?: number | string;
}

/**
 * Bursts: local days with far more counted messages than usual, to be matched with
 * announcements or airdrops. The rule, exactly:
 *
 * - The daily series runs over every local day (in `timeZone`) from the first day with a
 *   counted message in the period to the last; days without messages count as 0. Days before
 *   the first such day are not history.
 * - For a day D with messages, baseline = mean and sd = population standard deviation (divided
 *   by `window`) of the counts of the `window` days just before D (D - window … D - 1).
 * - D is a burst when it has at least `window` days of history (D - window is on or after the
 *   first day) and messages(D) > baseline + k * sd.
 *
 * Only flagged days are rows, oldest first. A first message after `window` silent days is a
 * burst (baseline 0, sd 0) by this rule: say so rather than hide it.
 *
 * @example
 * const flagged = await bursts(db, { guild, window: 28, k: 3, timeZone: 'UTC' });
 */
export async function bursts(db: Kysely<Database>, input: BurstsInput): Promise<BurstRow[]> {
  const window = numberParam(input.window, 'window', { default: 28, min: 1, integer: true });
  const k = numberParam(input.k, 'k', { default: 3, min: 0 });
  const params = await resolveAuditParams(db, input);
  const columns = await guildColumns(db, params.guild);
  const counted = await scopedIndexes(db, columns, params);
  if (counted.length === 0) return [];
  const { units: days, range } = localUnits(columns, counted, zoneSegments(columns, params.timeZone), DAY_MS);
  const [first, last] = range!;
  const perDay = new Int32Array(last - first + 1);
  for (let j = 0; j < days.length; j++) perDay[days[j] - first]++;
  const series = Array.from(perDay);
  const stats = trailingStats(series, window);
  const flagged: BurstRow[] = [];
  series.forEach((messages, i) => {
    const s = stats[i];
    if (messages === 0 || s === null) return;
    const threshold = s.mean + k * s.sd;
    if (messages > threshold) {
      flagged.push({ day: dayToIso(first + i), messages, baseline: s.mean, sd: s.sd, threshold, ratio: s.mean > 0 ? messages / s.mean : null });
    }
  });
  return flagged;
}

export const burstsQuery: QueryDefinition = {
  name: 'bursts',
  summary: 'Local days with messages > mean + k*sd of the previous `window` days (zeros included); flagged days only',
  follows: 'audit burstiness: rolling mean + k sd over the preceding window, population sd, at least `window` days of history',
  scope: 'guild',
  params: [
    { name: 'window', type: 'number', description: 'days of history for the baseline', default: 28 },
    { name: 'k', type: 'number', description: 'standard deviations above the baseline', default: 3 },
  ],
  run: bursts,
};
