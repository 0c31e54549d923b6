import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { bucketKeyLabel, bucketKeyOfDay, localDayOf, nextBucketKey, withCalendar } from '../activity/bucket-keys';
import { granularityParam, numberParam } from '../param-values';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import { scopedMessages } from '../message-scope';
import type { QueryDefinition } from '../query-definition';
import { localTime } from '../time-buckets';
import { firstMessages } from './first-sightings';
import { historySpan } from './history-span';

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
  const t = await localTime(db, params);

  let firsts = db.selectFrom(firstMessages(db, params).as('f')).select(['f.author_id', t.day('f.first').as('day')]);
  if (params.from !== null) firsts = firsts.where('f.first', '>=', params.from);
  const activeDays = scopedMessages(db, params).select(['m.author_id', t.day('m.sent_at').as('day')]);
  const [cells, end] = await Promise.all([
    (await withCalendar(db, params, granularity))
      .with('cohorts', (qc) => qc.selectFrom(firsts.as('f')).innerJoin('calendar as cal', 'cal.day', 'f.day').select(['f.author_id', 'cal.bucket as cohort']))
      .with('active', (qc) => qc.selectFrom(activeDays.as('a')).innerJoin('calendar as cal', 'cal.day', 'a.day').select(['a.author_id', 'cal.bucket']).distinct())
      .selectFrom('cohorts as c')
      .innerJoin('active as a', 'a.author_id', 'c.author_id')
      .select((eb) => ['c.cohort', 'a.bucket', eb.fn.countAll<number>().as('n')])
      .groupBy(['c.cohort', 'a.bucket'])
      .execute(),
    params.to !== null ? Promise.resolve(params.to - 1) : historySpan(db, params).then((span) => span?.last ?? null),
  ]);
  if (end === null) return [];
  const lastObserved = bucketKeyOfDay(localDayOf(end, params.timeZone), granularity);
  const active = new Map(cells.map((c) => [`${Number(c.cohort)}:${Number(c.bucket)}`, Number(c.n)]));

  // Every member is active in their cohort's own bucket (their first message is there), so the
  // period-0 cell is the cohort's size.
  const cohortKeys = [...new Set(cells.map((c) => Number(c.cohort)))].sort((a, b) => a - b);
  const rows: RetentionRow[] = [];
  for (const cohort of cohortKeys) {
    const size = active.get(`${cohort}:${cohort}`) ?? 0;
    let bucket = cohort;
    for (let period = 0; period <= periods; period++, bucket = nextBucketKey(bucket, granularity)) {
      const observed = bucket <= lastObserved;
      const n = observed ? active.get(`${cohort}:${bucket}`) ?? 0 : null;
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
