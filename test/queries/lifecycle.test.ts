import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lifecycle, lifecycleMembers, orbitLevelCounts, orbitLevels } from '../../lib/queries/lifecycle';
import { lifecycleStates, type MemberWindows } from '../../lib/queries/lifecycle/togethercrew-states';
import { QueryParamError } from '../../lib/queries/query-error';
import { buildGuild, type GuildSpec } from '../support/build-guild';
import { describeEachEngine } from '../support/engines';

// ---------------------------------------------------------------------------
// The TogetherCrew state machine on hand-made windows (1-day windows: "a window ago" = w − 1)

const flags = (...bits: number[]) => Uint8Array.from(bits);

test('TogetherCrew categories, window by window', () => {
  const members: MemberWindows[] = [
    // M1: active, active, then quiet three windows, back in the last.
    { id: 'm1', active: flags(1, 1, 0, 0, 0, 1), connected: null, joinWindow: null },
    // M2: active w1–w3, quiet w4, active w5; connected w1–w3.
    { id: 'm2', active: flags(0, 1, 1, 1, 0, 1), connected: flags(0, 1, 1, 1, 0, 0), joinWindow: null },
    // M3: joined in w2, never active.
    { id: 'm3', active: flags(0, 0, 0, 0, 0, 0), connected: null, joinWindow: 2 },
    // M4: joined before window 0 ended, first active in w3.
    { id: 'm4', active: flags(0, 0, 0, 1, 0, 0), connected: null, joinWindow: -3 },
  ];
  const { counts, at } = lifecycleStates(members, 6, 1, 4);
  const row = (c: keyof typeof counts) => [...counts[c]];
  // active: w0 M1; w1 M1 M2; w2 M2; w3 M2 M4; w4 none; w5 M1 M2.
  assert.deepEqual(row('active'), [1, 2, 1, 2, 0, 2]);
  assert.deepEqual(row('connected'), [0, 1, 1, 1, 0, 0]);
  // Consistently active: ≥ 3 of w, w−1, w−2, w−3. M2 at w3 (w1–w3), w4 (w1–w3), w5 (w2, w3, w5).
  assert.deepEqual(row('consistentlyActive'), [0, 0, 0, 1, 1, 1]);
  // Vital: M2 connected in w1–w3: at w3 and w4 (w1, w2, w3); at w5 only w2, w3.
  assert.deepEqual(row('vital'), [0, 0, 0, 1, 1, 0]);
  // Newly active: w0 M1 (no window before); w1 M2 (w0 quiet); w3 M4 (w2 quiet). M1's return at w5
  // is not new: M1 was disengaged at w4.
  assert.deepEqual(row('newlyActive'), [1, 1, 0, 1, 0, 0]);
  // Paused: M1 at w2 (active w1, not w2); M2 at w4; M4 at w4. M1 at w3: paused a window ago and
  // still quiet ⇒ disengaged instead.
  assert.deepEqual(row('paused'), [0, 0, 1, 0, 2, 0]);
  // Disengaged: M1 w3 (newly), w4 (still); M4 w5 (paused at w4, quiet at w5). M2 at w5 is active
  // again after a pause ("unpaused"), not disengaged.
  assert.deepEqual(row('disengaged'), [0, 0, 0, 1, 1, 1]);
  // Returned: M1 at w5 (disengaged at w4, active at w5).
  assert.deepEqual(row('returned'), [0, 0, 0, 0, 0, 1]);
  // Lurkers: M4 from w0 until its first activity (w3); M3 from its join (w2) on.
  assert.deepEqual(row('lurker'), [1, 1, 2, 1, 1, 1]);
  // At w4: M1 disengaged, M2 paused + consistently active + vital, M3 lurker, M4 paused.
  assert.deepEqual([...at!].map(([id, set]) => [id, [...set]]), [
    ['m1', ['disengaged']],
    ['m2', ['consistentlyActive', 'vital', 'paused']],
    ['m3', ['lurker']],
    ['m4', ['paused']],
  ]);
});

test('7-day windows look back a whole window, to windows that do not overlap', () => {
  // Active in windows 0 and 7 only: at w7 the window a window ago (w0) was active ⇒ not newly
  // active; at w14 (w7 active, w14 quiet) paused; at w21 disengaged.
  const active = new Uint8Array(22);
  active[0] = active[7] = 1;
  const { counts } = lifecycleStates([{ id: 'a', active, connected: null, joinWindow: null }], 22, 7, null);
  assert.equal(counts.newlyActive[7], 0);
  assert.equal(counts.paused[14], 1);
  assert.equal(counts.paused[8], 0, 'windows 1..6 were quiet, so w8 (after w1) is not a pause');
  assert.equal(counts.disengaged[21], 1);
});

// ---------------------------------------------------------------------------
// A hand-made guild, read in Tokyo (UTC+9, no daylight saving)
//
// A 3001, B 3002, C 3003, D 3004 (joins), bot 3009. Local days are Tokyo days.
//   b1  B  29 Feb 16:00 UTC = 1 Mar 01:00 local
//   a1  A  replies to b1, 29 Feb 16:30 UTC = 1 Mar local           A→B reply, day Mar 1
//   c1  C  1 Mar 15:30 UTC = 2 Mar 00:30 local, 👍 by A            A→C reaction, day Mar 2
//   j   D  joins 2 Mar 01:00 UTC = 2 Mar 10:00 local
//   c2  C  replies to a1, 2 Mar 02:00 UTC = 2 Mar local             C→A reply, day Mar 2
//   a2  A  mentions B, 3 Mar 03:00 UTC = 3 Mar local                A→B mention, day Mar 3
//   x1  bot replies to c1 on 3 Mar (a bot: no interaction)
//   x2  a pin notice by C referencing a2 on 4 Mar (a system notice: no interaction)
//   a3  A  replies to b1 on 5 Mar 10:00 UTC (after the period)
// Period 1–4 March local (to = 5 March local). With 2-day windows, windows end 2, 3, 4 March.
// Active days (made, or reply/reaction received; a mention received is not an act):
//   A: 1 (reply), 2 (reaction, reply received), 3 (mention) ⇒ windows ending 2, 3, 4
//   B: 1 (reply received) ⇒ window ending 2        C: 2 ⇒ windows ending 2, 3
// Connected (connectedInteractions 2, connectedPeers 1): A–C exchanged 2 on day 2 ⇒ windows
// ending 2 (days 1–2) and 3 (days 2–3); A–B only 1 per window.

const GUILD: GuildSpec = {
  id: '1200',
  name: 'Lifecycle',
  channels: [{ id: '2200', name: 'general' }],
  users: [{ id: '3001', name: 'A' }, { id: '3002', name: 'B' }, { id: '3003', name: 'C' }, { id: '3004', name: 'D' }, { id: '3009', name: 'bot', bot: true }],
  messages: [
    { id: '4201', channel: '2200', author: '3002', at: '2024-02-29T16:00:00Z' },
    { id: '4202', channel: '2200', author: '3001', at: '2024-02-29T16:30:00Z', replyTo: '4201' },
    { id: '4203', channel: '2200', author: '3003', at: '2024-03-01T15:30:00Z', reactions: { '👍': ['3001'] } },
    { id: '4204', channel: '2200', author: '3004', at: '2024-03-02T01:00:00Z', kind: 'GuildMemberJoin', content: '' },
    { id: '4205', channel: '2200', author: '3003', at: '2024-03-02T02:00:00Z', replyTo: '4202' },
    { id: '4206', channel: '2200', author: '3001', at: '2024-03-03T03:00:00Z', mentions: ['3002'] },
    { id: '4207', channel: '2200', author: '3009', at: '2024-03-03T04:00:00Z', replyTo: '4203' },
    { id: '4208', channel: '2200', author: '3003', at: '2024-03-04T05:00:00Z', kind: 'ChannelPinnedMessage', replyTo: '4206', content: '' },
    { id: '4209', channel: '2200', author: '3001', at: '2024-03-05T10:00:00Z', replyTo: '4201' },
  ],
};

const TOKYO = { guild: '1200', from: '2024-03-01', to: '2024-03-05', timeZone: 'Asia/Tokyo', windowDays: '2', connectedInteractions: 2, connectedPeers: '1' };

describeEachEngine('member lifecycle queries', (ctx) => {
  test('lifecycle: TogetherCrew counts per local day', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, GUILD);
    const rows = await lifecycle(engine.db, TOKYO);
    const zero = { consistentlyActive: 0, vital: 0, returned: 0, disengaged: 0 };
    assert.deepEqual(rows, [
      // Days 1–2: A, B, C active and, with no window before, newly active; A, C connected; D joined, lurking.
      { day: '2024-03-02', windowStart: '2024-03-01', joined: 1, active: 3, connected: 2, newlyActive: 3, paused: 0, lurker: 1, ...zero },
      // Days 2–3: A, C active (still within the first 2 windows: newly active); D's join still in the window.
      { day: '2024-03-03', windowStart: '2024-03-02', joined: 1, active: 2, connected: 2, newlyActive: 2, paused: 0, lurker: 1, ...zero },
      // Days 3–4: A active (and active a window ago: not new); B and C were active a window ago: paused.
      { day: '2024-03-04', windowStart: '2024-03-03', joined: 0, active: 1, connected: 0, newlyActive: 0, paused: 2, lurker: 1, ...zero },
    ].map((r) => ({
      day: r.day, windowStart: r.windowStart, joined: r.joined, active: r.active, connected: r.connected, consistentlyActive: 0, vital: 0,
      newlyActive: r.newlyActive, paused: r.paused, returned: 0, disengaged: 0, lurker: r.lurker,
    })));

    // In UTC the period is 1–4 March UTC: a1 (29 Feb UTC) falls out, so B is never active and A's
    // first act is the reaction on c1 (1 Mar UTC): active A, C | A, C | A.
    const utc = await lifecycle(engine.db, { ...TOKYO, timeZone: 'UTC' });
    assert.deepEqual(utc.map((r) => [r.day, r.active]), [['2024-03-02', 2], ['2024-03-03', 2], ['2024-03-04', 1]]);
    // stepDays 2: every other window.
    assert.deepEqual((await lifecycle(engine.db, { ...TOKYO, stepDays: '2' })).map((r) => r.day), ['2024-03-02', '2024-03-04']);
    // Default 7-day windows: the 4-day period holds none.
    assert.deepEqual(await lifecycle(engine.db, { guild: '1200', from: '2024-03-01', to: '2024-03-05' }), []);
  });

  test('lifecycle with bots included: the bot reply makes C active on day 3', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, GUILD);
    const rows = await lifecycle(engine.db, { ...TOKYO, includeBots: 'yes' });
    // Day 3: bot→C reply, so C (reply received) and the bot are active in windows ending 3 and 4.
    // Window ending 4: A, C, bot active; only B paused.
    assert.deepEqual(rows.map((r) => [r.day, r.active, r.paused]), [['2024-03-02', 3, 0], ['2024-03-03', 3, 0], ['2024-03-04', 3, 1]]);
  });

  test('lifecycle-members: categories at a day; bad parameters', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, GUILD);
    const rows = await lifecycleMembers(engine.db, TOKYO);
    const cats = (r: object) => Object.entries(r).filter(([, v]) => v === true).map(([k]) => k);
    assert.deepEqual(rows.map((r) => [r.name, r.day, cats(r), r.joinedAt]), [
      ['A', '2024-03-04', ['active'], null],
      ['B', '2024-03-04', ['paused'], null],
      ['C', '2024-03-04', ['paused'], null],
      ['D', '2024-03-04', ['lurker'], '2024-03-02T01:00:00.000Z'],
    ]);
    const first = await lifecycleMembers(engine.db, { ...TOKYO, day: '2024-03-02' });
    assert.deepEqual(first.map((r) => [r.name, cats(r)]), [
      ['A', ['active', 'connected', 'newlyActive']], ['B', ['active', 'newlyActive']], ['C', ['active', 'connected', 'newlyActive']], ['D', ['lurker']],
    ]);

    await assert.rejects(lifecycleMembers(engine.db, { ...TOKYO, day: '2024-03-01' }), /between 2024-03-02 and 2024-03-04/);
    await assert.rejects(lifecycleMembers(engine.db, { ...TOKYO, day: '2024-02-30' }), QueryParamError);
    await assert.rejects(lifecycleMembers(engine.db, { guild: '1200', from: '2024-03-01', to: '2024-03-05', day: '2024-03-03' }), /no full 7-day window/);
    for (const bad of [{ windowDays: '0' }, { windowDays: 'week' }, { stepDays: '1.5' }, { connectedPeers: '-1' }]) {
      await assert.rejects(lifecycle(engine.db, { ...TOKYO, ...bad }), QueryParamError, JSON.stringify(bad));
    }
  });
});

// ---------------------------------------------------------------------------
// Orbit levels on a hand-made guild
//
// ana 3001, ben 3002, cat 3003, dan 3004, eve 3005, fay 3006 (a join notice only), bot 3009.
//   m1 ana mentions ben; 👍 by ben, cat, ana (own: no love)
//   m2 ben replies to m1, mentions ana (the reply ping: not a second interaction); 🎉 by ana
//   m3 cat replies to m1, mentions ben
//   m4 dan; m5 the bot replies to m1 (no love for ana from a bot); m6 ben
//   m7 fay's join notice; m8 eve replies to m2; m9 ben replies to m3 (February)
// Love = messages + replies, mentions, reactions received:
//   ben 3 msgs + 1 reply (eve) + 2 mentions (ana, cat) + 1 reaction (ana) = 7
//   ana 1 + 2 replies (ben, cat) + 2 reactions (ben, cat) = 5
//   cat 1 + 1 reply (ben) = 2; dan 1; eve 1; fay 0.
// Five members with love: ben has nobody above (0 < 10%): level 1; ana 1 of 5 above (20% < 35%):
// level 2; cat (40%), dan and eve (tied: 3 of 5 above, 60%): level 3; fay: level 4.

const ORBIT: GuildSpec = {
  id: '1300',
  name: 'Orbit',
  channels: [{ id: '2300', name: 'general' }],
  users: [
    { id: '3001', name: 'ana' }, { id: '3002', name: 'ben' }, { id: '3003', name: 'cat' }, { id: '3004', name: 'dan' },
    { id: '3005', name: 'eve' }, { id: '3006', name: 'fay' }, { id: '3009', name: 'bot', bot: true },
  ],
  messages: [
    { id: '4301', channel: '2300', author: '3001', at: '2024-01-01T10:00:00Z', mentions: ['3002'], reactions: { '👍': ['3002', '3003', '3001'] } },
    { id: '4302', channel: '2300', author: '3002', at: '2024-01-01T10:05:00Z', replyTo: '4301', mentions: ['3001'], reactions: { '🎉': ['3001'] } },
    { id: '4303', channel: '2300', author: '3003', at: '2024-01-01T10:10:00Z', replyTo: '4301', mentions: ['3002'] },
    { id: '4304', channel: '2300', author: '3004', at: '2024-01-01T10:15:00Z' },
    { id: '4305', channel: '2300', author: '3009', at: '2024-01-01T10:20:00Z', replyTo: '4301' },
    { id: '4306', channel: '2300', author: '3002', at: '2024-01-01T10:25:00Z' },
    { id: '4307', channel: '2300', author: '3006', at: '2024-01-01T09:00:00Z', kind: 'GuildMemberJoin', content: '' },
    { id: '4308', channel: '2300', author: '3005', at: '2024-01-02T10:00:00Z', replyTo: '4302' },
    { id: '4309', channel: '2300', author: '3002', at: '2024-02-01T10:00:00Z', replyTo: '4303' },
  ],
};

describeEachEngine('Orbit levels', (ctx) => {
  test('orbit-levels and orbit-level-counts', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, ORBIT);
    const rows = await orbitLevels(engine.db, { guild: '1300' });
    assert.deepEqual(rows.map((r) => [r.name, r.love, r.level, r.messages, r.repliesReceived, r.mentionsReceived, r.reactionsReceived]), [
      ['ben', 7, 1, 3, 1, 2, 1],
      ['ana', 5, 2, 1, 2, 0, 2],
      ['cat', 2, 3, 1, 1, 0, 0],
      ['dan', 1, 3, 1, 0, 0, 0],
      ['eve', 1, 3, 1, 0, 0, 0],
      ['fay', 0, 4, 0, 0, 0, 0],
    ]);
    assert.deepEqual(await orbitLevelCounts(engine.db, { guild: '1300' }), [
      { level: 1, members: 1, share: 1 / 6, minLove: 7, maxLove: 7 },
      { level: 2, members: 1, share: 1 / 6, minLove: 5, maxLove: 5 },
      { level: 3, members: 3, share: 3 / 6, minLove: 1, maxLove: 2 },
      { level: 4, members: 1, share: 1 / 6, minLove: 0, maxLove: 0 },
    ]);
  });

  test('orbit-levels: weights, a time range, bots, bad weights', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, ORBIT);
    // Reactions weigh 0.5: ben 7 − 0.5 = 6.5, ana 5 − 1 = 4.
    const half = await orbitLevels(engine.db, { guild: '1300', reactionWeight: '0.5' });
    assert.deepEqual(half.slice(0, 2).map((r) => [r.name, r.love]), [['ben', 6.5], ['ana', 4]]);
    // January only (UTC): m9 out, so ben has 2 messages (love 6) and cat no reply received (love 1).
    // Love: ben 6, ana 5, cat 1, dan 1, eve 1 ⇒ levels 1, 2, 3, 3, 3.
    const jan = await orbitLevels(engine.db, { guild: '1300', from: '2024-01-01', to: '2024-02-01' });
    assert.deepEqual(jan.map((r) => [r.name, r.love, r.level]), [['ben', 6, 1], ['ana', 5, 2], ['cat', 1, 3], ['dan', 1, 3], ['eve', 1, 3], ['fay', 0, 4]]);
    // With bots: the bot's reply gives ana 1 more love, and the bot itself is a member with 1 message.
    const bots = await orbitLevels(engine.db, { guild: '1300', includeBots: true });
    assert.deepEqual(bots.map((r) => [r.name, r.love]), [['ben', 7], ['ana', 6], ['cat', 2], ['dan', 1], ['eve', 1], ['bot', 1], ['fay', 0]]);
    await assert.rejects(orbitLevels(engine.db, { guild: '1300', messageWeight: '-1' }), QueryParamError);
    await assert.rejects(orbitLevels(engine.db, { guild: '1300', replyWeight: 'lots' }), /replyWeight/);
  });
});
