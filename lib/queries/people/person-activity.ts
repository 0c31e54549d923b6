import { sql, type Kysely } from 'kysely';
import { CONVERSATIONAL_KINDS } from '../../archives/message-kinds';
import type { Database } from '../../database/schema';
import { DAY_MS, HOUR_MS } from '../time-buckets';
import { offsetSegments, toLocal } from '../time-zone';

/** Every real UTC offset is a multiple of 15 minutes, so quarter-hours map exactly to local hours. */
const QUARTER_MS = 15 * 60_000;

/** Messages of a person per hour of the day, in UTC and in a chosen time zone. */
export interface HourlyActivity {
  /** Index h = messages sent between h:00 and h+1:00 UTC. */
  utc: number[];
  /** The same in the time zone, with its DST changes. */
  local: number[];
}

/**
 * Counts a person's conversational messages (all guilds) per hour of day, in UTC and in
 * `timeZone`. SQL groups by quarter-hour since the epoch (integer division, no date functions);
 * JS turns each quarter into a local hour with the zone's offset at that instant.
 *
 * @example
 * const { utc, local } = await hourlyActivity(db, ['3001'], 'Europe/Berlin');
 */
export async function hourlyActivity(db: Kysely<Database>, ids: string[], timeZone: string): Promise<HourlyActivity> {
  const quarter = sql<number>`m.sent_at / ${sql.lit(QUARTER_MS)}`;
  const rows = await db
    .selectFrom('messages as m')
    .select([quarter.as('quarter'), sql<number>`count(*)`.as('n')])
    .where('m.author_id', 'in', ids)
    .where('m.kind', 'in', [...CONVERSATIONAL_KINDS])
    .groupBy(quarter)
    .execute();
  const utc = new Array<number>(24).fill(0);
  const local = new Array<number>(24).fill(0);
  if (rows.length === 0) return { utc, local };
  const starts = rows.map((r) => Number(r.quarter) * QUARTER_MS);
  const first = starts.reduce((a, b) => Math.min(a, b));
  const last = starts.reduce((a, b) => Math.max(a, b));
  const segments = offsetSegments(timeZone, first - DAY_MS, last + DAY_MS);
  rows.forEach((r, i) => {
    const n = Number(r.n);
    utc[hourOf(starts[i])] += n;
    local[hourOf(toLocal(starts[i], segments))] += n;
  });
  return { utc, local };
}

function hourOf(ms: number): number {
  return ((Math.floor(ms / HOUR_MS) % 24) + 24) % 24;
}
