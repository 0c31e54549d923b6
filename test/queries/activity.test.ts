import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Kysely } from 'kysely';
import { meanAndSd, trailingStats } from '../../lib/analysis/rolling-stats';
import type { Database } from '../../lib/database/schema';
import { activity, bursts, categoryActivity, channelActivity, heatmap } from '../../lib/queries/activity';
import { QueryParamError } from '../../lib/queries/query-error';
import { runQuery } from '../../lib/queries/run-query';
import { buildGuild, type GuildSpec } from '../support/build-guild';
import { describeEachEngine } from '../support/engines';

/**
 * A guild small enough to count by hand:
 *
 *   m1  alice  #general    2024-01-01 10:00Z  Mon
 *   m2  bob    #general    2024-01-01 11:00Z  Mon, reply to m1
 *   j1  carol  #lobby      2024-01-02 08:00Z  GuildMemberJoin (system, never a message)
 *   s1  sam    #general    2024-01-02 09:00Z  Tue (sam holds the Mod role)
 *   b1  bot    #general    2024-01-03 12:00Z  (a bot)
 *   m3  alice  #off-topic  2024-01-03 23:30Z  Wed; Thu 00:30 in Berlin
 *   m4  carol  help thread 2024-01-08 09:00Z  Mon (thread of #general)
 *   m5  bob    #general    2024-01-31 23:30Z  Wed; 1 February in Berlin
 *   m6  alice  #lobby      2024-02-05 15:00Z  Mon
 *
 * #general, #off-topic, #quiet (no message) and the thread are in "Community"; #lobby in none.
 */
const GUILD: GuildSpec = {
  id: '5100',
  name: 'Activity Guild',
  channels: [
    { id: '5200', name: 'Community', kind: 'GuildCategory' },
    { id: '5201', name: 'general', category: '5200' },
    { id: '5202', name: 'off-topic', category: '5200' },
    { id: '5203', name: 'lobby' },
    { id: '5204', name: 'help thread', parent: '5201' },
    { id: '5205', name: 'quiet', category: '5200' },
  ],
  roles: [{ id: '5300', name: 'Mod' }],
  users: [
    { id: '5401', name: 'alice' },
    { id: '5402', name: 'bob' },
    { id: '5403', name: 'carol' },
    { id: '5404', name: 'sam', roles: ['5300'] },
    { id: '5405', name: 'bot', bot: true },
  ],
  messages: [
    { id: '5501', channel: '5201', author: '5401', at: '2024-01-01T10:00:00Z' },
    { id: '5502', channel: '5201', author: '5402', at: '2024-01-01T11:00:00Z', replyTo: '5501' },
    { id: '5503', channel: '5203', author: '5403', at: '2024-01-02T08:00:00Z', kind: 'GuildMemberJoin' },
    { id: '5504', channel: '5201', author: '5404', at: '2024-01-02T09:00:00Z' },
    { id: '5505', channel: '5201', author: '5405', at: '2024-01-03T12:00:00Z' },
    { id: '5506', channel: '5202', author: '5401', at: '2024-01-03T23:30:00Z' },
    { id: '5507', channel: '5204', author: '5403', at: '2024-01-08T09:00:00Z' },
    { id: '5508', channel: '5201', author: '5402', at: '2024-01-31T23:30:00Z' },
    { id: '5509', channel: '5203', author: '5401', at: '2024-02-05T15:00:00Z' },
  ],
};
const guild = GUILD.id;

/** Every day from `first` to `last` (YYYY-MM-DD), with zeros except where `counts` says. */
function days(first: string, last: string, counts: Record<string, [number, number]>) {
  const rows = [];
  for (let t = Date.parse(first); t <= Date.parse(last); t += 86_400_000) {
    const bucket = new Date(t).toISOString().slice(0, 10);
    const [messages, communicators] = counts[bucket] ?? [0, 0];
    rows.push({ bucket, messages, communicators });
  }
  return rows;
}

/** A day series for bursts: `counts[i]` messages on the i-th day from 2024-03-01, by one author. */
function burstGuild(id: string, counts: number[]): GuildSpec {
  const messages: GuildSpec['messages'] = [];
  counts.forEach((n, day) => {
    for (let i = 0; i < n; i++) {
      const at = new Date(Date.parse('2024-03-01T12:00:00Z') + day * 86_400_000 + i * 1000).toISOString();
      messages.push({ id: `${id}${String(day).padStart(3, '0')}${String(i).padStart(3, '0')}`, channel: `${id}1`, author: `${id}2`, at });
    }
  });
  return { id, name: `Bursts ${id}`, channels: [{ id: `${id}1`, name: 'general' }], users: [{ id: `${id}2`, name: 'poster' }], messages };
}

describeEachEngine('activity metrics', (ctx) => {
  let db: Kysely<Database>;
  before(async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, GUILD);
    db = engine.db;
  });

  test('activity per day has every day from first to last message, empty ones as zeros', async () => {
    assert.deepEqual(await activity(db, { guild }), days('2024-01-01', '2024-02-05', {
      '2024-01-01': [2, 2], '2024-01-02': [1, 1], '2024-01-03': [1, 1], '2024-01-08': [1, 1], '2024-01-31': [1, 1], '2024-02-05': [1, 1],
    }));
  });

  test('activity per week (from Monday) and month, in UTC and in Berlin', async () => {
    assert.deepEqual(await activity(db, { guild, granularity: 'week' }), [
      { bucket: '2024-01-01', messages: 4, communicators: 3 }, // m1 m2 s1 m3: alice bob sam
      { bucket: '2024-01-08', messages: 1, communicators: 1 },
      { bucket: '2024-01-15', messages: 0, communicators: 0 },
      { bucket: '2024-01-22', messages: 0, communicators: 0 },
      { bucket: '2024-01-29', messages: 1, communicators: 1 },
      { bucket: '2024-02-05', messages: 1, communicators: 1 },
    ]);
    assert.deepEqual(await activity(db, { guild, granularity: 'month' }), [
      { bucket: '2024-01', messages: 6, communicators: 4 },
      { bucket: '2024-02', messages: 1, communicators: 1 },
    ]);
    assert.deepEqual(await activity(db, { guild, granularity: 'MONTH', timeZone: 'Europe/Berlin' }), [
      { bucket: '2024-01', messages: 5, communicators: 4 },
      { bucket: '2024-02', messages: 2, communicators: 2 }, // m5 moved to 1 February
    ]);
    const berlinDays = await activity(db, { guild, timeZone: 'Europe/Berlin', to: '2024-01-05' });
    assert.deepEqual(berlinDays, days('2024-01-01', '2024-01-04', { '2024-01-01': [2, 2], '2024-01-02': [1, 1], '2024-01-04': [1, 1] }));
  });

  test('activity covers the whole period asked for, and honours bots, staff and channels', async () => {
    assert.deepEqual(await activity(db, { guild, from: '2023-12-30', to: '2024-01-03' }),
      days('2023-12-30', '2024-01-02', { '2024-01-01': [2, 2], '2024-01-02': [1, 1] }));
    const [withBots] = await activity(db, { guild, from: '2024-01-03', to: '2024-01-04', includeBots: 'true' });
    assert.deepEqual(withBots, { bucket: '2024-01-03', messages: 2, communicators: 2 });
    const [noStaff] = await activity(db, { guild, granularity: 'week', staffRoles: 'Mod' });
    assert.deepEqual(noStaff, { bucket: '2024-01-01', messages: 3, communicators: 2 });
    // A category stands for its channels and their threads: #lobby's m6 is out.
    assert.deepEqual(await activity(db, { guild, granularity: 'month', channels: '5200' }), [{ bucket: '2024-01', messages: 6, communicators: 4 }]);
    assert.deepEqual(await activity(db, { guild, channels: '5205' }), []); // nothing in #quiet, and no period to span
  });

  test('channel activity: every channel and thread, a thread in its parent\'s category', async () => {
    const place = { kind: 'GuildTextChat', parentId: null, parentName: null, categoryId: '5200', categoryName: 'Community' };
    assert.deepEqual(await channelActivity(db, { guild }), [
      { channelId: '5201', name: 'general', ...place, messages: 4, communicators: 3, share: 4 / 7, first: '2024-01-01T10:00:00.000Z', last: '2024-01-31T23:30:00.000Z' },
      {
        channelId: '5204', name: 'help thread', kind: 'GuildPublicThread', parentId: '5201', parentName: 'general', categoryId: '5200', categoryName: 'Community',
        messages: 1, communicators: 1, share: 1 / 7, first: '2024-01-08T09:00:00.000Z', last: '2024-01-08T09:00:00.000Z',
      },
      { channelId: '5203', name: 'lobby', ...place, categoryId: null, categoryName: null, messages: 1, communicators: 1, share: 1 / 7, first: '2024-02-05T15:00:00.000Z', last: '2024-02-05T15:00:00.000Z' },
      { channelId: '5202', name: 'off-topic', ...place, messages: 1, communicators: 1, share: 1 / 7, first: '2024-01-03T23:30:00.000Z', last: '2024-01-03T23:30:00.000Z' },
      { channelId: '5205', name: 'quiet', ...place, messages: 0, communicators: 0, share: 0, first: null, last: null },
    ]);
    const inPeriod = await channelActivity(db, { guild, channels: ['5201'], from: '2024-01-02' });
    assert.deepEqual(inPeriod.map((r) => [r.channelId, r.messages, r.share]), [['5201', 2, 2 / 3], ['5204', 1, 1 / 3]]);
  });

  test('category activity rolls threads into their parent\'s category and counts communicators once', async () => {
    assert.deepEqual(await categoryActivity(db, { guild }), [
      {
        categoryId: '5200', categoryName: 'Community', channels: 4, activeChannels: 3, messages: 6, communicators: 4, share: 6 / 7,
        first: '2024-01-01T10:00:00.000Z', last: '2024-01-31T23:30:00.000Z',
      },
      {
        categoryId: null, categoryName: null, channels: 1, activeChannels: 1, messages: 1, communicators: 1, share: 1 / 7,
        first: '2024-02-05T15:00:00.000Z', last: '2024-02-05T15:00:00.000Z',
      },
    ]);
  });

  test('heatmap: all 168 weekday x hour cells, in the zone asked for', async () => {
    const cells = (rows: Array<{ weekday: number; hour: number; messages: number }>) =>
      Object.fromEntries(rows.filter((r) => r.messages > 0).map((r) => [`${r.weekday}:${r.hour}`, r.messages]));
    const utc = await heatmap(db, { guild });
    assert.equal(utc.length, 168);
    assert.deepEqual(utc.slice(0, 2), [{ weekday: 0, weekdayName: 'Mon', hour: 0, messages: 0 }, { weekday: 0, weekdayName: 'Mon', hour: 1, messages: 0 }]);
    assert.deepEqual(utc[167], { weekday: 6, weekdayName: 'Sun', hour: 23, messages: 0 });
    assert.deepEqual(cells(utc), { '0:9': 1, '0:10': 1, '0:11': 1, '0:15': 1, '1:9': 1, '2:23': 2 });
    assert.deepEqual(cells(await heatmap(db, { guild, timeZone: 'Europe/Berlin' })), { '0:10': 1, '0:11': 1, '0:12': 1, '0:16': 1, '1:10': 1, '3:0': 2 });
    const empty = await heatmap(db, { guild, channels: '5205' });
    assert.equal(empty.length, 168);
    assert.ok(empty.every((c) => c.messages === 0));
  });

  test('parameters are checked with errors that name them', async () => {
    const rejects = (promise: Promise<unknown>, message: RegExp) =>
      assert.rejects(promise, (e: unknown) => e instanceof QueryParamError && message.test(e.message));
    await rejects(activity(db, { guild, granularity: 'hour' }), /granularity must be day, week, month \(got 'hour'\)/);
    await rejects(bursts(db, { guild, window: '0' }), /window must be a whole number >= 1/);
    await rejects(bursts(db, { guild, window: '2.5' }), /window must be a whole number >= 1/);
    await rejects(bursts(db, { guild, k: 'lots' }), /k must be a number >= 0 \(got 'lots'\)/);
  });

  test('the queries are registered, and run through the cached runner with CLI strings', async () => {
    const fresh = await runQuery(db, 'activity', { guild, granularity: 'month' });
    const cached = await runQuery(db, 'activity', { guild, granularity: 'month' });
    assert.equal(cached.cached, true);
    assert.deepEqual(cached.rows, fresh.rows);
    for (const name of ['channel-activity', 'category-activity', 'heatmap', 'bursts']) {
      const { rows } = await runQuery(db, name, { guild }, { cache: false });
      assert.ok(Array.isArray(rows), name);
    }
  });
});

describeEachEngine('bursts', (ctx) => {
  let db: Kysely<Database>;
  before(async () => {
    const { engine } = await ctx.fresh();
    db = engine.db;
    // Day:  0  1  2   3  4  5  6   7
    await buildGuild(engine, burstGuild('61', [1, 1, 10, 1, 0, 0, 12, 1]));
    // 28 days alternating 1 and 3 (mean 2, sd 1), then 5 (= 2 + 3 * 1: not above), then 20.
    await buildGuild(engine, burstGuild('62', [...Array.from({ length: 28 }, (_, i) => (i % 2 === 0 ? 1 : 3)), 5, 20]));
  });

  test('a day is flagged only with a full window of history, empty days counting as 0', async () => {
    // Day 2 (10) has only two days before it. Day 3: [1, 1, 10] mean 4, sd √18 ≈ 4.24: 1 is not above.
    // Day 6: [1, 0, 0] mean 1/3, sd √2/3: 12 is far above. Day 7: [0, 0, 12] mean 4: 1 is not.
    const rows = await bursts(db, { guild: '61', window: '3', k: '1' });
    assert.equal(rows.length, 1);
    const [day6] = rows;
    assert.equal(day6.day, '2024-03-07');
    assert.equal(day6.messages, 12);
    assert.ok(Math.abs(day6.baseline - 1 / 3) < 1e-12);
    assert.ok(Math.abs(day6.sd - Math.SQRT2 / 3) < 1e-12);
    assert.ok(Math.abs(day6.threshold - (1 / 3 + Math.SQRT2 / 3)) < 1e-12);
    assert.ok(Math.abs(day6.ratio! - 36) < 1e-9);
  });

  test('defaults: 28 days, 3 sd, strictly above the threshold', async () => {
    const rows = await bursts(db, { guild: '62' });
    // Day 28 (5) sits exactly on 2 + 3 * 1 and is not flagged; day 29 (20) is, over days 1..28.
    const history = [...Array.from({ length: 27 }, (_, i) => ((i + 1) % 2 === 0 ? 1 : 3)), 5];
    const mean = history.reduce((a, b) => a + b, 0) / 28;
    const sd = Math.sqrt(history.reduce((a, v) => a + (v - mean) ** 2, 0) / 28);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].day, '2024-03-30');
    assert.ok(Math.abs(rows[0].baseline - mean) < 1e-12 && Math.abs(rows[0].sd - sd) < 1e-12);
    assert.deepEqual(await bursts(db, { guild: '62', window: 30 }), []); // 29 days of history at most
  });
});

test('mean and population sd over trailing windows', () => {
  assert.deepEqual(meanAndSd([2, 4, 4, 4, 5, 5, 7, 9]), { mean: 5, sd: 2 });
  assert.deepEqual(meanAndSd([]), { mean: 0, sd: 0 });
  assert.deepEqual(trailingStats([1, 3, 5, 7], 2), [null, null, { mean: 2, sd: 1 }, { mean: 4, sd: 1 }]);
  assert.throws(() => trailingStats([1], 0), RangeError);
});
