import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../lib/database/schema';
import { activation, joins, newMembers, retention, type NewMemberRow } from '../../lib/queries/growth';
import { QueryParamError } from '../../lib/queries/query-error';
import { runQuery } from '../../lib/queries/run-query';
import { buildGuild, type GuildSpec } from '../support/build-guild';
import { describeEachEngine } from '../support/engines';

/**
 * A guild whose newcomers arrive in March 2024 (the period most tests use):
 *
 *   o1   olga   #general  2024-02-10 10:00Z  (Sat) olga was there before March
 *   j1   nina   #lobby    2024-03-04 08:00Z  GuildMemberJoin
 *   n1a  nina   #general  2024-03-04 10:00Z  nina's first message
 *   o2   olga   #general  2024-03-05 10:00Z  reply to n1a: nina is answered
 *   n1b  nina   #general  2024-03-06 12:00Z
 *   j2   ned    #lobby    2024-03-10 00:00Z  GuildMemberJoin (a Sunday)
 *   n2a  ned    #general  2024-03-12 00:00Z  ned's first message
 *   n2b  ned    #general  2024-03-12 01:00Z  ned replies to himself: not an answer
 *   b1   bot    #general  2024-03-12 02:00Z  the bot replies to n2a: an answer only with bots
 *   n4a  nell   #general  2024-03-15 12:00Z  nell's first sighting, no join notice
 *   n1d  nina   #general  2024-03-16 00:00Z  reply to n4a: nell is answered
 *   f1   olga   #general  2024-03-17 00:00Z  a forward of n2a: not a reply, so not an answer
 *   n1c  nina   #general  2024-03-20 12:00Z
 *   j3   noel   #lobby    2024-03-25 00:00Z  GuildMemberJoin; noel never posts
 *   n2c  ned    #general  2024-04-05 00:00Z  after March
 */
const GUILD: GuildSpec = {
  id: '7100',
  name: 'Growth Guild',
  channels: [{ id: '7201', name: 'general' }, { id: '7202', name: 'lobby' }],
  users: [
    { id: '7401', name: 'olga' },
    { id: '7402', name: 'nina' },
    { id: '7403', name: 'ned', nickname: 'Ned!' },
    { id: '7404', name: 'nell' },
    { id: '7405', name: 'noel' },
    { id: '7406', name: 'bot', bot: true },
  ],
  messages: [
    { id: '7501', channel: '7201', author: '7401', at: '2024-02-10T10:00:00Z' },
    { id: '7502', channel: '7202', author: '7402', at: '2024-03-04T08:00:00Z', kind: 'GuildMemberJoin' },
    { id: '7503', channel: '7201', author: '7402', at: '2024-03-04T10:00:00Z' },
    { id: '7504', channel: '7201', author: '7401', at: '2024-03-05T10:00:00Z', replyTo: '7503' },
    { id: '7505', channel: '7201', author: '7402', at: '2024-03-06T12:00:00Z' },
    { id: '7506', channel: '7202', author: '7403', at: '2024-03-10T00:00:00Z', kind: 'GuildMemberJoin' },
    { id: '7507', channel: '7201', author: '7403', at: '2024-03-12T00:00:00Z' },
    { id: '7508', channel: '7201', author: '7403', at: '2024-03-12T01:00:00Z', replyTo: '7507' },
    { id: '7509', channel: '7201', author: '7406', at: '2024-03-12T02:00:00Z', replyTo: '7507' },
    { id: '7510', channel: '7201', author: '7404', at: '2024-03-15T12:00:00Z' },
    { id: '7511', channel: '7201', author: '7402', at: '2024-03-16T00:00:00Z', replyTo: '7510' },
    { id: '7512', channel: '7201', author: '7401', at: '2024-03-17T00:00:00Z' },
    { id: '7513', channel: '7201', author: '7402', at: '2024-03-20T12:00:00Z' },
    { id: '7514', channel: '7202', author: '7405', at: '2024-03-25T00:00:00Z', kind: 'GuildMemberJoin' },
    { id: '7515', channel: '7201', author: '7403', at: '2024-04-05T00:00:00Z' },
  ],
};
const guild = GUILD.id;
const MARCH = { guild, from: '2024-03-01', to: '2024-04-01' };

describeEachEngine('growth metrics', (ctx) => {
  let db: Kysely<Database>;
  before(async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, GUILD);
    // f1 forwards n2a: a reference that is not a reply.
    await engine.db.updateTable('messages').set({ reference_kind: 'Forward', reference_message_id: '7507' }).where('id', '=', '7512').execute();
    db = engine.db;
  });

  test('joins: join notices, first sightings and members seen so far per week of the period', async () => {
    assert.deepEqual(await joins(db, { ...MARCH, granularity: 'week' }), [
      { bucket: '2024-02-26', joins: 0, firstSeen: 0, membersSeen: 1, leaves: null }, // olga, seen in February
      { bucket: '2024-03-04', joins: 2, firstSeen: 2, membersSeen: 3, leaves: null }, // nina; ned (Sunday 10th)
      { bucket: '2024-03-11', joins: 0, firstSeen: 1, membersSeen: 4, leaves: null }, // nell, without a join notice
      { bucket: '2024-03-18', joins: 0, firstSeen: 0, membersSeen: 4, leaves: null },
      { bucket: '2024-03-25', joins: 1, firstSeen: 1, membersSeen: 5, leaves: null }, // noel
    ]);
  });

  test('joins per month over the whole history; bots only when included', async () => {
    assert.deepEqual(await joins(db, { guild, granularity: 'month' }), [
      { bucket: '2024-02', joins: 0, firstSeen: 1, membersSeen: 1, leaves: null },
      { bucket: '2024-03', joins: 3, firstSeen: 4, membersSeen: 5, leaves: null },
      { bucket: '2024-04', joins: 0, firstSeen: 0, membersSeen: 5, leaves: null },
    ]);
    const withBots = await joins(db, { guild, granularity: 'month', includeBots: true });
    assert.deepEqual(withBots.map((r) => r.firstSeen), [1, 5, 0]);
    const days = await joins(db, { guild, from: '2024-03-10', to: '2024-03-11', timeZone: 'Europe/Berlin' });
    // ned's join at 00:00Z is 01:00 on the 10th in Berlin.
    assert.deepEqual(days, [{ bucket: '2024-03-10', joins: 1, firstSeen: 1, membersSeen: 3, leaves: null }]);
  });

  test('new members of the period, each with what they did', async () => {
    const member = (m: Partial<NewMemberRow>) => ({ nickname: m.name, joinedAt: null, firstMessageAt: null, hoursToFirstMessage: null, messages: 0, activated: false, answered: null, ...m });
    assert.deepEqual(await newMembers(db, MARCH), [
      member({
        userId: '7402', name: 'nina', joinedAt: '2024-03-04T08:00:00.000Z', firstSeen: '2024-03-04T08:00:00.000Z',
        firstMessageAt: '2024-03-04T10:00:00.000Z', hoursToFirstMessage: 2, messages: 4, activated: true, answered: true,
      }),
      member({
        userId: '7403', name: 'ned', nickname: 'Ned!', joinedAt: '2024-03-10T00:00:00.000Z', firstSeen: '2024-03-10T00:00:00.000Z',
        firstMessageAt: '2024-03-12T00:00:00.000Z', hoursToFirstMessage: 48, messages: 2, activated: false, answered: false,
      }),
      member({
        userId: '7404', name: 'nell', firstSeen: '2024-03-15T12:00:00.000Z', firstMessageAt: '2024-03-15T12:00:00.000Z',
        hoursToFirstMessage: 0, messages: 1, answered: true,
      }),
      member({ userId: '7405', name: 'noel', joinedAt: '2024-03-25T00:00:00.000Z', firstSeen: '2024-03-25T00:00:00.000Z' }),
    ]);
  });

  test('activation summary: share with >= 3 messages, median and p90 hours, share answered', async () => {
    const [march] = await activation(db, MARCH);
    const { medianHoursToFirstMessage, p90HoursToFirstMessage, ...counts } = march;
    assert.deepEqual(counts, {
      newMembers: 4, withJoinNotice: 3, posted: 3, activated: 1, activationShare: 0.25, answered: 2, answeredShare: 2 / 3, minMessages: 3, horizonDays: null,
    });
    assert.equal(medianHoursToFirstMessage, 2); // of 0, 2, 48
    assert.ok(Math.abs(p90HoursToFirstMessage! - 38.8) < 1e-9); // 2 + 0.8 * (48 - 2)
  });

  test('activation horizon, threshold and bots', async () => {
    // Over 30 days from first sighting ned's April message counts: 3 messages.
    const horizon = await newMembers(db, { ...MARCH, horizonDays: '30' });
    assert.deepEqual(horizon.map((m) => [m.name, m.messages, m.activated]), [['nina', 4, true], ['ned', 3, true], ['nell', 1, false], ['noel', 0, false]]);
    const [short] = await activation(db, { ...MARCH, horizonDays: 1 });
    // Within a day: nina's n1a, ned nothing (his first message came after 48 h), nell's n4a.
    assert.deepEqual([short.posted, short.activated, short.answered, short.medianHoursToFirstMessage], [2, 0, 2, 1]);
    const [two] = await activation(db, { ...MARCH, minMessages: 2 });
    assert.equal(two.activated, 2);
    // With bots the bot is a new member too, and its reply answers ned.
    const withBots = await newMembers(db, { ...MARCH, includeBots: 'true' });
    assert.deepEqual(withBots.map((m) => [m.name, m.answered]), [['nina', true], ['ned', true], ['bot', false], ['nell', true], ['noel', null]]);
  });

  test('nobody is new twice: a member first seen before the period is not new in it', async () => {
    const april = await newMembers(db, { guild, from: '2024-04-01' });
    assert.deepEqual(april, []);
    const all = await newMembers(db, { guild });
    assert.deepEqual(all.map((m) => m.name), ['olga', 'nina', 'ned', 'nell', 'noel']);
    assert.equal(all[0].messages, 3); // o1, o2, f1
  });

  test('retention by week: cohort matrix, per bucket, unobserved buckets null', async () => {
    const rows = await retention(db, { guild });
    const matrix = (cohort: string) => rows.filter((r) => r.cohort === cohort).map((r) => r.active);
    assert.deepEqual([...new Set(rows.map((r) => r.cohort))], ['2024-02-05', '2024-03-04', '2024-03-11']);
    assert.deepEqual(rows.filter((r) => r.period === 0).map((r) => [r.size, r.share]), [[1, 1], [1, 1], [2, 1]]);
    // olga: 10 Feb, then 5 and 17 March (weeks 4 and 5).
    assert.deepEqual(matrix('2024-02-05'), [1, 0, 0, 0, 1, 1, 0, 0, 0]);
    // nina: 4 and 6, 16, 20 March; the history ends on 5 April (week of 1 April).
    assert.deepEqual(matrix('2024-03-04'), [1, 1, 1, 0, 0, null, null, null, null]);
    // ned (12 March, 5 April) and nell (15 March).
    assert.deepEqual(matrix('2024-03-11'), [2, 0, 0, 1, null, null, null, null, null]);
    assert.deepEqual(rows.find((r) => r.cohort === '2024-03-11' && r.period === 3), { cohort: '2024-03-11', size: 2, period: 3, active: 1, share: 0.5 });
  });

  test('retention by month, and inside a period', async () => {
    assert.deepEqual(await retention(db, { guild, granularity: 'month', periods: '3' }), [
      { cohort: '2024-02', size: 1, period: 0, active: 1, share: 1 },
      { cohort: '2024-02', size: 1, period: 1, active: 1, share: 1 },
      { cohort: '2024-02', size: 1, period: 2, active: 0, share: 0 },
      { cohort: '2024-02', size: 1, period: 3, active: null, share: null },
      { cohort: '2024-03', size: 3, period: 0, active: 3, share: 1 },
      { cohort: '2024-03', size: 3, period: 1, active: 1, share: 1 / 3 },
      { cohort: '2024-03', size: 3, period: 2, active: null, share: null },
      { cohort: '2024-03', size: 3, period: 3, active: null, share: null },
    ]);
    // In March only: olga's cohort is before the period; the last observed week starts 25 March.
    const march = await retention(db, { ...MARCH, periods: 3 });
    assert.deepEqual(march.map((r) => [r.cohort, r.period, r.active]), [
      ['2024-03-04', 0, 1], ['2024-03-04', 1, 1], ['2024-03-04', 2, 1], ['2024-03-04', 3, 0],
      ['2024-03-11', 0, 2], ['2024-03-11', 1, 0], ['2024-03-11', 2, 0], ['2024-03-11', 3, null],
    ]);
  });

  test('a channels filter measures growth inside those channels, the same way', async () => {
    const everything = ['7201', '7202'];
    for (const [name, params] of [
      ['joins', { ...MARCH, granularity: 'week' }], ['new-members', MARCH], ['new-members', { ...MARCH, horizonDays: 30 }],
      ['activation', MARCH], ['retention', { guild }], ['retention', { ...MARCH, granularity: 'month' }],
    ] as const) {
      const whole = await runQuery(db, name, params, { cache: false });
      const filtered = await runQuery(db, name, { ...params, channels: everything }, { cache: false });
      assert.deepEqual(filtered.rows, whole.rows, name);
    }
    // In #general only, the join notices (in #lobby) are out, and noel is never seen.
    const general = await joins(db, { ...MARCH, granularity: 'month', channels: '7201' });
    assert.deepEqual(general, [{ bucket: '2024-03', joins: 0, firstSeen: 3, membersSeen: 4, leaves: null }]);
    const generalMembers = await newMembers(db, { ...MARCH, channels: '7201' });
    assert.deepEqual(generalMembers.map((m) => [m.name, m.joinedAt, m.hoursToFirstMessage]), [['nina', null, 0], ['ned', null, 0], ['nell', null, 0]]);
  });

  test('parameters are checked with errors that name them', async () => {
    const rejects = (promise: Promise<unknown>, message: RegExp) =>
      assert.rejects(promise, (e: unknown) => e instanceof QueryParamError && message.test(e.message));
    await rejects(retention(db, { guild, granularity: 'day' }), /granularity must be week, month \(got 'day'\)/);
    await rejects(retention(db, { guild, periods: -1 }), /periods must be a whole number >= 0/);
    await rejects(activation(db, { guild, minMessages: '0' }), /minMessages must be a whole number >= 1/);
    await rejects(newMembers(db, { guild, horizonDays: 'soon' }), /horizonDays must be a number >= 0/);
    await rejects(joins(db, { guild, granularity: 'year' }), /granularity must be day, week, month/);
  });
});
