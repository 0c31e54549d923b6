import assert from 'node:assert/strict';
import { test } from 'node:test';
import { directedDensity } from '../../lib/analysis/network-measures';
import { numberedPageRank, pageRank } from '../../lib/analysis/pagerank';
import { contributorScores, networkEdges, networkMembers, networkSummary } from '../../lib/queries/network';
import type { UndirectedPairs } from '../../lib/queries/network/interaction-network';
import { memberCentralisation, memberCommunities } from '../../lib/queries/network/undirected-measures';
import { QueryParamError } from '../../lib/queries/query-error';
import { runQuery } from '../../lib/queries/run-query';
import { buildGuild, type GuildSpec } from '../support/build-guild';
import { describeEachEngine } from '../support/engines';

const close = (actual: number, expected: number, what = '') => assert.ok(Math.abs(actual - expected) < 1e-9, `${what} ${actual} != ${expected}`);

// ---------------------------------------------------------------------------
// Graph maths on graphs small enough to solve by hand

const edge = (source: string, target: string, weight = 1) => ({ source, target, weight });

test('PageRank is uniform on a directed cycle and on a symmetric graph', () => {
  for (const [id, s] of pageRank(['a', 'b', 'c'], [edge('a', 'b'), edge('b', 'c'), edge('c', 'a')]).scores) close(s, 1 / 3, id);
  // A 4-cycle walked both ways: every node looks the same.
  const both = ['a', 'b', 'c', 'd'].flatMap((x, i, all) => [edge(x, all[(i + 1) % 4]), edge(all[(i + 1) % 4], x)]);
  for (const [id, s] of pageRank(['d', 'c', 'b', 'a'], both).scores) close(s, 1 / 4, id);
});

test('PageRank of a star whose hub links nowhere (dangling mass restarts uniformly)', () => {
  // Leaves l: x_l = α/4 + (1−α)·x_h/4; hub: x_h(1 + ¾(1−α)) = α/4 + (1−α).
  // α = 0.15: x_h = 0.8875 / 1.6375 = 0.54198473..., x_l = (1 − x_h) / 3 = 0.15267175...
  const { scores, converged } = pageRank(['h', 'a', 'b', 'c'], [edge('a', 'h'), edge('b', 'h'), edge('c', 'h')], { alpha: 0.15 });
  assert.ok(converged);
  close(scores.get('h')!, 0.8875 / 1.6375, 'hub');
  for (const leaf of ['a', 'b', 'c']) close(scores.get(leaf)!, (1 - 0.8875 / 1.6375) / 3, leaf);
  assert.deepEqual([...scores.keys()], ['a', 'b', 'c', 'h'], 'scores in ID order');
});

test('PageRank with a seed: a ⇄ b restarting at a', () => {
  // x_a = α + (1−α)·x_b, x_b = (1−α)·x_a  ⇒  x_a = 1/(2 − α); α = 0.2: 1/1.8.
  const { scores, seed } = pageRank(['a', 'b'], [edge('a', 'b'), edge('b', 'a')], { alpha: 0.2, seed: new Map([['a', 5]]) });
  close(scores.get('a')!, 1 / 1.8);
  close(scores.get('b')!, 0.8 / 1.8);
  assert.deepEqual([...seed], [['a', 1], ['b', 0]]);
  assert.throws(() => pageRank(['a'], [edge('a', 'z')]), RangeError);
  assert.throws(() => pageRank(['a'], [], { alpha: 1.5 }), RangeError);
});

test('PageRank on node numbers: parallel edges add up, out of order; bit for bit the same as on IDs', () => {
  // 0 → 1 twice (weight 1 + 1), 0 → 2 once (weight 2), given out of target order: node 0 passes half to each.
  // 1 and 2 link nowhere. α = 0.5: x_0 = ½·(1 + d)/3 where d = x_1 + x_2, and x_1 = x_2 = x_0/4 + ½·(1 + d)/3,
  // so x_1 = x_2 = 5·x_0/4, 1 = x_0 + 5·x_0/2 ⇒ x_0 = 2/7, x_1 = x_2 = 5/14.
  const edges = { count: 3, source: Int32Array.of(0, 0, 0), target: Int32Array.of(1, 2, 1), weight: Float64Array.of(1, 2, 1) };
  const { scores, seed, converged } = numberedPageRank(3, edges, { alpha: 0.5 });
  assert.ok(converged);
  close(scores[0], 2 / 7, 'node 0');
  close(scores[1], 5 / 14, 'node 1');
  close(scores[2], 5 / 14, 'node 2');
  assert.deepEqual([...seed], [1 / 3, 1 / 3, 1 / 3]);
  const byId = pageRank(['a', 'b', 'c'], [edge('a', 'b'), edge('a', 'c', 2), edge('a', 'b')], { alpha: 0.5 }).scores;
  assert.deepEqual([...byId.values()], [...scores]);
  assert.throws(() => numberedPageRank(2, { count: 1, source: Int32Array.of(0), target: Int32Array.of(1), weight: Float64Array.of(-1) }), /edge node 0 -> node 1 has a bad weight -1/);
  assert.throws(() => numberedPageRank(2, { count: 1, source: Int32Array.of(0), target: Int32Array.of(2), weight: Float64Array.of(1) }), RangeError);
  assert.throws(() => pageRank(['a', 'b'], [edge('a', 'b', NaN)]), /edge a -> b has a bad weight NaN/);
});

/** Undirected pairs of user numbers (each pair once, either order) as the network gives them. */
function undirected(list: Array<[number, number, number?]>): UndirectedPairs {
  return {
    count: list.length,
    lo: Int32Array.from(list, ([a, b]) => Math.min(a, b)),
    hi: Int32Array.from(list, ([a, b]) => Math.max(a, b)),
    weight: Float64Array.from(list, ([, , w]) => w ?? 1),
  };
}

test('Freeman centralisation: 1 for a star, 0 for a cycle, null below 3 members; density', () => {
  const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
  // Star around 0: hub degree 3, leaves 1: Σ(3 − d) = 6 = (n−1)(n−2).
  assert.equal(memberCentralisation(4, undirected([[0, 1], [2, 0], [0, 3]]), all(4)), 1);
  assert.equal(memberCentralisation(4, undirected([[0, 1], [1, 2], [2, 3], [3, 0]]), all(4)), 0);
  // Path 0 - 1 - 2 - 3: degrees 1, 2, 2, 1 ⇒ Σ(2 − d) = 2, over 3·2 = 6.
  assert.equal(memberCentralisation(4, undirected([[0, 1], [1, 2], [2, 3]]), all(4)), 2 / 6);
  assert.equal(memberCentralisation(2, undirected([[0, 1]]), all(2)), null);
  // Only the connected members count: user 4 is not one of them.
  assert.equal(memberCentralisation(5, undirected([[0, 1], [2, 0], [0, 3]]), all(4)), 1);
  assert.equal(directedDensity(3, 6), 1);
  assert.equal(directedDensity(4, 3), 0.25);
  assert.equal(directedDensity(1, 0), null);
});

test('Louvain splits two triangles joined by one edge; modularity 5/14', () => {
  // Users 0-2 (a, b, c) and 3-5 (x, y, z); c - x joins the triangles; user 6 is not connected.
  const triangles = undirected([[0, 1], [1, 2], [2, 0], [3, 4], [4, 5], [5, 3], [2, 3]]);
  const { community, count, modularity } = memberCommunities(7, triangles, Int32Array.of(0, 1, 2, 3, 4, 5));
  assert.equal(count, 2);
  // Equal sizes: the community holding the smaller ID (user 0) is number 1; 0 for users not listed.
  assert.deepEqual([...community], [1, 1, 1, 2, 2, 2, 0]);
  // m = 7; each triangle: 3 edges inside, degrees 2 + 2 + 3 = 7: 2·(3/7 − (7/14)²) = 5/14.
  close(modularity, 5 / 14);
  // A pair's weight (both directions added) counts once: a - b with c alone is two communities.
  assert.equal(memberCommunities(3, undirected([[0, 1, 2]]), Int32Array.of(0, 1, 2)).count, 2);
});

// ---------------------------------------------------------------------------
// A hand-made guild
//
// ana 3001, ben 3002, cat 3003, dan 3004, eve 3005 (role Mod), fay 3006 (only a join notice),
// bot 3009. Interactions, all in #general on 1 January 2024 unless said:
//   m1 ana: mentions ben; 👍 by ben, cat and ana herself (no edge)
//   m2 ben replies to m1 and mentions ana (Discord's reply ping: counted once, as the reply); 🎉 by ana
//   m3 cat replies to m1, mentions ben
//   m4 dan: nothing happens to it (dan is isolated)
//   m5 bot replies to m1; 👍 by ana (both edges involve the bot)
//   m6 ben: 👍 by the bot
//   m7 fay's join notice
//   m8 eve replies to m2 (2 January)
//   m9 ben replies to m3 (1 February)
//   m10 a pin notice by cat that references m4 (a system notice: no reply)
// Edges by default (bot out): ana→ben mention 1 + reaction 1; ben→ana reply 1 + reaction 1;
// cat→ana reply 1 + reaction 1; cat→ben mention 1; eve→ben reply 1; ben→cat reply 1.

const GUILD: GuildSpec = {
  id: '1000',
  name: 'Network',
  channels: [{ id: '2000', name: 'general' }],
  roles: [{ id: '5001', name: 'Mod' }],
  users: [
    { id: '3001', name: 'ana' }, { id: '3002', name: 'ben' }, { id: '3003', name: 'cat' }, { id: '3004', name: 'dan' },
    { id: '3005', name: 'eve', roles: ['5001'] }, { id: '3006', name: 'fay' }, { id: '3009', name: 'bot', bot: true },
  ],
  messages: [
    { id: '4001', channel: '2000', author: '3001', at: '2024-01-01T10:00:00Z', mentions: ['3002'], reactions: { '👍': ['3002', '3003', '3001'] } },
    { id: '4002', channel: '2000', author: '3002', at: '2024-01-01T10:05:00Z', replyTo: '4001', mentions: ['3001'], reactions: { '🎉': ['3001'] } },
    { id: '4003', channel: '2000', author: '3003', at: '2024-01-01T10:10:00Z', replyTo: '4001', mentions: ['3002'] },
    { id: '4004', channel: '2000', author: '3004', at: '2024-01-01T10:15:00Z' },
    { id: '4005', channel: '2000', author: '3009', at: '2024-01-01T10:20:00Z', replyTo: '4001', reactions: { '👍': ['3001'] } },
    { id: '4006', channel: '2000', author: '3002', at: '2024-01-01T10:25:00Z', reactions: { '👍': ['3009'] } },
    { id: '4007', channel: '2000', author: '3006', at: '2024-01-01T09:00:00Z', kind: 'GuildMemberJoin', content: '' },
    { id: '4008', channel: '2000', author: '3005', at: '2024-01-02T10:00:00Z', replyTo: '4002' },
    { id: '4009', channel: '2000', author: '3002', at: '2024-02-01T10:00:00Z', replyTo: '4003' },
    { id: '4010', channel: '2000', author: '3003', at: '2024-01-01T11:00:00Z', kind: 'ChannelPinnedMessage', replyTo: '4004', content: '' },
  ],
};

const pairs = (rows: Array<{ source: string; target: string; replies: number; mentions: number; reactions: number; weight: number }>) =>
  rows.map((r) => `${r.source}->${r.target} ${r.replies}/${r.mentions}/${r.reactions}=${r.weight}`);

describeEachEngine('interaction network queries', (ctx) => {
  test('network-edges: replies, mentions without the reply ping, listed reactions; bots, self and notices out', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, GUILD);
    const rows = await networkEdges(engine.db, { guild: '1000' });
    // Heaviest first (weight 2), then by source and target ID.
    assert.deepEqual(pairs(rows), [
      '3001->3002 0/1/1=2', '3002->3001 1/0/1=2', '3003->3001 1/0/1=2',
      '3002->3003 1/0/0=1', '3003->3002 0/1/0=1', '3005->3002 1/0/0=1',
    ]);
    assert.equal(rows[0].sourceName, 'ana');
    assert.equal(rows[0].targetName, 'ben');

    // With bots: bot→ana reply (m5), ana→bot reaction (m5), bot→ben reaction (m6).
    const withBots = pairs(await networkEdges(engine.db, { guild: '1000', includeBots: 'true' }));
    assert.deepEqual(withBots.filter((p) => p.includes('3009')), ['3001->3009 0/0/1=1', '3009->3001 1/0/0=1', '3009->3002 0/0/1=1']);
    // Staff (Mod) out: eve's reply goes.
    const noStaff = pairs(await networkEdges(engine.db, { guild: '1000', staffRoles: 'Mod' }));
    assert.equal(noStaff.some((p) => p.includes('3005')), false);
    assert.equal(noStaff.length, 5);
  });

  test('network-edges over a time range: a reply counts in the period of the reply, whatever its target', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, GUILD);
    // 1 January only: m8 (2 Jan) and m9 (1 Feb) are out.
    assert.deepEqual(pairs(await networkEdges(engine.db, { guild: '1000', from: '2024-01-01', to: '2024-01-02' })), [
      '3001->3002 0/1/1=2', '3002->3001 1/0/1=2', '3003->3001 1/0/1=2', '3003->3002 0/1/0=1',
    ]);
    // From 2 January: eve's reply to m2 (sent 1 January) and ben's reply of 1 February.
    assert.deepEqual(pairs(await networkEdges(engine.db, { guild: '1000', from: '2024-01-02' })), ['3002->3003 1/0/0=1', '3005->3002 1/0/0=1']);
    // In Tokyo (UTC+9) 2 January starts at 1 January 15:00 UTC: still the same two.
    assert.deepEqual(pairs(await networkEdges(engine.db, { guild: '1000', from: '2024-01-02', timeZone: 'Asia/Tokyo' })), [
      '3002->3003 1/0/0=1', '3005->3002 1/0/0=1',
    ]);
  });

  test('network-summary: nodes, isolated share, density, centralisation, communities', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, GUILD);
    const [s] = await networkSummary(engine.db, { guild: '1000' });
    // Nodes: ana, ben, cat, dan, eve, fay (join notice); connected: ana, ben, cat, eve.
    // Density 6 / (4·3) = 0.5. Undirected degrees: ana 2, ben 3, cat 2, eve 1 ⇒ Σ(3 − d) = 4 over 3·2.
    // Louvain (worked through by hand): every move into ben's community gains, so one community,
    // whose modularity is 1 − 1² = 0.
    assert.deepEqual(s, {
      nodes: 6, connected: 4, isolated: 2, isolatedShare: 2 / 6, edges: 6, interactions: 9, density: 0.5,
      centralisation: 4 / 6, communities: 1, modularity: 0, unlistedReactions: 0,
    });
  });

  test('network-summary counts reactions whose reactors the archive does not list', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, GUILD);
    // As if the export listed 1 reactor (the bot) of 3 👍 on ben's m6: 2 unlisted.
    await engine.db.updateTable('reactions').set({ count: 3 }).where('message_id', '=', '4006').execute();
    const [s] = await networkSummary(engine.db, { guild: '1000' });
    assert.equal(s.unlistedReactions, 2);
  });

  test('network-members: degrees, roles by the 2x rule, community, PageRank', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, GUILD);
    const rows = await networkMembers(engine.db, { guild: '1000' });
    const byUser = new Map(rows.map((r) => [r.user, r]));
    const view = (id: string) => {
      const r = byUser.get(id)!;
      return [r.inDegree, r.outDegree, r.inWeight, r.outWeight, r.role, r.community];
    };
    // ana: in from ben 2 + cat 2 = 4, out to ben 2: 4 > 2·2 is false ⇒ balanced.
    assert.deepEqual(view('3001'), [2, 1, 4, 2, 'balanced', 1]);
    // ben: in ana 2 + cat 1 + eve 1 = 4, out ana 2 + cat 1 = 3 ⇒ balanced.
    assert.deepEqual(view('3002'), [3, 2, 4, 3, 'balanced', 1]);
    // cat: in 1 (ben), out 3 > 2·1 ⇒ sender; eve: out only ⇒ sender.
    assert.deepEqual(view('3003'), [1, 2, 1, 3, 'sender', 1]);
    assert.deepEqual(view('3005'), [0, 1, 0, 1, 'sender', 1]);
    assert.deepEqual(view('3004'), [0, 0, 0, 0, 'isolated', null]);
    assert.deepEqual(view('3006'), [0, 0, 0, 0, 'isolated', null]);
    // PageRank sums to 1. Nobody links to dan, eve or fay, so each holds only the uniform restart
    // share: the same score, the lowest, listed by ID.
    close(rows.reduce((sum, r) => sum + r.pageRank, 0), 1);
    assert.deepEqual(rows.slice(-3).map((r) => r.user), ['3004', '3005', '3006'], 'lowest PageRank last, ties by ID');
    assert.equal(byUser.get('3004')!.pageRank, byUser.get('3005')!.pageRank);
    assert.equal(byUser.get('3005')!.pageRank, byUser.get('3006')!.pageRank);
    assert.ok(byUser.get('3003')!.pageRank > byUser.get('3005')!.pageRank, 'cat, replied to by ben, is above');

    // Threshold 1.5: ana 4 > 1.5·2 ⇒ receiver; ben 4 > 4.5 no, 3 > 6 no ⇒ balanced.
    const strict = await networkMembers(engine.db, { guild: '1000', roleThreshold: '1.5' });
    assert.deepEqual(strict.filter((r) => r.user <= '3002').map((r) => [r.user, r.role]).sort(), [['3001', 'receiver'], ['3002', 'balanced']]);

    await assert.rejects(networkMembers(engine.db, { guild: '1000', roleThreshold: 'abc' }), QueryParamError);
    await assert.rejects(networkMembers(engine.db, { guild: '1000', damping: '1.5' }), /damping/);
    await assert.rejects(networkMembers(engine.db, { guild: '1000', damping: 1 }), /damping must be a number >= 0 and < 1/);
    await assert.rejects(runQuery(engine.db, 'network-members', { guild: '1000', roleTreshold: '2' }, { cache: false }), QueryParamError);
  });
});

// ---------------------------------------------------------------------------
// Contributor scores on a guild where the walk solves by hand
//
// p 3101, q 3102, r 3103 (role Elder). n1 by p in a thread of #a: 👍 by q and by p herself (mints
// nothing), 🎉 by r. n2 by q in #a; n3 by p replies to n2.
// Walk edges: q→p (reaction), r→p (reaction), p→q (reply); the seed is all at p.
// x_r = 0 (nobody passes score to r); x_q = (1−α)·x_p; x_p = α + (1−α)·x_q ⇒ x_p = 1/(2 − α).

const SCORED: GuildSpec = {
  id: '1100',
  name: 'Scores',
  channels: [{ id: '2100', name: 'a' }, { id: '2101', name: 'a-thread', parent: '2100' }],
  roles: [{ id: '5100', name: 'Elder' }],
  users: [{ id: '3101', name: 'p' }, { id: '3102', name: 'q' }, { id: '3103', name: 'r', roles: ['5100'] }],
  messages: [
    { id: '4101', channel: '2101', author: '3101', at: '2024-05-01T10:00:00Z', reactions: { '👍': ['3102', '3101'], '🎉': ['3103'] } },
    { id: '4102', channel: '2100', author: '3102', at: '2024-05-01T10:05:00Z' },
    { id: '4103', channel: '2100', author: '3101', at: '2024-05-01T10:10:00Z', replyTo: '4102' },
  ],
};

describeEachEngine('contributor scores', (ctx) => {
  test('reactions mint, score flows along interactions, alpha returns to the seed; breakdown adds up', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, SCORED);
    const rows = await contributorScores(engine.db, { guild: '1100' });
    assert.deepEqual(rows.map((r) => r.user), ['3101', '3102', '3103']);
    const [p, q, r] = rows;
    // Total minted T = 2 (👍 by q, 🎉 by r; p's own 👍 mints nothing). α = 0.2:
    // p = 2/1.8, q = 2·0.8/1.8, r = 0.
    close(p.score, 2 / 1.8, 'p');
    close(q.score, 1.6 / 1.8, 'q');
    assert.equal(r.score, 0);
    close(p.share, 1 / 1.8);
    assert.equal(p.reactionsReceived, 2);
    assert.equal(p.minted, 2);
    assert.equal(p.unlistedReactions, 0);
    // p: minted part T·α·1 = 0.4, half per emoji ('🎉' sorts before '👍'); via q's reaction
    // T·(1−α)·x_q = 1.6·0.8/1.8; all minted in the thread.
    close(p.breakdown.minted, 0.4);
    close(p.breakdown.viaReactions, (1.6 * 0.8) / 1.8);
    assert.equal(p.breakdown.viaReplies, 0);
    assert.deepEqual(p.breakdown.mintedByEmoji.map((e) => [e.emoji, e.name]), [['🎉', '🎉'], ['👍', '👍']]);
    for (const e of p.breakdown.mintedByEmoji) close(e.score, 0.2, e.emoji);
    assert.deepEqual(p.breakdown.mintedByChannel.map((c) => [c.channel, c.name]), [['2101', 'a-thread']]);
    close(p.breakdown.mintedByChannel[0].score, 0.4);
    assert.deepEqual(p.breakdown.topSources.map((s) => s.name), ['q'], 'r passes on nothing');
    // q: all via p's reply, T·(1−α)·x_p = 1.6/1.8.
    close(q.breakdown.viaReplies, 1.6 / 1.8);
    assert.equal(q.breakdown.minted, 0);
    for (const row of rows) {
      const b = row.breakdown;
      close(b.minted + b.viaReplies + b.viaMentions + b.viaReactions, row.score, `breakdown of ${row.name}`);
    }
  });

  test('role, emoji, channel and staff weights, alpha', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, SCORED);
    const scores = async (input: Record<string, unknown>) =>
      Object.fromEntries((await contributorScores(engine.db, { guild: '1100', ...input })).map((r) => [r.name, r.score]));
    // Elder r's 🎉 weighs 3: T = 4, p = 4/1.8, q = 3.2/1.8.
    let s = await scores({ roleWeights: 'Elder=3' });
    close(s.p, 4 / 1.8);
    close(s.q, 3.2 / 1.8);
    const elder = (await contributorScores(engine.db, { guild: '1100', roleWeights: { Elder: 3 } }))[0];
    close(elder.breakdown.mintedByEmoji[0].score, 0.6, '🎉: 3/4 of T·α = 0.8');
    // 👍 weighs 0: T = 1, and q's edge weighs nothing, so q is dangling (restarts at the seed):
    // x_p = α + (1−α)·(x_q + x_q·0) — the same equations: p = 1/1.8, q = 0.8/1.8; p's minted
    // part grows to (α + (1−α)·x_q)·1 = 0.2 + 0.8·0.8/1.8.
    const zero = await contributorScores(engine.db, { guild: '1100', emojiWeights: '👍=0' });
    close(zero[0].score, 1 / 1.8);
    close(zero[0].breakdown.minted, 0.2 + (0.8 * 0.8) / 1.8);
    close(zero[0].breakdown.viaReactions, 0);
    // #a weighs 0.5 and its thread inherits it: everything halves.
    s = await scores({ channelWeights: 'a=0.5' });
    close(s.p, 1 / 1.8);
    close(s.q, 0.8 / 1.8);
    // α = 0.5: x_p = 1/1.5, x_q = 0.5/1.5, T = 2.
    s = await scores({ alpha: '0.5' });
    close(s.p, 2 / 1.5);
    close(s.q, 1 / 1.5);
    // Elders as staff: out by default (T = 1, no row for r); included with staffWeight 5: T = 6.
    s = await scores({ staffRoles: 'Elder' });
    assert.deepEqual(Object.keys(s).sort(), ['p', 'q']);
    close(s.p, 1 / 1.8);
    s = await scores({ staffRoles: 'Elder', includeStaff: true, staffWeight: '5' });
    close(s.p, 6 / 1.8);
    close(s.q, 4.8 / 1.8);
  });

  test('unlisted reactors are reported, not guessed; bad weights are parameter errors', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, SCORED);
    // 👍 on n1 counted 4 but 2 reactors listed (q and p): 4 + 1 (🎉) − 3 listed = 2 unlisted.
    await engine.db.updateTable('reactions').set({ count: 4 }).where('message_id', '=', '4101').where('emoji_key', '=', '👍').execute();
    const [p] = await contributorScores(engine.db, { guild: '1100' });
    assert.equal(p.unlistedReactions, 2);
    close(p.score, 2 / 1.8, 'unlisted reactions mint nothing');

    for (const bad of [{ alpha: '0' }, { alpha: 'x' }, { roleWeights: 'Nobody=2' }, { channelWeights: 'nowhere=1' }, { emojiWeights: '👍' }, { staffWeight: '-1' }, { emojiWeights: '👍=-2' }]) {
      await assert.rejects(contributorScores(engine.db, { guild: '1100', ...bad }), QueryParamError, JSON.stringify(bad));
    }
  });
});
