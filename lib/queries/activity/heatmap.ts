import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import { scopedMessages } from '../message-scope';
import type { QueryDefinition } from '../query-definition';
import { localTime } from '../time-buckets';

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
  const t = await localTime(db, params);
  const cells = scopedMessages(db, params).select([t.weekday('m.sent_at').as('weekday'), t.hour('m.sent_at').as('hour')]);
  const rows = await db
    .selectFrom(cells.as('c'))
    .select((eb) => ['c.weekday', 'c.hour', eb.fn.countAll<number>().as('messages')])
    .groupBy(['c.weekday', 'c.hour'])
    .execute();
  const counts = new Map(rows.map((r) => [Number(r.weekday) * 24 + Number(r.hour), Number(r.messages)]));
  return Array.from({ length: 7 * 24 }, (_, cell) => ({
    weekday: Math.floor(cell / 24),
    weekdayName: WEEKDAY_NAMES[Math.floor(cell / 24)],
    hour: cell % 24,
    messages: counts.get(cell) ?? 0,
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
