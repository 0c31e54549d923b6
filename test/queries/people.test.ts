import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Kysely } from 'kysely';
import { estimateUtcOffset } from '../../lib/analysis/time-zone-estimate';
import type { Database } from '../../lib/database/schema';
import { messagesByUser, person } from '../../lib/queries/people';
import { QueryParamError } from '../../lib/queries/query-error';
import { runQuery } from '../../lib/queries/run-query';
import { buildGuild, type GuildSpec } from '../support/build-guild';
import { describeEachEngine } from '../support/engines';


/**
 * Three hand-made guilds sharing accounts, for the people and across-guilds tests.
 *
 * Accounts: 5001 wren (nickname Wrenny in Alpha, "Wren B" in Beta), 5002 kas, 5003 botty (a bot),
 * 5004 Ölaf (only reacts), 5005 WREN (another account with the same name, Beta only).
 * Guild IDs have different lengths on purpose: 300 < 1000 < 2000 as numbers, not as text.
 */

/** 24 messages of kas, two per UTC hour from 14:00 to 01:00 (12 hours: 14…23, 0, 1), quiet 02:00–14:00. */
const KAS_HOURS = [14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0, 1];
const kasMessages = KAS_HOURS.flatMap((hour, i) => [5, 6].map((day, j) => ({
  id: String(7100 + i * 2 + j),
  channel: '1101',
  author: '5002',
  at: `2024-03-${String(day + (hour < 14 ? 1 : 0)).padStart(2, '0')}T${String(hour).padStart(2, '0')}:30:00Z`,
})));

const ALPHA: GuildSpec = {
  id: '1000',
  name: 'Alpha',
  channels: [{ id: '1100', name: 'general' }, { id: '1101', name: 'random' }],
  roles: [{ id: '1200', name: 'Maker' }, { id: '1201', name: 'Admin' }], // positions 0 and 1
  users: [
    { id: '5001', name: 'wren', nickname: 'Wrenny', roles: ['1200', '1201'] },
    { id: '5002', name: 'kas' },
    { id: '5003', name: 'botty', bot: true },
    { id: '5004', name: 'Ölaf' },
  ],
  messages: [
    { id: '7000', channel: '1100', author: '5001', at: '2024-02-29T08:00:00Z', kind: 'GuildMemberJoin', content: '' },
    { id: '7001', channel: '1100', author: '5001', at: '2024-03-01T09:00:00Z', content: 'hello' },
    { id: '7002', channel: '1100', author: '5002', at: '2024-03-01T09:05:00Z', replyTo: '7001', mentions: ['5001'], reactions: { '👍': ['5001'] } },
    { id: '7003', channel: '1100', author: '5001', at: '2024-03-01T09:10:00Z', replyTo: '7002', mentions: ['5002'], reactions: { '🎉': ['5002', '5004'] } },
    { id: '7005', channel: '1101', author: '5001', at: '2024-03-02T12:00:00Z', content: 'random talk' },
    { id: '7006', channel: '1101', author: '5003', at: '2024-03-02T12:01:00Z', replyTo: '7005' },
    ...kasMessages,
  ],
};

const BETA: GuildSpec = {
  id: '2000',
  name: 'Beta',
  channels: [{ id: '2100', name: 'lobby' }],
  users: [
    { id: '5001', name: 'wren', nickname: 'Wren B' },
    { id: '5002', name: 'kas' },
    { id: '5003', name: 'botty', bot: true },
    { id: '5005', name: 'WREN' },
  ],
  messages: [
    { id: '8001', channel: '2100', author: '5001', at: '2024-03-01T09:07:00Z', content: 'hi beta' },
    // Same instant as 7003 in Alpha; as numbers 900 < 7003, as text '7003' < '900'.
    { id: '900', channel: '2100', author: '5005', at: '2024-03-01T09:10:00Z', content: 'the other wren' },
    { id: '8004', channel: '2100', author: '5003', at: '2024-03-01T09:30:00Z', content: 'beep beep' },
    { id: '8003', channel: '2100', author: '5002', at: '2024-03-03T10:00:00Z', mentions: ['5001'] },
  ],
};

const GAMMA: GuildSpec = {
  id: '300',
  name: 'Gamma',
  channels: [{ id: '3100', name: 'chat' }],
  users: [{ id: '5002', name: 'kas' }],
  messages: [{ id: '9001', channel: '3100', author: '5002', at: '2024-03-01T12:00:00Z' }],
};

const isParamError = (pattern: RegExp) => (e: unknown) => e instanceof QueryParamError && pattern.test(e.message);
const hours = (entries: Record<number, number>) => Array.from({ length: 24 }, (_, h) => entries[h] ?? 0);

test('time-zone estimate: the quietest 6 hours become 01:00–07:00 local', () => {
  // 10 messages an hour except 20:00–02:00 UTC: one clear block starting at 20; 20 + 5 = 01 → UTC+05:00.
  const clear = estimateUtcOffset(hours(Object.fromEntries([...Array(24).keys()].filter((h) => h >= 2 && h < 20).map((h) => [h, 10]))));
  assert.deepEqual([clear.utcOffsetHours, clear.utcOffset, clear.quietBlockUtc, clear.messages, clear.messagesInQuietBlock, clear.tiedBlocks, clear.confidence],
    [5, 'UTC+05:00', '20:00–02:00', 180, 0, 1, 'high']);
  // Quiet from 02:00 to 14:00 (12 hours): blocks starting 2…8 all hold 0; the middle one, 5, is taken; 5 − 4 = 1 → UTC−04:00.
  const long = estimateUtcOffset(hours({ 14: 2, 15: 2, 16: 2, 17: 2, 18: 2, 19: 2, 20: 2, 21: 2, 22: 2, 23: 2, 0: 2, 1: 2 }));
  assert.deepEqual([long.utcOffsetHours, long.quietStartUtcHour, long.tiedBlocks, long.quietShare, long.confidence], [-4, 5, 7, 0, 'medium']);
  // Two separate quiet blocks (00–06 and 12–18): the first is taken, with low confidence; 0 + 1 → UTC+01:00.
  const split = estimateUtcOffset(hours(Object.fromEntries([6, 7, 8, 9, 10, 11, 18, 19, 20, 21, 22, 23].map((h) => [h, 5]))));
  assert.deepEqual([split.utcOffsetHours, split.tiedBlocks, split.confidence], [1, 2, 'low']);
  // 23 messages are too few.
  const few = estimateUtcOffset(hours({ 12: 23 }));
  assert.deepEqual([few.utcOffsetHours, few.confidence, few.reason], [null, 'none', 'too few messages to tell (23, at least 24 needed)']);
  assert.throws(() => estimateUtcOffset([1, 2, 3]), RangeError);
});

describeEachEngine('people metrics', (ctx) => {
  let db: Kysely<Database>;
  before(async () => {
    const { engine } = await ctx.fresh();
    for (const spec of [ALPHA, BETA, GAMMA]) await buildGuild(engine, spec);
    db = engine.db;
  });

  test('messages-by-user: every message of an account in every guild, system notices marked', async () => {
    const rows = await messagesByUser(db, { user: '5001' });
    // Alpha's join notice, Alpha 09:00, Beta 09:07, Alpha 09:10 (a reply), Alpha's #random on 2 March
    assert.deepEqual(rows.map((r) => [r.id, r.guild, r.channel, r.timestamp]), [
      ['7000', '1000', '1100', '2024-02-29T08:00:00.000Z'],
      ['7001', '1000', '1100', '2024-03-01T09:00:00.000Z'],
      ['8001', '2000', '2100', '2024-03-01T09:07:00.000Z'],
      ['7003', '1000', '1100', '2024-03-01T09:10:00.000Z'],
      ['7005', '1000', '1101', '2024-03-02T12:00:00.000Z'],
    ]);
    assert.deepEqual(rows[0], {
      id: '7000', guild: '1000', channel: '1100', timestamp: '2024-02-29T08:00:00.000Z', content: '',
      authorId: '5001', authorName: 'wren', guildName: 'Alpha', channelName: 'general', kind: 'GuildMemberJoin', system: true,
      edited: null, referenceKind: null, referenceMessageId: null, attachments: [],
    });
    assert.deepEqual([rows[3].kind, rows[3].system, rows[3].referenceKind, rows[3].referenceMessageId, rows[3].content],
      ['Reply', false, 'Default', '7002', 'message 7003']);
    // A bot's own messages are listed too: it was asked for by ID.
    assert.deepEqual((await messagesByUser(db, { user: '5003' })).map((r) => r.id), ['8004', '7006']);
    // A known account with no message of its own.
    assert.deepEqual(await messagesByUser(db, { user: '5004' }), []);
  });

  test('messages-by-user by name: every matching account, case-insensitive, IDs in the rows', async () => {
    // "wren" is 5001's username and 5005's ("WREN"). 900 and 7003 share 09:10: 900 comes first as a number.
    const rows = await messagesByUser(db, { user: 'Wren' });
    assert.deepEqual(rows.map((r) => [r.id, r.authorId, r.authorName]), [
      ['7000', '5001', 'wren'], ['7001', '5001', 'wren'], ['8001', '5001', 'wren'],
      ['900', '5005', 'WREN'], ['7003', '5001', 'wren'], ['7005', '5001', 'wren'],
    ]);
    // A nickname in one guild finds the account everywhere; Unicode case folding.
    assert.equal((await messagesByUser(db, { user: ' WRENNY ' })).length, 5);
    assert.deepEqual(await messagesByUser(db, { user: 'ölaf' }), []);
  });

  test('messages-by-user in a period, and bad parameters', async () => {
    const period = await messagesByUser(db, { user: '5001', from: '2024-03-01T09:06:00Z', to: '2024-03-02' });
    assert.deepEqual(period.map((r) => r.id), ['8001', '7003']);
    assert.deepEqual((await messagesByUser(db, { user: '5001', to: '2024-03-01' })).map((r) => r.id), ['7000']);
    await assert.rejects(messagesByUser(db, { user: 'nobody' }), isParamError(/no user matches 'nobody'/));
    await assert.rejects(messagesByUser(db, { user: '' }), isParamError(/user is required/));
    await assert.rejects(messagesByUser(db, { user: '5001', from: 'last week' }), isParamError(/from must be a date/));
    await assert.rejects(messagesByUser(db, { user: '5001', from: '2024-03-02', to: '2024-03-01' }), isParamError(/empty or inverted/));
    await assert.rejects(runQuery(db, 'messages-by-user', {}, { cache: false }), isParamError(/needs --param user/));
  });

  test('messages-by-user: attached files in ID order, and a guild without a member row of the author', async () => {
    // Two files on 7001, IDs 100 and 90: 90 first as a number ('100' < '90' as text); one on 8001.
    const file = (message: string, id: string) => ({ message_id: message, id, url: `https://cdn.example/${id}`, file_name: `${id}.png`, size_bytes: null });
    await db.insertInto('attachments').values([file('7001', '100'), file('7001', '90'), file('8001', '55')]).execute();
    // Channel names are read for the guilds the account is a member of; others are looked up by channel.
    const member = await db.selectFrom('members').selectAll().where('guild_id', '=', '2000').where('user_id', '=', '5001').executeTakeFirstOrThrow();
    await db.deleteFrom('members').where('guild_id', '=', '2000').where('user_id', '=', '5001').execute();
    try {
      const rows = await messagesByUser(db, { user: '5001' });
      assert.deepEqual(rows.map((r) => [r.id, r.guild, r.guildName, r.channel, r.channelName, r.attachments]), [
        ['7000', '1000', 'Alpha', '1100', 'general', []],
        ['7001', '1000', 'Alpha', '1100', 'general', ['https://cdn.example/90', 'https://cdn.example/100']],
        ['8001', '2000', 'Beta', '2100', 'lobby', ['https://cdn.example/55']],
        ['7003', '1000', 'Alpha', '1100', 'general', []],
        ['7005', '1000', 'Alpha', '1101', 'random', []],
      ]);
    } finally {
      await db.insertInto('members').values(member).execute();
      await db.deleteFrom('attachments').execute();
    }
  });

  test('person: a dossier across guilds, hours in a time zone, partners both ways', async () => {
    const [p] = await person(db, { user: '5001', timeZone: 'Asia/Tokyo' });
    const { notes, timeZoneEstimate, ...rest } = p;
    assert.deepEqual(rest, {
      query: '5001',
      accounts: [{ id: '5001', name: 'wren', displayName: null, bot: false, matchedBy: ['id'] }],
      names: ['Wren B', 'Wrenny', 'wren'], // code-unit order: 'W' < 'w', ' ' < 'n'
      messages: 4, // 7001 7003 7005 8001
      systemNotices: 1, // the join notice 7000
      firstSeen: '2024-02-29T08:00:00.000Z',
      lastSeen: '2024-03-02T12:00:00.000Z',
      guilds: [
        { guild: '1000', guildName: 'Alpha', userId: '5001', nickname: 'Wrenny', roles: ['Admin', 'Maker'], joined: '2024-02-29T08:00:00.000Z',
          firstSeen: '2024-02-29T08:00:00.000Z', lastSeen: '2024-03-02T12:00:00.000Z', messages: 3, systemNotices: 1 },
        { guild: '2000', guildName: 'Beta', userId: '5001', nickname: 'Wren B', roles: [], joined: null,
          firstSeen: '2024-03-01T09:07:00.000Z', lastSeen: '2024-03-01T09:07:00.000Z', messages: 1, systemNotices: 0 },
      ],
      timeZone: 'Asia/Tokyo',
      activityByHour: hours({ 18: 3, 21: 1 }), // 09:00 09:07 09:10 UTC are 18:xx in Tokyo (UTC+9); 12:00 UTC is 21:00
      activityByUtcHour: hours({ 9: 3, 12: 1 }),
      topChannels: [
        { guild: '1000', guildName: 'Alpha', channel: '1100', channelName: 'general', messages: 2 },
        { guild: '1000', guildName: 'Alpha', channel: '1101', channelName: 'random', messages: 1 },
        { guild: '2000', guildName: 'Beta', channel: '2100', channelName: 'lobby', messages: 1 },
      ],
      partners: [
        // wren replied to 7002, mentioned kas in 7003, reacted 👍 to 7002; kas replied to 7001,
        // mentioned wren in 7002 and 8003, reacted 🎉 to 7003: 1 + 1 + 1 + 1 + 2 + 1 = 7
        { userId: '5002', name: 'kas', bot: false, repliesTo: 1, mentionsTo: 1, reactionsTo: 1, repliesFrom: 1, mentionsFrom: 2, reactionsFrom: 1, total: 7 },
        { userId: '5003', name: 'botty', bot: true, repliesTo: 0, mentionsTo: 0, reactionsTo: 0, repliesFrom: 1, mentionsFrom: 0, reactionsFrom: 0, total: 1 },
        { userId: '5004', name: 'Ölaf', bot: false, repliesTo: 0, mentionsTo: 0, reactionsTo: 0, repliesFrom: 0, mentionsFrom: 0, reactionsFrom: 1, total: 1 },
      ],
    });
    assert.equal(notes.length, 3);
    assert.deepEqual([timeZoneEstimate.utcOffsetHours, timeZoneEstimate.confidence, timeZoneEstimate.messages], [null, 'none', 4]);
  });

  test('person: time-zone estimate from enough messages, and several accounts by name', async () => {
    // kas by UTC hour: 2 each at 14…23, 0, 1 (#random), 1 at 09 (7002), 10 (8003), 12 (9001): 27.
    // 6-hour blocks from 02 and from 03 hold 0 (from 04 reaches 09): a run of 2, the first of the middle pair, 02 → UTC−01:00.
    const [kas] = await person(db, { user: 'kas' });
    assert.deepEqual(kas.timeZoneEstimate, {
      utcOffsetHours: -1, utcOffset: 'UTC-01:00',
      method: 'the UTC offset that puts the quietest 6-hour block of the day (by UTC hour of message) at 01:00–07:00 local time',
      quietBlockUtc: '02:00–08:00', quietStartUtcHour: 2, messagesInQuietBlock: 0, messages: 27, quietShare: 0, tiedBlocks: 2,
      confidence: 'medium',
      reason: '0 of 27 messages (0.0%) fall in 02:00–08:00 UTC, the quietest 6 hours (2 blocks tie, the middle one taken); as 01:00–07:00 local that is UTC-01:00',
    });
    assert.deepEqual(kas.guilds.map((g) => [g.guild, g.messages]), [['1000', 25], ['300', 1], ['2000', 1]]); // ties by guild ID as a number
    assert.deepEqual(kas.activityByHour, kas.activityByUtcHour); // UTC by default

    const [wren] = await person(db, { user: 'WREN' });
    // 5005's nickname in Beta is its name too (the archive gives no other).
    assert.deepEqual(wren.accounts.map((a) => [a.id, a.matchedBy]), [['5001', ['name']], ['5005', ['name', 'nickname']]]);
    assert.deepEqual(wren.guilds.map((g) => [g.guild, g.userId, g.messages]), [['1000', '5001', 3], ['2000', '5001', 1], ['2000', '5005', 1]]);
    assert.equal(wren.messages, 5);
  });

  test('person: bad parameters', async () => {
    await assert.rejects(person(db, { user: 'nobody' }), isParamError(/no user matches/));
    await assert.rejects(person(db, { user: '5001', timeZone: 'Mars/Olympus' }), isParamError(/unknown time zone 'Mars\/Olympus'/));
    const { rows } = await runQuery(db, 'person', { user: 'Wrenny' }, { cache: false });
    assert.equal((rows[0] as { messages: number }).messages, 4);
  });
});
