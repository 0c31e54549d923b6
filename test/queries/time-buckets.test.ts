import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketKeyOfDay } from '../../lib/queries/activity/bucket-keys';
import { guildColumns } from '../../lib/queries/columns';
import { zoneSegments } from '../../lib/queries/columns/zone-segments';
import { bucketKeyer } from '../../lib/queries/growth/local-buckets';
import { bucketLabel, DAY_MS, monthKeyToIso } from '../../lib/queries/time-buckets';
import { offsetSegments, toLocal } from '../../lib/queries/time-zone';
import { buildGuild } from '../support/build-guild';
import { describeEachEngine } from '../support/engines';

// Times around Berlin's 2024 DST changes (31 March 01:00 UTC, 27 October 01:00 UTC), month and
// year ends, and a leap day.
const TIMES = [
  '2023-12-31T22:59:59Z', '2023-12-31T23:00:00Z', '2024-02-29T12:00:00Z', '2024-03-31T00:59:59Z',
  '2024-03-31T01:00:00Z', '2024-03-31T22:30:00Z', '2024-10-27T00:59:59Z', '2024-10-27T01:00:00Z', '2024-12-31T23:30:00Z',
];

/** Local fields in a zone, straight from Intl (independent of the code under test). */
function local(iso: string, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', weekday: 'short',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    month: `${get('year')}-${get('month')}`,
    hour: Number(get('hour')),
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')),
  };
}

test('offset segments find Berlin 2024 transitions to the second', () => {
  const segments = offsetSegments('Europe/Berlin', Date.parse('2024-01-01T00:00:00Z'), Date.parse('2024-12-31T00:00:00Z'));
  assert.deepEqual(segments.slice(1).map((s) => [new Date(s.start).toISOString(), s.offsetMs / 3600_000]),
    [['2024-03-31T01:00:00.000Z', 2], ['2024-10-27T01:00:00.000Z', 1]]);
  assert.equal(segments[0].offsetMs, 3600_000);
});

describeEachEngine('local time buckets', (ctx) => {
  test('local days, hours and months from the columns match Intl in UTC and in DST zones', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, {
      id: '1000', name: 'Buckets', channels: [{ id: '2000', name: 'general' }], users: [{ id: '3000', name: 'a' }],
      messages: TIMES.map((at, i) => ({ id: String(4000 + i), channel: '2000', author: '3000', at })),
    });
    const columns = await guildColumns(engine.db, '1000');
    for (const timeZone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata']) {
      const segments = zoneSegments(columns, timeZone);
      const monthOf = bucketKeyer(segments, 'month');
      const rows = Array.from(columns.messages.sentAt, (ms) => {
        const day = Math.floor(toLocal(ms, segments) / DAY_MS);
        assert.equal(bucketKeyOfDay(day, 'month'), monthOf(ms));
        return { date: bucketLabel(day, 'day'), month: monthKeyToIso(monthOf(ms)), hour: new Date(toLocal(ms, segments)).getUTCHours() };
      });
      assert.deepEqual(rows, TIMES.map((iso) => {
        const { date, month, hour } = local(iso, timeZone);
        return { date, month, hour };
      }), timeZone);
    }
  });
});

test('bucket labels: Monday weeks and months', () => {
  const day = (iso: string) => Date.parse(iso) / 86_400_000;
  assert.equal(bucketLabel(day('2024-03-31'), 'week'), '2024-03-25'); // a Sunday belongs to the week from Monday 25th
  assert.equal(bucketLabel(day('2024-04-01'), 'week'), '2024-04-01');
  assert.equal(bucketLabel(day('2024-02-29'), 'month'), '2024-02');
  assert.equal(bucketLabel(day('1970-01-01'), 'week'), '1969-12-29');
});
