import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import { guildColumns, scopedIndexes } from '../columns';
import { localUnits } from '../columns/local-units';
import { zoneSegments } from '../columns/zone-segments';
import type { QueryDefinition } from '../query-definition';
import { HOUR_MS } from '../time-buckets';

/** Messages in one weekday x hour cell. */
export interface HeatmapRow {
  /** 0 = Monday … 6 = Sunday, local to `timeZone`. */
  weekday: number;
  /** Mon … Sun, for tables and chart axes. */
  weekdayName: string;
  /** 0–23, local to `timeZone`. */
  hour: number;
  messages: number;
}

export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/**
 * Counted messages per local weekday x hour: always all 168 cells (Monday 00h first, Sunday 23h
 * last), empty ones with zeros. The local time follows the zone's offset at each message, so a
 * DST change moves messages to the hour the clocks showed.
 *
 * @example
 * const cells = await heatmap(db, { guild, timeZone: 'America/New_York' });
 */
export async function heatmap(db: Kysely<Database>, input: AuditParamsInput): Promise<HeatmapRow[]> {
  const params = await resolveAuditParams(db, input);
  const columns = await guildColumns(db, params.guild);
  const counted = await scopedIndexes(db, columns, params);
  const { units: hours } = localUnits(columns, counted, zoneSegments(columns, params.timeZone), HOUR_MS);
  const counts = new Int32Array(7 * 24);
  for (let k = 0; k < hours.length; k++) {
    const day = Math.floor(hours[k] / 24);
    // 1970-01-01 (day 0) was a Thursday: weekday 3 when Monday is 0.
    const weekday = (((day + 3) % 7) + 7) % 7;
    counts[weekday * 24 + (hours[k] - day * 24)]++;
  }
  return Array.from({ length: 7 * 24 }, (_, cell) => ({
    weekday: Math.floor(cell / 24),
    weekdayName: WEEKDAY_NAMES[Math.floor(cell / 24)],
    hour: cell % 24,
    messages: counts[cell],
  }));
}

export const heatmapQuery: QueryDefinition = {
  name: 'heatmap',
  summary: 'Messages per weekday (0 = Monday) x hour (0-23) in timeZone: all 168 cells',
  follows: 'Discord Server Insights / Statbot weekday x hour heatmap, in a stated time zone',
  scope: 'guild',
  params: [],
  run: heatmap,
};
