import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { bucketKeyLabel, bucketKeyOfDay, localDayOf, nextBucketKey } from '../activity/bucket-keys';
import { granularityParam, numberParam } from '../param-values';
import { resolveAuditParams, type AuditParams, type AuditParamsInput } from '../audit-params';
import { channelMask, guildColumns, periodSlice, type GuildColumns } from '../columns';
import { zoneSegments } from '../columns/zone-segments';
import type { QueryDefinition } from '../query-definition';
import type { Granularity } from '../time-buckets';
import { firstCountedMessages } from './first-sightings';
import { historySpan } from './history-span';
import { bucketKeyer } from './local-buckets';

/** One cell of the cohort matrix. */
export interface RetentionRow {
  /** The cohort's bucket: `YYYY-MM-DD` of its week's Monday, or `YYYY-MM`. */
  cohort: string;
  /** Members whose first counted message falls in the cohort's bucket. */
  size: number;
  /** Buckets after the cohort's: 0 is the cohort's own. */
  period: number;
  /** Cohort members with a counted message in bucket cohort + period; null when that bucket lies after the end of the period or history. */
  active: number | null;
  /** active / size; null with `active`. */
  share: number | null;
}

export interface RetentionInput extends AuditParamsInput {
  /** week (default, from Monday) or month, in `timeZone`. */
  granularity?: string;
  /** Buckets to follow each cohort after its own (default 8). */
  periods?: number | string;
}

/**
 * Cohort retention matrix: a cohort is the members whose first counted message (over the whole
 * history in scope, so nobody joins a cohort twice) falls in the same week (Monday to Sunday) or
 * month of the period; for each cohort and each period 0 … `periods`, how many of them sent a
 * counted message in bucket cohort + period. "Still posting N weeks later" is measured per
 * bucket: active in week N, whatever they did in the weeks between. Period 0 is the whole
 * cohort by definition. Buckets after the end of the period (or, when `to` is open, of the
 * history: its latest stored message of any kind) were not observed: their `active` and
 * `share` are null, not 0. Cohorts with no members are left out. Oldest cohort first.
 *
 * @example
 * const matrix = await retention(db, { guild, granularity: 'month', periods: 6 });
 */
export async function retention(db: Kysely<Database>, input: RetentionInput): Promise<RetentionRow[]> {
  const granularity = granularityParam(input.granularity, ['week', 'month'], 'week');
  const periods = numberParam(input.periods, 'periods', { default: 8, min: 0, integer: true });
  const params = await resolveAuditParams(db, input);
  const columns = await guildColumns(db, params.guild);
  const segments = zoneSegments(columns, params.timeZone);
  const end = params.to !== null ? params.to - 1 : historySpan(columns, params)?.last ?? null;
  if (end === null) return [];
  const lastObserved = bucketKeyOfDay(localDayOf(end, params.timeZone), granularity);
  const cells = await cohortCells(db, columns, params, bucketKeyer(segments, granularity), granularity, periods);

  // Every member is active in their cohort's own bucket (their first message is there), so the
  // period-0 cell is the cohort's size.
  const rows: RetentionRow[] = [];
  for (const { cohort, active } of cells) {
    const size = active[0];
    let bucket = cohort;
    for (let period = 0; period <= periods; period++, bucket = nextBucketKey(bucket, granularity)) {
      const observed = bucket <= lastObserved;
      const n = observed ? active[period] ?? 0 : null;
      rows.push({ cohort: bucketKeyLabel(cohort, granularity), size, period, active: n, share: n === null ? null : n / size });
    }
  }
  return rows;
}

export const retentionQuery: QueryDefinition = {
  name: 'retention',
  summary: 'Cohort matrix: members by week/month of first message, and how many post in each later bucket (per bucket)',
  follows: 'cohort retention (CHAOSS, Discord Server Insights retention): share of a cohort with a message in bucket cohort + N',
  scope: 'guild',
  params: [
    { name: 'granularity', type: 'string', description: 'week (Monday to Sunday) or month', default: 'week' },
    { name: 'periods', type: 'number', description: 'buckets to follow each cohort after its own', default: 8 },
  ],
  run: retention,
};

/**
 * The non-empty cohorts, oldest first, each with its members active per period (`active[p]`:
 * in bucket cohort + p, for the periods the data reaches): a member's first counted message
 * (over the whole history) sets their cohort, kept when it falls inside the period; then the
 * period's counted messages mark the buckets each cohort member was active in.
 */
async function cohortCells(
  db: Kysely<Database>,
  columns: GuildColumns,
  params: AuditParams,
  keyOf: (utcMs: number) => number,
  granularity: Granularity,
  periods: number,
): Promise<{ cohort: number; active: Int32Array }[]> {
  const m = columns.messages;
  if (m.count === 0) return [];
  // Buckets numbered from one before the history's first (a DST step back can reach it).
  const step = granularity === 'week' ? 7 : 1;
  const base = keyOf(m.sentAt[0]) - step;
  const buckets = (keyOf(m.sentAt[m.count - 1]) - base) / step + 2;
  const width = Math.min(periods + 1, buckets);
  const cells = new Int32Array(buckets * width);

  const first = await firstCountedMessages(db, columns, params);
  const [lo, hi] = periodSlice(columns, params);
  const cohortOf = new Int32Array(first.length).fill(-1); // -1: no first message in the period
  for (let u = 0; u < first.length; u++) if (first[u] >= lo) cohortOf[u] = (keyOf(m.sentAt[first[u]]) - base) / step;

  // One pass in time order. A member's bucket is checked against their last one; local days can
  // step back an hour at a DST change, so a bucket may recur after another: the (member,
  // period) pairs already counted are bits.
  const inChannels = params.channels === null ? null : channelMask(columns, params.channels);
  const lastBucket = new Int32Array(first.length).fill(-1);
  const counted = new Uint8Array(Math.ceil((first.length * width) / 8));
  for (let i = lo; i < hi; i++) {
    if (m.conversational[i] === 0) continue;
    const a = m.author[i];
    const cohort = cohortOf[a];
    if (cohort < 0 || (inChannels !== null && inChannels[m.channel[i]] === 0)) continue;
    const bucket = (keyOf(m.sentAt[i]) - base) / step;
    if (bucket === lastBucket[a]) continue;
    lastBucket[a] = bucket;
    const period = bucket - cohort;
    const bit = a * width + period;
    if (period < 0 || period >= width || (counted[bit >>> 3] & (1 << (bit & 7))) !== 0) continue;
    counted[bit >>> 3] |= 1 << (bit & 7);
    cells[cohort * width + period]++;
  }
  const out: { cohort: number; active: Int32Array }[] = [];
  for (let c = 0; c < buckets; c++) {
    if (cells[c * width] > 0) out.push({ cohort: base + c * step, active: cells.subarray(c * width, (c + 1) * width) });
  }
  return out;
}
