import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { settleBackgroundWrites } from '../../lib/database/background-writes';
import { openEngine } from '../../lib/database/open-engine';
import { QueryParamError } from '../../lib/queries/query-error';
import { queryMemory } from '../../lib/queries/result-memory';
import { clearQueryCache, runQuery } from '../../lib/queries/run-query';
import { buildGuild, type GuildSpec } from '../support/build-guild';
import { runCli } from '../support/cli';
import { describeEachEngine, tempDir } from '../support/engines';
import { SUMMARY_GUILD } from './summary-guild';

/** SUMMARY_GUILD with one more message, by carol in #random: overview counts 8 messages, not 7. */
const GROWN_GUILD: GuildSpec = {
  ...SUMMARY_GUILD,
  messages: [...SUMMARY_GUILD.messages, { id: '9511', channel: '9202', author: '9403', at: '2024-01-09T12:00:00Z' }],
};

type OverviewRow = { messages: number; last: string };

describeEachEngine('named queries and their cache', (ctx) => {
  test('a second run is served from the cache; an import makes it stale', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, SUMMARY_GUILD);
    const first = await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id });
    const second = await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id });
    assert.deepEqual([first.cached, second.cached], [false, true]);
    assert.deepEqual(second.rows, first.rows);
    assert.equal(second.dataVersion, first.dataVersion);
    assert.equal((first.rows[0] as { messages: number }).messages, 7);

    // Another import (here a second guild) changes the data version.
    await buildGuild(engine, { ...SUMMARY_GUILD, id: '9101', name: 'Another', messages: [] });
    const third = await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id });
    assert.equal(third.cached, false);
    assert.notEqual(third.dataVersion, first.dataVersion);
    await settleBackgroundWrites(engine.db);
    const stored = await engine.db.selectFrom('query_cache').select('data_version').execute();
    assert.deepEqual(stored.map((r) => r.data_version), [third.dataVersion], 'the old version\'s result is dropped, never to be served');

    const different = await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id, includeBots: 'true' });
    assert.equal(different.cached, false, 'other parameters, other entry');
    assert.equal(await clearQueryCache(engine.db), 2);
    assert.equal((await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id })).cached, false);
    assert.equal((await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id }, { cache: false })).cached, false);
  });

  test('a result is kept in memory: served without the database cache, frozen, the same rows every time', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, SUMMARY_GUILD);
    const first = await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id });
    // Emptied behind runQuery's back: only the memory layer can answer now.
    await engine.db.deleteFrom('query_cache').execute();
    const second = await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id });
    assert.deepEqual([first.cached, second.cached], [false, true]);
    assert.equal(second.rows, first.rows, 'a memory hit hands out the very same frozen rows');
    assert.deepEqual(second.rows.map((r) => [(r as OverviewRow).messages, (r as OverviewRow).last]), [[7, '2024-01-08T10:00:00.000Z']]);
    const rows = second.rows as unknown as OverviewRow[];
    assert.throws(() => { rows[0].messages = 0; }, TypeError);
    assert.throws(() => rows.pop(), TypeError);
    assert.throws(() => rows.push(rows[0]), TypeError);
    assert.deepEqual([rows.length, rows[0].messages], [1, 7]);

    // Rows read from the database cache are frozen too.
    queryMemory().clear(engine.db);
    const fromDatabase = await runQuery(engine.db, 'concentration', { guild: SUMMARY_GUILD.id });
    queryMemory().clear(engine.db);
    const again = await runQuery(engine.db, 'concentration', { guild: SUMMARY_GUILD.id });
    assert.deepEqual([fromDatabase.cached, again.cached], [false, true]);
    assert.notEqual(again.rows, fromDatabase.rows, 'parsed again from the database cache');
    assert.deepEqual(again.rows, fromDatabase.rows);
    assert.equal(Object.isFrozen(again.rows) && again.rows.every((r) => Object.isFrozen(r)), true);

    // cache: false bypasses both layers, and its rows are frozen all the same.
    const uncached = await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id }, { cache: false });
    assert.equal(uncached.cached, false);
    assert.notEqual(uncached.rows, first.rows);
    assert.equal(Object.isFrozen(uncached.rows[0]), true);
  });

  test('an import through another connection makes the memory stale: it is never served', async () => {
    const { engine, target } = await ctx.fresh();
    await buildGuild(engine, SUMMARY_GUILD);
    const before = await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id });
    assert.equal((await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id })).cached, true);
    // As another process would: its own connection, nothing shared with this one in memory.
    const other = await openEngine(target);
    try {
      await buildGuild(other, GROWN_GUILD);
    } finally {
      await other.close();
    }
    const after = await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id });
    assert.equal(after.cached, false);
    assert.notEqual(after.dataVersion, before.dataVersion);
    assert.deepEqual(after.rows.map((r) => [(r as OverviewRow).messages, (r as OverviewRow).last]), [[8, '2024-01-09T12:00:00.000Z']]);
    assert.deepEqual([(before.rows[0] as OverviewRow).messages], [7], 'rows handed out earlier are unchanged');
  });

  test('clearQueryCache empties the memory layer too', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, SUMMARY_GUILD);
    await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id });
    await runQuery(engine.db, 'concentration', { guild: SUMMARY_GUILD.id });
    assert.ok(queryMemory().stats().entries >= 2);
    assert.equal(await clearQueryCache(engine.db), 2);
    assert.deepEqual([queryMemory().stats().entries, queryMemory().stats().size], [0, 0]);
    assert.equal((await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id })).cached, false);
  });

  test('over its budget the memory layer evicts, and the database cache still answers', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, SUMMARY_GUILD);
    const memory = queryMemory();
    const budget = memory.stats().budget;
    try {
      memory.setBudget(0);
      const first = await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id });
      const second = await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id });
      assert.deepEqual([first.cached, second.cached, memory.stats().entries], [false, true, 0]);
      assert.notEqual(second.rows, first.rows, 'parsed from the database, not kept in memory');

      // Room for one overview result: a second result pushes the older one out.
      const overviewJson = JSON.stringify(first.rows);
      memory.setBudget(overviewJson.length);
      const kept = await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id });
      assert.equal((await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id })).rows, kept.rows, 'kept in memory');
      assert.deepEqual(memory.stats(), { entries: 1, size: overviewJson.length, budget: overviewJson.length });
      await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id, includeBots: true });
      assert.equal(memory.stats().entries, 1);
      const evicted = await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id });
      assert.equal(evicted.cached, true);
      assert.notEqual(evicted.rows, kept.rows, 'evicted from memory, read from the database again');
    } finally {
      memory.setBudget(budget);
    }
  });

  test('two databases in one process never share memory entries, even with equal keys', async () => {
    const { engine } = await ctx.fresh();
    // The other is SQLite: two SQLite files in the SQLite suite, PostgreSQL and SQLite here in the PostgreSQL one.
    const other = await openEngine(path.join(tempDir(), 'other.sqlite'));
    try {
      await buildGuild(engine, SUMMARY_GUILD);
      await buildGuild(other, GROWN_GUILD);
      const mine = await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id });
      const theirs = await runQuery(other.db, 'overview', { guild: SUMMARY_GUILD.id });
      assert.equal(theirs.dataVersion, mine.dataVersion, 'same query, parameters and data version: the same cache key');
      assert.deepEqual([mine.cached, theirs.cached], [false, false]);
      assert.deepEqual([(mine.rows[0] as OverviewRow).messages, (theirs.rows[0] as OverviewRow).messages], [7, 8]);
      const mineAgain = await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id });
      const theirsAgain = await runQuery(other.db, 'overview', { guild: SUMMARY_GUILD.id });
      assert.deepEqual([mineAgain.cached, theirsAgain.cached], [true, true]);
      assert.deepEqual([(mineAgain.rows[0] as OverviewRow).messages, (theirsAgain.rows[0] as OverviewRow).messages], [7, 8]);
    } finally {
      await other.close();
    }
  });

  if (ctx.kind === 'postgres') test('PostgreSQL keeps stored results as they are, not compressed', async () => {
    const { engine } = await ctx.fresh();
    // Compressible and well past the size at which PostgreSQL would compress a value.
    const json = JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ rank: i, name: 'member' })));
    await engine.db.insertInto('query_cache')
      .values({ key: 'k', query: 'q', params_json: '{}', data_version: 'v', created_at: 0, rows_json: json }).execute();
    const size = await sql<{ stored: number }>`select pg_column_size(rows_json) as stored from query_cache`.execute(engine.db);
    assert.ok(size.rows[0].stored >= json.length, `${size.rows[0].stored} bytes stored for ${json.length} characters`);
  });

  test('unknown queries and parameters are errors', async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, SUMMARY_GUILD);
    await assert.rejects(runQuery(engine.db, 'nope', {}), (e: unknown) => e instanceof QueryParamError && /unknown query 'nope'; known queries: overview, concentration/.test(e.message));
    await assert.rejects(runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id, colour: 'red' }), /no parameter 'colour'/);
    await assert.rejects(runQuery(engine.db, 'overview', {}), /needs --guild <id>/);
  });

  test('guildaudit query prints JSON, CSV and a table; cache clear empties it', async () => {
    const { engine, target } = await ctx.fresh();
    await buildGuild(engine, SUMMARY_GUILD);
    const json = await runCli(['query', 'concentration', '--guild', SUMMARY_GUILD.id, '--json', '--db', target]);
    assert.equal(json.code, 0, json.err);
    const parsed = JSON.parse(json.out);
    assert.deepEqual(Object.keys(parsed), ['query', 'params', 'dataVersion', 'cached', 'rows']);
    assert.deepEqual([parsed.query, parsed.params, parsed.cached, parsed.rows[0].absenceFactor], ['concentration', { guild: SUMMARY_GUILD.id }, false, 1]);
    const again = JSON.parse((await runCli(['query', 'concentration', '--guild', SUMMARY_GUILD.id, '--json', '--db', target])).out);
    assert.equal(again.cached, true);

    const csv = await runCli(['query', 'overview', '--guild', SUMMARY_GUILD.id, '--param', 'staffRoles=Admin', '--csv', '--db', target]);
    assert.equal(csv.out, 'messages,members,communicators,channels,first,last,botShare,systemShare\r\n' +
      '3,5,2,2,2024-01-01T10:05:00.000Z,2024-01-07T23:00:00.000Z,0.125,0.2\r\n');
    const table = await runCli(['query', 'overview', '--guild', SUMMARY_GUILD.id, '--db', target]);
    assert.match(table.out, /^messages\s+members\s+communicators/);

    const list = await runCli(['query', '--list', '--db', target]);
    assert.match(list.out, /^overview — /m);
    assert.match(list.out, /^concentration — /m);

    const bad = await runCli(['query', 'overview', '--guild', 'nope', '--db', target]);
    assert.deepEqual([bad.code, /unknown guild 'nope'/.test(bad.err)], [1, true]);

    const cleared = await runCli(['cache', 'clear', '--db', target]);
    assert.match(cleared.out, /^cleared 3 cached results/);
  });
});
