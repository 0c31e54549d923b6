import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { DceJsonReader } from '../../lib/archives/dce-json/read-dce-json';
import { positionInFile } from '../../lib/archives/file-position';
import { ingest } from '../../lib/ingest/ingest';
import { describeEachEngine, tempDir } from '../support/engines';
import { countRows, dceFixture, dumpData, readFixture } from '../support/fixtures';

/** Distinct user ids an export names: authors, mentioned, reacting and interaction users. */
function userIds(exp: any): Set<string> {
  const ids = new Set<string>();
  for (const m of exp.messages) {
    ids.add(m.author.id);
    for (const u of m.mentions ?? []) ids.add(u.id);
    for (const r of m.reactions ?? []) for (const u of r.users ?? []) ids.add(u.id);
    if (m.interaction?.user) ids.add(m.interaction.user.id);
  }
  return ids;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describeEachEngine('ingest of DiscordChatExporter JSON', (ctx) => {
  test('stores every message and what it names, as counted from the file itself', async () => {
    const { engine } = await ctx.fresh();
    const result = await ingest(engine, [dceFixture('full.json')]);
    assert.equal(result.failed, 0, JSON.stringify(result.outcomes));
    const exp = readFixture('full.json');
    const msgs: any[] = exp.messages;

    assert.equal(await countRows(engine, 'messages'), 18); // the fixture README's hand count
    assert.equal(await countRows(engine, 'messages'), msgs.length);
    assert.equal(await countRows(engine, 'users'), userIds(exp).size);
    assert.equal(await countRows(engine, 'members'), userIds(exp).size);
    assert.equal(await countRows(engine, 'reactions'), 5);
    assert.equal(await countRows(engine, 'reaction_users'), 14);
    assert.equal(await countRows(engine, 'mentions'), 3);
    assert.equal(await countRows(engine, 'attachments'), 2);
    assert.equal(await countRows(engine, 'embeds'), 2);
    const counts = await engine.db.selectFrom('reactions').select('count').execute();
    assert.equal(sum(counts.map((c) => c.count)), 15);
    if (ctx.kind === 'postgres') {
      // Only the closing VACUUM (ANALYZE) fills pg_stats; autovacuum would come a minute or more later.
      const stats = await sql<{ n: number }>`select count(*)::int as n from pg_stats where tablename = 'messages' and attname = 'author_id'`.execute(engine.db);
      assert.equal(stats.rows[0].n, 1, 'the planner knows who wrote the messages');
      // A vacuum by hand, not autovacuum (which would come later, and only past its thresholds).
      const vacuums = await sql<{ n: number }>`select vacuum_count::int as n from pg_stat_user_tables where relname = 'messages'`.execute(engine.db);
      assert.equal(vacuums.rows[0].n, 1, 'the import vacuumed the messages once, leaving nothing for autovacuum to do');
    }

    const stored = new Map((await engine.db.selectFrom('messages').selectAll().execute()).map((m) => [m.id, m]));
    for (const m of msgs) {
      const row = stored.get(m.id);
      assert.ok(row, `message ${m.id} stored under its exact id`);
      assert.equal(row.sent_at, Date.parse(m.timestamp), `${m.id} time`);
      assert.equal(row.edited_at, m.timestampEdited ? Date.parse(m.timestampEdited) : null);
      assert.equal(row.call_ended_at, m.callEndedTimestamp ? Date.parse(m.callEndedTimestamp) : null);
      assert.equal(row.kind, m.type);
      assert.equal(row.content, m.content);
      assert.equal(row.author_id, m.author.id);
      assert.equal(row.is_pinned, m.isPinned ? 1 : 0);
      assert.equal(row.channel_id, exp.channel.id);
      assert.equal(row.guild_id, exp.guild.id);
      assert.equal(row.reference_message_id, m.reference?.messageId ?? null);
      assert.equal(row.reference_channel_id, m.reference?.channelId ?? null);
      assert.equal(row.reference_kind, m.reference ? (m.reference.type ?? 'Default') : null);
      assert.equal(row.interaction_name, m.interaction?.name ?? null);
      assert.equal(row.interaction_user_id, m.interaction?.user?.id ?? null);
      assert.deepEqual(row.forwarded_json ? JSON.parse(row.forwarded_json) : null, m.forwardedMessage ?? null);
      assert.deepEqual(row.stickers_json ? JSON.parse(row.stickers_json) : [], m.stickers ?? []);
      assert.deepEqual(row.inline_emojis_json ? JSON.parse(row.inline_emojis_json) : [], m.inlineEmojis ?? []);
    }
    // Snowflakes above 2^53 come back exactly (a JS number would round them).
    const big = msgs.find((m) => String(Number(m.id)) !== m.id);
    assert.ok(big && stored.has(big.id));

    const embeds = await engine.db.selectFrom('embeds').selectAll().orderBy('message_id').orderBy('position').execute();
    const expectedEmbeds = msgs.flatMap((m) => (m.embeds ?? []).map((e: unknown, i: number) => ({ id: m.id, i, e })));
    assert.deepEqual(embeds.map((e) => [e.message_id, e.position, JSON.parse(e.json)]).sort(),
      expectedEmbeds.map((e) => [e.id, e.i, e.e]).sort());
  });

  test('keeps roles, nicknames, guild, channel and category', async () => {
    const { engine } = await ctx.fresh();
    await ingest(engine, [dceFixture('full.json')]);
    const exp = readFixture('full.json');
    const guild = await engine.db.selectFrom('guilds').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([guild.id, guild.name], [exp.guild.id, exp.guild.name]);
    const channel = await engine.db.selectFrom('channels').selectAll().where('id', '=', exp.channel.id).executeTakeFirstOrThrow();
    assert.deepEqual([channel.name, channel.kind, channel.category_id, channel.parent_id, channel.topic],
      [exp.channel.name, exp.channel.type, exp.channel.categoryId, null, exp.channel.topic]);
    const category = await engine.db.selectFrom('channels').selectAll().where('id', '=', exp.channel.categoryId).executeTakeFirstOrThrow();
    assert.deepEqual([category.name, category.kind], [exp.channel.category, 'GuildCategory']);

    // Each author's roles as the export states them (state at export time).
    for (const m of exp.messages) {
      const roles = await engine.db.selectFrom('member_roles').select('role_id').where('user_id', '=', m.author.id).execute();
      assert.deepEqual(roles.map((r) => r.role_id).sort(), m.author.roles.map((r: any) => r.id).sort(), m.author.name);
      const member = await engine.db.selectFrom('members').selectAll().where('user_id', '=', m.author.id).executeTakeFirstOrThrow();
      assert.equal(member.nickname, m.author.nickname);
    }
    const bot = exp.messages.find((m: any) => m.author.isBot).author;
    const botRow = await engine.db.selectFrom('users').selectAll().where('id', '=', bot.id).executeTakeFirstOrThrow();
    assert.equal(botRow.is_bot, 1);
  });

  test('first and last message and join time per member leave system notices out', async () => {
    const { engine } = await ctx.fresh();
    await ingest(engine, [dceFixture('full.json')]);
    const msgs: any[] = readFixture('full.json').messages;
    const talk = (m: any) => ['Default', 'Reply', '20'].includes(m.type);
    for (const id of new Set(msgs.map((m) => m.author.id))) {
      const own = msgs.filter((m) => m.author.id === id);
      const times = own.filter(talk).map((m) => Date.parse(m.timestamp));
      const joins = own.filter((m) => m.type === 'GuildMemberJoin').map((m) => Date.parse(m.timestamp));
      const member = await engine.db.selectFrom('members').selectAll().where('user_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(member.first_message_at, times.length ? Math.min(...times) : null, `first of ${id}`);
      assert.equal(member.last_message_at, times.length ? Math.max(...times) : null, `last of ${id}`);
      assert.equal(member.joined_at, joins.length ? Math.min(...joins) : null, `join of ${id}`);
    }
  });

  test('reads an old DCE version, a thread and a forum post', async () => {
    const { engine } = await ctx.fresh();
    const result = await ingest(engine, ['old-version.json', 'thread.json', 'forum-post.json'].map(dceFixture));
    assert.equal(result.failed, 0, JSON.stringify(result.outcomes));
    assert.equal(await countRows(engine, 'messages'), 6 + 5 + 3);
    assert.equal(await countRows(engine, 'reaction_users'), 0 + 2 + 3);

    const old = readFixture('old-version.json');
    const lobby = await engine.db.selectFrom('channels').selectAll().where('id', '=', old.channel.id).executeTakeFirstOrThrow();
    assert.deepEqual([lobby.category_id, lobby.parent_id], [null, null]);
    const alone = (await ctx.fresh()).engine;
    await ingest(alone, [dceFixture('old-version.json')]);
    assert.deepEqual([await countRows(alone, 'member_roles'), await countRows(alone, 'roles')], [0, 0], 'an export without roles gives no roles');
    // Without exportedAt, the export is taken as observed at its last message (2020-11-05T17:31:20.388Z).
    const lastMessage = Math.max(...old.messages.map((m: any) => Date.parse(m.timestamp)));
    assert.equal(lastMessage, Date.parse('2020-11-05T17:31:20.388Z'));
    const oldRow = await engine.db.selectFrom('messages').select('observed_at').where('channel_id', '=', old.channel.id).executeTakeFirstOrThrow();
    assert.equal(oldRow.observed_at, lastMessage);

    for (const name of ['thread.json', 'forum-post.json']) {
      const exp = readFixture(name);
      const thread = await engine.db.selectFrom('channels').selectAll().where('id', '=', exp.channel.id).executeTakeFirstOrThrow();
      assert.deepEqual([thread.kind, thread.parent_id, thread.category_id], [exp.channel.type, exp.channel.categoryId, null], name);
      const parent = await engine.db.selectFrom('channels').selectAll().where('id', '=', exp.channel.categoryId).executeTakeFirstOrThrow();
      assert.equal(parent.name, exp.channel.category, `${name} parent known by name`);
    }
  });

  test('a truncated file fails with its line and leaves nothing; the other files still import', async () => {
    const { engine } = await ctx.fresh();
    const file = dceFixture('truncated.json');
    const result = await ingest(engine, [dceFixture('thread.json'), file, dceFixture('forum-post.json')]);
    assert.deepEqual(result.outcomes.map((o) => o.status), ['imported', 'failed', 'imported']);
    const failure = result.outcomes[1];
    assert.ok(failure.status === 'failed');
    const text = fs.readFileSync(file, 'utf8');
    const lastLine = text.split('\n').length;
    assert.match(failure.error, new RegExp(`^${escape(file)}:${lastLine}:\\d+ \\(byte ${Buffer.byteLength(text)}\\): `));
    assert.match(failure.error, /interrupted export/);

    const channelId = '755355229943820773'; // #announcements, per the fixture README
    assert.equal((await engine.db.selectFrom('messages').select('id').where('channel_id', '=', channelId).execute()).length, 0);
    assert.equal((await engine.db.selectFrom('channels').select('id').where('id', '=', channelId).execute()).length, 0);
    assert.equal(await countRows(engine, 'messages'), 5 + 3);
    const log = await engine.db.selectFrom('imports').selectAll().orderBy('id').execute();
    assert.deepEqual(log.map((r) => [path.basename(r.path), r.status]),
      [['thread.json', 'ok'], ['truncated.json', 'failed'], ['forum-post.json', 'ok']]);
    assert.equal(log[1].error, failure.error);
  });

  test('files that are not DCE exports are named as such', async () => {
    const { engine } = await ctx.fresh();
    const dir = tempDir();
    const empty = path.join(dir, 'empty.json');
    fs.writeFileSync(empty, '');
    const result = await ingest(engine, [dceFixture('not-an-export.json'), dceFixture('not-json.txt'), empty]);
    for (const outcome of result.outcomes) {
      assert.equal(outcome.status, 'failed');
      assert.match(outcome.status === 'failed' ? outcome.error : '', /not a DiscordChatExporter JSON export/);
    }
    assert.match(result.outcomes[0].status === 'failed' ? result.outcomes[0].error : '', /JSON array/);
    assert.equal(await countRows(engine, 'guilds'), 0);
  });

  test('a malformed message names its line and column', async () => {
    const { engine } = await ctx.fresh();
    const dir = tempDir();
    const broken = path.join(dir, 'broken.json');
    const lines = fs.readFileSync(dceFixture('thread.json'), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('"isPinned"'));
    lines[at] = lines[at].replace(/"isPinned": (true|false),/, '"isPinned": tru,');
    fs.writeFileSync(broken, lines.join('\n'));
    const [outcome] = (await ingest(engine, [broken])).outcomes;
    assert.ok(outcome.status === 'failed');
    const column = lines[at].indexOf('tru,') + 1;
    assert.match(outcome.error, new RegExp(`broken\\.json:${at + 1}:${column + 3} `), outcome.error);
    assert.equal(await countRows(engine, 'messages'), 0);
  });

  test('importing the same file again changes nothing, under any name', async () => {
    const { engine } = await ctx.fresh();
    await ingest(engine, [dceFixture('full.json')]);
    const before = await dumpData(engine);
    const copy = path.join(tempDir(), 'renamed.json');
    fs.copyFileSync(dceFixture('full.json'), copy);
    const again = await ingest(engine, [dceFixture('full.json'), copy]);
    assert.deepEqual(again.outcomes.map((o) => o.status), ['unchanged', 'unchanged']);
    assert.deepEqual(await dumpData(engine), before);
    assert.equal(await countRows(engine, 'imports'), 1);
  });

  test('each import records the SHA-256 of its file', async () => {
    const { engine } = await ctx.fresh();
    const files = ['full.json', 'thread.json', 'old-version.json'].map(dceFixture);
    await ingest(engine, files);
    const stored = await engine.db.selectFrom('imports').select(['path', 'sha256']).orderBy('path').execute();
    const expected = files.map((f) => ({ path: f, sha256: crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex') }));
    assert.deepEqual(stored, expected.sort((a, b) => (a.path < b.path ? -1 : 1)));
  });

  test('a newer export adds new messages, updates edited ones and never duplicates', async () => {
    const { engine } = await ctx.fresh();
    await ingest(engine, [dceFixture('full.json'), dceFixture('full-newer.json')]);
    assert.equal(await countRows(engine, 'messages'), 21);
    const newer = readFixture('full-newer.json');
    const edited = newer.messages.find((m: any) => m.id === '1205583143240269220');
    const row = await engine.db.selectFrom('messages').selectAll().where('id', '=', edited.id).executeTakeFirstOrThrow();
    assert.equal(row.content, '@Wren 🛠️ the new 0.6 mm nozzle is :chefkiss: — thanks for the tip! (edit: it was the 0.6, not the 0.4)');
    assert.equal(row.edited_at, Date.parse('2024-02-09T14:02:51.66022-05:00'));

    const thumbs = await engine.db.selectFrom('reactions').selectAll()
      .where('message_id', '=', '1206619585133239910').where('emoji_name', '=', '👍').executeTakeFirstOrThrow();
    assert.equal(thumbs.count, 4);
    const reactors = await engine.db.selectFrom('reaction_users').select('user_id')
      .where('message_id', '=', '1206619585133239910').where('emoji_key', '=', thumbs.emoji_key).execute();
    assert.equal(reactors.length, 4);

    const hoshizora = await engine.db.selectFrom('members').selectAll().where('user_id', '=', '605598306933466543').executeTakeFirstOrThrow();
    assert.equal(hoshizora.nickname, 'Yuki 🌸');
    const roleNames = await engine.db.selectFrom('member_roles')
      .innerJoin('roles', (j) => j.onRef('roles.id', '=', 'member_roles.role_id').onRef('roles.guild_id', '=', 'member_roles.guild_id'))
      .select('roles.name').where('member_roles.user_id', '=', '605598306933466543').execute();
    assert.deepEqual(roleNames.map((r) => r.name).sort(), ['Maker', 'Printer Farm']);
  });

  test('an old export without exportedAt, imported last, does not bring back old names', async () => {
    const { engine } = await ctx.fresh();
    // Copy it so its file time is now, as after any copy: the file time must not count.
    const copy = path.join(tempDir(), 'old-version.json');
    fs.copyFileSync(dceFixture('old-version.json'), copy);
    await ingest(engine, [dceFixture('full.json'), copy]);
    const wren = await engine.db.selectFrom('users').select('name').where('id', '=', '315824588614960365').executeTakeFirst();
    const oldName = readFixture('old-version.json').messages.find((m: any) => m.author.id === '315824588614960365')?.author.name;
    assert.deepEqual([wren?.name, oldName], ['tinkerwren', 'Wren'], 'the 2024 name stays; the 2020 export named her Wren');
  });

  test('an older export imported after a newer one rolls nothing back', async () => {
    const forward = await ctx.fresh();
    await ingest(forward.engine, [dceFixture('full.json'), dceFixture('full-newer.json')]);
    const backward = await ctx.fresh();
    await ingest(backward.engine, [dceFixture('full-newer.json'), dceFixture('full.json')]);
    assert.deepEqual(await dumpData(backward.engine), await dumpData(forward.engine));
  });

  test('reading in one-byte chunks stores exactly what one big read stores', async () => {
    const batches = async (chunkSize: number) => {
      const all = [];
      for await (const b of new DceJsonReader(dceFixture('full.json'), { chunkSize, batchSize: 4 }).batches()) all.push(b);
      return all;
    };
    assert.deepEqual(await batches(1), await batches(1 << 20));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('positions count lines and characters, not bytes', async () => {
  const file = path.join(tempDir(), 'lines.txt');
  fs.writeFileSync(file, 'ab\né漢x\n\nz');
  const byteOf = (s: string) => Buffer.byteLength(s);
  assert.deepEqual(await positionInFile(file, 0), { byte: 0, line: 1, column: 1 });
  assert.deepEqual(await positionInFile(file, 1), { byte: 1, line: 1, column: 2 });
  assert.deepEqual(await positionInFile(file, byteOf('ab\n')), { byte: 3, line: 2, column: 1 });
  assert.deepEqual(await positionInFile(file, byteOf('ab\né漢')), { byte: byteOf('ab\né漢'), line: 2, column: 3 });
  assert.deepEqual(await positionInFile(file, byteOf('ab\né漢x\n\n')), { byte: byteOf('ab\né漢x\n\n'), line: 4, column: 1 });
});
