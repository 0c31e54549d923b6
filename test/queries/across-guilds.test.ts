import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../lib/database/schema';
import { crossGuildAccounts, memberOverlap, type MemberOverlapRow } from '../../lib/queries/across-guilds';
import { QueryParamError } from '../../lib/queries/query-error';
import { runQuery } from '../../lib/queries/run-query';
import { buildGuild, type GuildSpec } from '../support/build-guild';
import { describeEachEngine } from '../support/engines';

/**
 * Three guilds sharing accounts. Guild IDs differ in length on purpose: 300 < 1000 < 2000 as
 * numbers, not as text. Accounts: 5001 wren, 5002 kas, 5003 a bot, 5004 olaf (only reacts),
 * 5005 pip (Beta only), 5006 jo (only a join notice).
 *   Alpha 1000: members 5001 5002 5003 5004 5006; messages by 5001 (1 Mar), 5002 (5 Mar), the bot; 5006's join
 *   Beta  2000: members 5001 5002 5003 5005; messages by 5001, 5005 (1 Mar), 5002 (3 Mar), the bot
 *   Gamma  300: member 5002; one message, 29 February 20:00 UTC (1 March in Tokyo)
 */
const ALPHA: GuildSpec = {
  id: '1000',
  name: 'Alpha',
  channels: [{ id: '1100', name: 'general' }],
  users: [
    { id: '5001', name: 'wren', nickname: 'Wrenny' },
    { id: '5002', name: 'kas' },
    { id: '5003', name: 'botty', bot: true },
    { id: '5004', name: 'olaf' },
    { id: '5006', name: 'jo' },
  ],
  messages: [
    { id: '7000', channel: '1100', author: '5001', at: '2024-02-20T08:00:00Z', kind: 'GuildMemberJoin', content: '' },
    { id: '7001', channel: '1100', author: '5001', at: '2024-03-01T09:00:00Z', reactions: { '👍': ['5004'] } },
    { id: '7002', channel: '1100', author: '5002', at: '2024-03-05T14:30:00Z' },
    { id: '7003', channel: '1100', author: '5003', at: '2024-03-02T12:01:00Z' },
    { id: '7004', channel: '1100', author: '5006', at: '2024-03-03T00:00:00Z', kind: 'GuildMemberJoin', content: '' },
  ],
};
const BETA: GuildSpec = {
  id: '2000',
  name: 'Beta',
  channels: [{ id: '2100', name: 'lobby' }],
  users: [{ id: '5001', name: 'wren' }, { id: '5002', name: 'kas' }, { id: '5003', name: 'botty', bot: true }, { id: '5005', name: 'pip' }],
  messages: [
    { id: '8001', channel: '2100', author: '5001', at: '2024-03-01T09:07:00Z' },
    { id: '8002', channel: '2100', author: '5005', at: '2024-03-01T09:10:00Z' },
    { id: '8003', channel: '2100', author: '5002', at: '2024-03-03T10:00:00Z' },
    { id: '8004', channel: '2100', author: '5003', at: '2024-03-01T09:30:00Z' },
  ],
};
const GAMMA: GuildSpec = {
  id: '300',
  name: 'Gamma',
  channels: [{ id: '3100', name: 'chat' }],
  users: [{ id: '5002', name: 'kas' }],
  messages: [{ id: '9001', channel: '3100', author: '5002', at: '2024-02-29T20:00:00Z' }],
};

const isParamError = (pattern: RegExp) => (e: unknown) => e instanceof QueryParamError && pattern.test(e.message);
/** The active figures of each pair, in row order: [activeA, activeB, sharedActive, activeJaccard]. */
const active = (rows: MemberOverlapRow[]) => rows.map((r) => [r.activeA, r.activeB, r.sharedActive, r.activeJaccard]);

describeEachEngine('across-guilds metrics', (ctx) => {
  let db: Kysely<Database>;
  before(async () => {
    const { engine } = await ctx.fresh();
    for (const spec of [ALPHA, BETA, GAMMA]) await buildGuild(engine, spec);
    db = engine.db;
  });

  test('member overlap of every pair, bots left out, communicators as active', async () => {
    // Members without the bot: Alpha {5001 5002 5004 5006} 4, Beta {5001 5002 5005} 3, Gamma {5002} 1.
    // Active (a conversational message; 5004 only reacted, 5006 only joined): Alpha {5001 5002}, Beta {5001 5005 5002}, Gamma {5002}.
    assert.deepEqual(await memberOverlap(db), [
      // shared {5002}: 1 / (1 + 4 − 1); active 1 / (1 + 2 − 1)
      { guildA: '300', guildAName: 'Gamma', guildB: '1000', guildBName: 'Alpha', membersA: 1, membersB: 4, sharedMembers: 1, jaccard: 1 / 4,
        activeA: 1, activeB: 2, sharedActive: 1, activeJaccard: 1 / 2 },
      // shared {5002}: 1 / (1 + 3 − 1); active 1 / (1 + 3 − 1)
      { guildA: '300', guildAName: 'Gamma', guildB: '2000', guildBName: 'Beta', membersA: 1, membersB: 3, sharedMembers: 1, jaccard: 1 / 3,
        activeA: 1, activeB: 3, sharedActive: 1, activeJaccard: 1 / 3 },
      // shared {5001 5002}: 2 / (4 + 3 − 2); active 2 / (2 + 3 − 2)
      { guildA: '1000', guildAName: 'Alpha', guildB: '2000', guildBName: 'Beta', membersA: 4, membersB: 3, sharedMembers: 2, jaccard: 2 / 5,
        activeA: 2, activeB: 3, sharedActive: 2, activeJaccard: 2 / 3 },
    ]);
    // With the bot (in Alpha and Beta): members 5 and 4 sharing 3 → 3 / 6; active 3 and 4 sharing 3 → 3 / 4.
    const [, , bots] = await memberOverlap(db, { includeBots: 'true' });
    assert.deepEqual([bots.membersA, bots.membersB, bots.sharedMembers, bots.jaccard, bots.activeA, bots.activeB, bots.sharedActive, bots.activeJaccard],
      [5, 4, 3, 1 / 2, 3, 4, 3, 3 / 4]);
  });

  test('active members of a period, dates in a time zone', async () => {
    // 1 March UTC: Alpha {5001}, Beta {5001 5005}, Gamma {} (its message is on 29 February UTC).
    assert.deepEqual(active(await memberOverlap(db, { from: '2024-03-01', to: '2024-03-02' })), [[0, 1, 0, 0], [0, 2, 0, 0], [1, 2, 1, 1 / 2]]);
    // 1 March in Tokyo starts 29 February 15:00 UTC: Gamma's message (20:00 UTC) is in.
    assert.deepEqual(active(await memberOverlap(db, { from: '2024-03-01', to: '2024-03-02', timeZone: 'Asia/Tokyo' })),
      [[1, 1, 0, 0], [1, 2, 0, 0], [1, 2, 1, 1 / 2]]);
    // Only a start: Alpha {5002} (5 March), Beta {5002} (3 March), Gamma {}.
    assert.deepEqual(active(await memberOverlap(db, { from: '2024-03-01T12:00:00Z' })), [[0, 1, 0, 0], [0, 1, 0, 0], [1, 1, 1, 1]]);
    // Nobody active at all: Jaccard of two empty sets is null. Members do not depend on the period.
    const empty = await memberOverlap(db, { from: '2024-04-01' });
    assert.deepEqual(active(empty), [[0, 0, 0, null], [0, 0, 0, null], [0, 0, 0, null]]);
    assert.deepEqual(empty.map((r) => r.sharedMembers), [1, 1, 2]);
  });

  test('cross-guild accounts: most guilds first, messages per guild', async () => {
    assert.deepEqual(await crossGuildAccounts(db), [
      { userId: '5002', name: 'kas', displayName: null, bot: false, guildCount: 3, guildIds: ['300', '1000', '2000'], guildNames: ['Gamma', 'Alpha', 'Beta'],
        messages: 3, perGuild: [
          { guild: '300', guildName: 'Gamma', nickname: 'kas', messages: 1 },
          { guild: '1000', guildName: 'Alpha', nickname: 'kas', messages: 1 },
          { guild: '2000', guildName: 'Beta', nickname: 'kas', messages: 1 },
        ] },
      // The join notice 7000 is not a message.
      { userId: '5001', name: 'wren', displayName: null, bot: false, guildCount: 2, guildIds: ['1000', '2000'], guildNames: ['Alpha', 'Beta'],
        messages: 2, perGuild: [
          { guild: '1000', guildName: 'Alpha', nickname: 'Wrenny', messages: 1 },
          { guild: '2000', guildName: 'Beta', nickname: 'wren', messages: 1 },
        ] },
    ]);
    // The bot ties with wren (2 guilds, 2 messages): user ID decides.
    assert.deepEqual((await crossGuildAccounts(db, { includeBots: true })).map((r) => [r.userId, r.guildCount, r.messages, r.bot]),
      [['5002', 3, 3, false], ['5001', 2, 2, false], ['5003', 2, 2, true]]);
    assert.deepEqual((await crossGuildAccounts(db, { minGuilds: '3' })).map((r) => r.userId), ['5002']);
    assert.deepEqual(await crossGuildAccounts(db, { minGuilds: 4 }), []);
  });

  test('bad parameters, and both queries by name', async () => {
    await assert.rejects(crossGuildAccounts(db, { minGuilds: '1' }), isParamError(/minGuilds must be a whole number >= 2/));
    await assert.rejects(crossGuildAccounts(db, { minGuilds: '2.5' }), isParamError(/minGuilds/));
    await assert.rejects(crossGuildAccounts(db, { includeBots: 'maybe' }), isParamError(/includeBots must be true or false/));
    await assert.rejects(memberOverlap(db, { from: 'yesterday' }), isParamError(/from must be a date/));
    await assert.rejects(memberOverlap(db, { to: '2023-02-29' }), isParamError(/to must be a date like 2024-03-01 \(got '2023-02-29'\)/));
    await assert.rejects(memberOverlap(db, { timeZone: 'Nowhere/Land' }), isParamError(/unknown time zone/));
    await assert.rejects(memberOverlap(db, { from: '2024-03-02', to: '2024-03-01' }), isParamError(/empty or inverted/));
    assert.equal((await runQuery(db, 'member-overlap', { from: '2024-03-01' }, { cache: false })).rows.length, 3);
    assert.equal((await runQuery(db, 'cross-guild-accounts', { minGuilds: '3' }, { cache: false })).rows.length, 1);
  });
});
