import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QueryParamError } from '../../lib/queries/query-error';
import { clearQueryCache, runQuery } from '../../lib/queries/run-query';
import { buildGuild } from '../support/build-guild';
import { runCli } from '../support/cli';
import { describeEachEngine } from '../support/engines';
import { SUMMARY_GUILD } from './summary-guild';

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

    const different = await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id, includeBots: 'true' });
    assert.equal(different.cached, false, 'other parameters, other entry');
    assert.equal(await clearQueryCache(engine.db), 3);
    assert.equal((await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id })).cached, false);
    assert.equal((await runQuery(engine.db, 'overview', { guild: SUMMARY_GUILD.id }, { cache: false })).cached, false);
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
