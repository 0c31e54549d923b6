import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Kysely } from 'kysely';
import { meanOfCounts, median, quantile, quantileOfCounts, quantilesInPlace } from '../../lib/analysis/percentiles';
import type { Database } from '../../lib/database/schema';
import { QueryParamError } from '../../lib/queries/query-error';
import { conversations, responsiveness, type ResponsivenessRow } from '../../lib/queries/responsiveness';
import { runQuery } from '../../lib/queries/run-query';
import { buildGuild, type GuildSpec } from '../support/build-guild';
import { describeEachEngine } from '../support/engines';

/**
 * #general (201) and #help (202); alice, bob, carol (Moderator, 301) and a bot.
 * Times are UTC on 1–3 January 2024. Conversations with the default 30-minute gap, bots and
 * system notices left out (C1…C7 below):
 *   #general  m1 10:00 alice, m2 10:05 alice, m3 10:12 bob        C1 (m9 10:30 is a pin notice, m5 11:03 the bot)
 *             m4 11:00 bob, m6 11:20 carol                        C2 (48 min after m3)
 *             m7 15:00 alice                                      C3
 *             m8 3 Jan 09:00 bob, a reply to m7 (42 h later)      C4
 *   #help     h1 2 Jan 08:00 carol, h2 08:10 alice                C5
 *             h3 12:00 bob (h4 12:30 is the bot)                  C6
 *             h5 13:30 alice (90 min after h3)                    C7
 */
const GUILD: GuildSpec = {
  id: '100',
  name: 'Responsive',
  channels: [{ id: '201', name: 'general' }, { id: '202', name: 'help' }],
  roles: [{ id: '301', name: 'Moderator' }],
  users: [
    { id: '401', name: 'alice' },
    { id: '402', name: 'bob' },
    { id: '403', name: 'carol', roles: ['301'] },
    { id: '404', name: 'botty', bot: true },
  ],
  messages: [
    { id: '501', channel: '201', author: '401', at: '2024-01-01T10:00:00Z' },
    { id: '502', channel: '201', author: '401', at: '2024-01-01T10:05:00Z' },
    { id: '503', channel: '201', author: '402', at: '2024-01-01T10:12:00Z' },
    { id: '509', channel: '201', author: '403', at: '2024-01-01T10:30:00Z', kind: 'ChannelPinnedMessage' },
    { id: '504', channel: '201', author: '402', at: '2024-01-01T11:00:00Z' },
    { id: '505', channel: '201', author: '404', at: '2024-01-01T11:03:00Z' },
    { id: '506', channel: '201', author: '403', at: '2024-01-01T11:20:00Z' },
    { id: '507', channel: '201', author: '401', at: '2024-01-01T15:00:00Z' },
    { id: '508', channel: '201', author: '402', at: '2024-01-03T09:00:00Z', replyTo: '507' },
    { id: '601', channel: '202', author: '403', at: '2024-01-02T08:00:00Z' },
    { id: '602', channel: '202', author: '401', at: '2024-01-02T08:10:00Z' },
    { id: '603', channel: '202', author: '402', at: '2024-01-02T12:00:00Z' },
    { id: '604', channel: '202', author: '404', at: '2024-01-02T12:30:00Z' },
    { id: '605', channel: '202', author: '401', at: '2024-01-02T13:30:00Z' },
  ],
};
const guild = GUILD.id;

function row(channel: string | null, fields: Partial<ResponsivenessRow>): ResponsivenessRow {
  return {
    channel, channelName: channel === '201' ? 'general' : channel === '202' ? 'help' : null,
    openings: 0, answered: 0, unanswered: 0, unansweredShare: null, answeredByLateReply: 0, medianMinutes: null, p90Minutes: null,
    staffResponses: 0, communityResponses: 0, staffDefined: false, ...fields,
  };
}

const isParamError = (pattern: RegExp) => (e: unknown) => e instanceof QueryParamError && pattern.test(e.message);

test('percentiles interpolate linearly between order statistics', () => {
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5); // h = 3 × 0.5 = 1.5 → 2 + 0.5 × (3 − 2)
  assert.equal(quantile([10, 20, 30, 40, 50], 0.9), 46); // h = 4 × 0.9 = 3.6 → 40 + 0.6 × 10
  assert.equal(quantile([50, 10, 40, 20, 30], 0.9), 46); // order of input does not matter
  assert.equal(median([7]), 7);
  assert.equal(median([]), null);
  assert.equal(quantileOfCounts([[4, 1], [1, 3]], 0.5), 1); // 1 1 1 4: h = 1.5 → 1
  assert.equal(quantileOfCounts([[1, 2], [3, 2]], 0.5), 2); // 1 1 3 3: h = 1.5 → 1 + 0.5 × 2
  assert.equal(quantileOfCounts([[1, 0]], 0.5), null);
  assert.equal(meanOfCounts([[1, 3], [4, 1]]), 7 / 4);
  assert.throws(() => quantile([1], 1.5), RangeError);
});

test('quantiles by selection agree with interpolating over the sorted list', () => {
  assert.deepEqual(quantilesInPlace(Float64Array.of(40, 10, 30, 20, 50), [0.5, 0.9]), [30, 46]);
  assert.deepEqual(quantilesInPlace(new Float64Array(0), [0.5, 0.9]), [null, null]);
  assert.throws(() => quantilesInPlace(Float64Array.of(1), [1.5]), RangeError);
  // Lengths around the float-noise cases (h = 3.6, 1.8, ...) and odd fractions of a minute.
  for (let n = 1; n <= 40; n++) {
    const values = Array.from({ length: n }, (_, i) => ((i * 7919) % 101) / 60 + i / 7);
    const sorted = [...values].sort((a, b) => a - b);
    const expected = [0, 0.5, 0.9, 1].map((q) => {
      const h = (n - 1) * q;
      const lo = Math.floor(h);
      return lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
    });
    const got = quantilesInPlace(Float64Array.from(values), [0, 0.5, 0.9, 1]);
    got.forEach((value, k) => assert.ok(Math.abs(value! - expected[k]) < 1e-9, `n=${n}, quantile ${k}: ${value} vs ${expected[k]}`));
    assert.deepEqual([0, 0.5, 0.9, 1].map((q) => quantile(values, q)), got);
  }
});

describeEachEngine('responsiveness metrics', (ctx) => {
  let db: Kysely<Database>;
  before(async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, GUILD);
    db = engine.db;
  });

  test('time to first response, bots and system notices left out, nobody staff without staffRoles', async () => {
    // Openings: #general m1, m4 (48 min after m3: the pin at 10:30 does not count), m7, m8;
    // #help h1, h3, h5 (h3 → h5 is 90 min; the bot's h4 does not count).
    // m1 → m3 (bob; alice's own m2 is not a response): 12 min. m4 → m6 (carol; not the bot's m5): 20 min.
    // m7 → nobody within 24 h; bob's reply m8, 42 h later: 2,520 min (a late reply). m8 → nothing after.
    // h1 → h2: 10 min. h3 → h5: 90 min. h5 → nothing.
    assert.deepEqual(await responsiveness(db, { guild }), [
      // 7 openings, 5 answered; minutes 10 12 20 90 2520: median 20; p90 h = 4 × 0.9 = 3.6 → 90 + 0.6 × 2430 = 1548
      row(null, { openings: 7, answered: 5, unanswered: 2, unansweredShare: 2 / 7, answeredByLateReply: 1, medianMinutes: 20, p90Minutes: 1548, communityResponses: 5 }),
      // 12 20 2520: median 20; p90 h = 1.8 → 20 + 0.8 × 2500 = 2020
      row('201', { openings: 4, answered: 3, unanswered: 1, unansweredShare: 1 / 4, answeredByLateReply: 1, medianMinutes: 20, p90Minutes: 2020, communityResponses: 3 }),
      // 10 90: median 50; p90 h = 0.9 → 10 + 0.9 × 80 = 82
      row('202', { openings: 3, answered: 2, unanswered: 1, unansweredShare: 1 / 3, medianMinutes: 50, p90Minutes: 82, communityResponses: 2 }),
    ]);
  });

  test('staff respond but do not open unless included', async () => {
    // carol is staff: her h1 no longer opens; her m6 is a staff response (to m4).
    assert.deepEqual(await responsiveness(db, { guild, staffRoles: 'Moderator' }), [
      // 6 openings; minutes 12 20 90 2520: median h = 1.5 → 20 + 0.5 × 70 = 55; p90 h = 2.7 → 90 + 0.7 × 2430 = 1791
      row(null, { openings: 6, answered: 4, unanswered: 2, unansweredShare: 2 / 6, answeredByLateReply: 1, medianMinutes: 55, p90Minutes: 1791, staffResponses: 1, communityResponses: 3, staffDefined: true }),
      row('201', { openings: 4, answered: 3, unanswered: 1, unansweredShare: 1 / 4, answeredByLateReply: 1, medianMinutes: 20, p90Minutes: 2020, staffResponses: 1, communityResponses: 2, staffDefined: true }),
      row('202', { openings: 2, answered: 1, unanswered: 1, unansweredShare: 1 / 2, medianMinutes: 90, p90Minutes: 90, communityResponses: 1, staffDefined: true }),
    ]);
    // Staff included: carol's h1 opens again, answered by alice in 10 min (a community response).
    const [all] = await responsiveness(db, { guild, staffRoles: '301', includeStaff: 'true' });
    assert.deepEqual([all.openings, all.answered, all.staffResponses, all.communityResponses], [7, 5, 1, 4]);
  });

  test('bots counted when asked: the bot answers m4 in 3 minutes and h3 in 30', async () => {
    const [, general, help] = await responsiveness(db, { guild, includeBots: true });
    // #general minutes 12 3 2520 → median 12; #help 10 30 → median 20
    assert.deepEqual([general.openings, general.medianMinutes, help.openings, help.medianMinutes], [4, 12, 3, 20]);
  });

  test('a period: openings in it, silence looked for before it, responses after it', async () => {
    // From 10:03: m2 (10:05) follows m1 (10:00, before the period) within 30 min, so it opens nothing.
    // Openings m4 (20 min) and m7 (late reply on 3 January, after the period: 2,520 min).
    assert.deepEqual(await responsiveness(db, { guild, from: '2024-01-01T10:03:00Z', to: '2024-01-02' }), [
      // 20 2520: median 1270; p90 h = 0.9 → 20 + 0.9 × 2500 = 2270
      row(null, { openings: 2, answered: 2, unanswered: 0, unansweredShare: 0, answeredByLateReply: 1, medianMinutes: 1270, p90Minutes: 2270, communityResponses: 2 }),
      row('201', { openings: 2, answered: 2, unanswered: 0, unansweredShare: 0, answeredByLateReply: 1, medianMinutes: 1270, p90Minutes: 2270, communityResponses: 2 }),
    ]);
    // Midnight of 2 January in Tokyo is 1 January 15:00Z: m7 (15:00Z) is in, m4 is not.
    const [tokyo] = await responsiveness(db, { guild, from: '2024-01-02', to: '2024-01-02T09:00:00Z', timeZone: 'Asia/Tokyo' });
    assert.deepEqual([tokyo.openings, tokyo.medianMinutes], [2, 1265]); // m7 (2520), h1 (10): median 1265
  });

  test('gap and window parameters', async () => {
    // A 60-minute gap: m4 (48 min after m3) no longer opens; h5 (90 min) still does.
    const [gap60] = await responsiveness(db, { guild, gapMinutes: '60' });
    assert.deepEqual([gap60.openings, gap60.answered], [6, 4]); // m1 m7 m8 h1 h3 h5; answered m1 m7 h1 h3
    // A 48-hour window: bob's m8 (42 h after m7) is now simply the next message by someone else.
    const [wide] = await responsiveness(db, { guild, windowHours: 48 });
    assert.deepEqual([wide.answered, wide.answeredByLateReply, wide.medianMinutes], [5, 0, 20]);
    // A 6-minute window: m1 (12 min) and m4 (20 min) and h3 (90 min) miss it; h1 (10 min) too.
    const [narrow] = await responsiveness(db, { guild, windowHours: 0.1 });
    assert.deepEqual([narrow.answered, narrow.answeredByLateReply], [1, 1]); // only m7's late reply
  });

  test('conversations per channel: count, length, participants, duration', async () => {
    // C1 3 msgs 2 people 12 min; C2 2/2/20; C3 1/1/0; C4 1/1/0; C5 2/2/10; C6 1/1/0; C7 1/1/0
    assert.deepEqual(await conversations(db, { guild }), [
      { channel: null, channelName: null, period: null, conversations: 7, messages: 11, meanMessages: 11 / 7, medianMessages: 1,
        meanParticipants: 10 / 7, medianParticipants: 1, singleParticipantShare: 4 / 7, meanDurationMinutes: 42 / 7 },
      // lengths 3 2 1 1: median 1.5; participants 2 2 1 1; durations 12 + 20
      { channel: '201', channelName: 'general', period: null, conversations: 4, messages: 7, meanMessages: 7 / 4, medianMessages: 1.5,
        meanParticipants: 1.5, medianParticipants: 1.5, singleParticipantShare: 0.5, meanDurationMinutes: 8 },
      { channel: '202', channelName: 'help', period: null, conversations: 3, messages: 4, meanMessages: 4 / 3, medianMessages: 1,
        meanParticipants: 4 / 3, medianParticipants: 1, singleParticipantShare: 2 / 3, meanDurationMinutes: 10 / 3 },
    ]);
    // With the bot, h4 (12:30) joins h3's conversation: #help lengths 2 2 1.
    const [, , help] = await conversations(db, { guild, includeBots: 'yes' });
    assert.deepEqual([help.conversations, help.messages, help.meanDurationMinutes], [3, 5, (10 + 30) / 3]);
  });

  test('conversations per local day, week and month, and in a period', async () => {
    // In Tokyo (UTC+9) C3 opens at 00:00 on 2 January: 1 Jan C1 C2; 2 Jan C3 C5 C6 C7; 3 Jan C4.
    const byDay = await conversations(db, { guild, by: 'day', timeZone: 'Asia/Tokyo' });
    assert.deepEqual(byDay.map((r) => [r.period, r.conversations, r.messages, r.medianMessages, r.meanParticipants]), [
      [null, 7, 11, 1, 10 / 7],
      ['2024-01-01', 2, 5, 2.5, 2],
      ['2024-01-02', 4, 5, 1, 5 / 4],
      ['2024-01-03', 1, 1, 1, 1],
    ]);
    const utcDays = await conversations(db, { guild, by: 'day' });
    assert.deepEqual(utcDays.map((r) => r.conversations), [7, 3, 3, 1]);
    // 1–3 January 2024: the week of Monday 1 January, the month 2024-01.
    assert.deepEqual((await conversations(db, { guild, by: 'week' })).map((r) => [r.period, r.conversations]), [[null, 7], ['2024-01-01', 7]]);
    assert.deepEqual((await conversations(db, { guild, by: 'month' })).map((r) => [r.period, r.conversations]), [[null, 7], ['2024-01', 7]]);
    // From 10:03: C1 was already running (left out); C2 and C3 remain.
    const [period] = await conversations(db, { guild, from: '2024-01-01T10:03:00Z', to: '2024-01-02' });
    assert.deepEqual([period.conversations, period.messages, period.medianMessages], [2, 3, 1.5]);
  });

  test('bad parameters are QueryParamErrors naming them', async () => {
    await assert.rejects(responsiveness(db, { guild, gapMinutes: 'soon' }), isParamError(/gapMinutes/));
    await assert.rejects(responsiveness(db, { guild, windowHours: 0 }), isParamError(/windowHours/));
    await assert.rejects(responsiveness(db, { guild: '999' }), isParamError(/unknown guild/));
    await assert.rejects(conversations(db, { guild, by: 'year' }), isParamError(/by must be one of channel, day, week, month/));
    await assert.rejects(conversations(db, { guild, gapMinutes: -5 }), isParamError(/gapMinutes/));
  });

  test('both queries run by name with CLI strings', async () => {
    const { rows } = await runQuery(db, 'responsiveness', { guild, staffRoles: 'Moderator', windowHours: '48' }, { cache: false });
    assert.deepEqual([(rows[0] as ResponsivenessRow).staffResponses, (rows[0] as ResponsivenessRow).answeredByLateReply], [1, 0]);
    const conv = await runQuery(db, 'conversations', { guild, by: 'month' }, { cache: false });
    assert.equal(conv.rows.length, 2);
  });
});
