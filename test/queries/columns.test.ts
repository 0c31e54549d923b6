import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { Engine } from '../../lib/database/engine';
import type { Database } from '../../lib/database/schema';
import { dataVersion } from '../../lib/queries/data-version';
import { forgetGuildColumns, guildColumns, joinSnowflake, REPLY, type GuildColumns } from '../../lib/queries/columns';
import { COLUMNS_FORMAT, decodeGuildColumns, encodeGuildColumns } from '../../lib/queries/columns/encode-guild-columns';
import { readStoredColumns } from '../../lib/queries/columns/stored-guild-columns';
import { loadGuildColumns } from '../../lib/queries/columns/load-guild-columns';
import { buildGuild, type GuildSpec } from '../support/build-guild';
import { describeEachEngine } from '../support/engines';
import { SUMMARY_GUILD } from './summary-guild';

const guild = SUMMARY_GUILD.id;

/** Two messages in the same millisecond, the larger ID first in the archive and shorter as text. */
const TIES: GuildSpec = {
  id: '77',
  name: 'Ties',
  channels: [{ id: '78', name: 'general' }],
  users: [{ id: '79', name: 'zed' }],
  messages: [
    { id: '1000', channel: '78', author: '79', at: '2024-02-01T00:00:00Z' },
    { id: '999', channel: '78', author: '79', at: '2024-02-01T00:00:00Z' },
    { id: '5', channel: '78', author: '79', at: '2024-01-31T00:00:00Z', replyTo: '1000' },
  ],
};

/** The same with a later message of a smaller ID, so IDs are not in time order. */
const UNORDERED: GuildSpec = {
  ...TIES,
  messages: [...TIES.messages, { id: '3', channel: '78', author: '79', at: '2024-03-01T00:00:00Z', replyTo: '999' }],
};

/** The columns in readable form, by IDs. */
function readable(c: GuildColumns) {
  const m = c.messages;
  const users = (list: { start: Uint32Array; values: Int32Array }, i: number) =>
    [...list.values.subarray(list.start[i], list.start[i + 1])].map((u) => c.users.ids[u]).sort();
  return Array.from({ length: m.count }, (_, i) => ({
    id: joinSnowflake(m.id, i),
    at: new Date(m.sentAt[i]).toISOString(),
    author: c.users.ids[m.author[i]],
    channel: c.channels.ids[m.channel[i]],
    kind: m.kinds[m.kind[i]],
    talk: m.conversational[i] === 1,
    repliesTo: m.referenceKind[i] === REPLY ? joinSnowflake(m.id, m.referenced[i]) : null,
    mentions: users(c.mentions, i),
    reactors: users(c.reactors, i),
    reactions: c.reactionCounts[i],
  }));
}

describeEachEngine('guild columns', (ctx) => {
  let engine: Engine;
  let db: Kysely<Database>;
  before(async () => {
    ({ engine } = await ctx.fresh());
    await buildGuild(engine, SUMMARY_GUILD);
    db = engine.db;
  });

  test('hold every message of the guild in time order, with its references, mentions and reactors', async () => {
    const c = await loadGuildColumns(db, guild, 'v');
    const rows = readable(c);
    assert.deepEqual(rows.map((r) => r.id), ['9501', '9502', '9503', '9504', '9505', '9506', '9507', '9508', '9509', '9510']);
    assert.deepEqual(rows[1], {
      id: '9502', at: '2024-01-01T10:05:00.000Z', author: '9402', channel: '9201', kind: 'Reply', talk: true,
      repliesTo: '9501', mentions: ['9401'], reactors: [], reactions: 0,
    });
    assert.deepEqual([rows[3].reactors, rows[3].reactions], [['9402', '9406'], 2]);
    assert.deepEqual(rows.filter((r) => !r.talk).map((r) => r.kind), ['GuildMemberJoin', 'ChannelPinnedMessage']);
    assert.deepEqual(c.users.ids.filter((_, u) => c.users.isBot[u] === 1), ['9405']);
  });

  test('put messages of the same millisecond in numeric ID order and resolve replies to them', async () => {
    const { engine: other } = await ctx.fresh();
    await buildGuild(other, TIES);
    const rows = readable(await loadGuildColumns(other.db, TIES.id, 'v'));
    assert.deepEqual(rows.map((r) => [r.id, r.repliesTo]), [['5', '1000'], ['999', null], ['1000', null]]);

    const { engine: third } = await ctx.fresh();
    await buildGuild(third, UNORDERED);
    const unordered = readable(await loadGuildColumns(third.db, TIES.id, 'v'));
    assert.deepEqual(unordered.map((r) => [r.id, r.repliesTo]), [['5', '1000'], ['999', null], ['1000', null], ['3', '999']]);
  });

  test('survive their binary form unchanged', async () => {
    const c = await loadGuildColumns(db, guild, 'v');
    const back = decodeGuildColumns(encodeGuildColumns(c));
    assert.deepEqual(readable(back), readable(c));
    assert.deepEqual([back.guild, back.dataVersion, back.users.index.get('9405')], [guild, 'v', c.users.index.get('9405')]);
  });

  test('are kept in memory, stored in the database, and rebuilt after an import', async () => {
    const first = await guildColumns(db, guild);
    assert.equal(await guildColumns(db, guild), first, 'the same object from memory');
    const stored = await db.selectFrom('guild_columns').select(['guild_id', 'data_version']).execute();
    assert.deepEqual(stored, [{ guild_id: guild, data_version: await dataVersion(db) }]);

    forgetGuildColumns(db);
    const fromStore = await guildColumns(db, guild);
    assert.notEqual(fromStore, first);
    assert.deepEqual(readable(fromStore), readable(first));

    await buildGuild(engine, { ...SUMMARY_GUILD, messages: [...SUMMARY_GUILD.messages, { id: '9511', channel: '9202', author: '9403', at: '2024-01-09T00:00:00Z' }] });
    const after = await guildColumns(db, guild);
    assert.equal(after.messages.count, 11);
    assert.equal(after.dataVersion, await dataVersion(db));
  });

  test('are read back whole from many parts, each taken from the driver before the next arrives', async () => {
    // Columns of 1.4 MB (60,000 users), stored in 64 KiB parts: PostgreSQL's driver reuses its
    // read buffer across messages of this size, so a part kept as a view would come back wrong.
    const c = await loadGuildColumns(db, guild, 'many-parts');
    const ids = Array.from({ length: 60_000 }, (_, i) => String(10n ** 17n + BigInt(i)));
    const bytes = encodeGuildColumns({ ...c, users: { ids, index: new Map(ids.map((id, i) => [id, i])), isBot: new Uint8Array(ids.length) } });
    const partBytes = 64 << 10;
    const parts = Math.ceil(bytes.length / partBytes);
    await db.deleteFrom('guild_columns').execute();
    for (let part = 0; part < parts; part++) {
      await db.insertInto('guild_columns').values({
        guild_id: guild, part, parts, data_version: 'many-parts', format: COLUMNS_FORMAT, created_at: 0,
        bytes: bytes.subarray(part * partBytes, (part + 1) * partBytes),
      }).execute();
    }
    const back = await readStoredColumns(db, guild, 'many-parts');
    assert.ok(back, 'found');
    assert.equal(back.users.ids.length, 60_000);
    assert.ok(encodeGuildColumns(back).equals(bytes), 'byte for byte what was stored');
    await db.deleteFrom('guild_columns').where('part', '=', parts - 1).execute();
    assert.equal(await readStoredColumns(db, guild, 'many-parts'), null, 'a part missing: rebuilt, never read short');
    await db.deleteFrom('guild_columns').execute();
  });
});
