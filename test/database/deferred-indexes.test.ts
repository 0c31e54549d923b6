import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { Engine } from '../../lib/database/engine';
import { openEngine } from '../../lib/database/open-engine';
import { ingest } from '../../lib/ingest/ingest';
import { describeEachEngine, type EngineContext } from '../support/engines';
import { countRows, dceFixture, readFixture } from '../support/fixtures';

/** The indexes made by plain CREATE INDEX on the message tables, as the migrations declare them. */
const SECONDARY_MESSAGE_INDEXES = [
  'mentions_user', 'messages_author', 'messages_channel_time', 'messages_guild_time', 'reaction_users_user',
];

/** Every index of the database with its definition, read from the engine's own catalogue. */
async function indexes(engine: Engine): Promise<Array<{ name: string; definition: string }>> {
  const query = engine.kind === 'sqlite'
    ? sql<{ name: string; definition: string }>`SELECT name, sql AS definition FROM sqlite_schema WHERE type = 'index' ORDER BY name`
    : sql<{ name: string; definition: string }>`SELECT indexname AS name, indexdef AS definition FROM pg_indexes
        WHERE schemaname = current_schema() ORDER BY indexname`;
  return (await query.execute(engine.db)).rows;
}

const deferredRows = (engine: Engine) => engine.db.selectFrom('deferred_indexes').selectAll().orderBy('name').execute();

describeEachEngine('a first load builds the secondary indexes once, after its last file', (ctx: EngineContext) => {
  test('missing while the files load, then exactly as the migrations made them', async () => {
    const { engine } = await ctx.fresh();
    const before = await indexes(engine);
    // The same engine, looking at the indexes and their record as each file's transaction starts.
    const seen: Array<{ names: string[]; deferred: Awaited<ReturnType<typeof deferredRows>> }> = [];
    const observed: Engine = {
      ...engine,
      async importTransaction(work) {
        seen.push({ names: (await indexes(engine)).map((i) => i.name), deferred: await deferredRows(engine) });
        return engine.importTransaction(work);
      },
    };
    const result = await ingest(observed, [dceFixture('full.json'), dceFixture('thread.json')]);
    assert.equal(result.failed, 0, JSON.stringify(result.outcomes));
    assert.equal(seen.length, 2);
    for (const { names, deferred } of seen) {
      assert.deepEqual(names, before.map((i) => i.name).filter((n) => !SECONDARY_MESSAGE_INDEXES.includes(n)));
      assert.deepEqual(deferred.map((d) => d.name), SECONDARY_MESSAGE_INDEXES);
      for (const d of deferred) assert.match(d.owner, new RegExp(` ${process.pid}$`));
    }
    assert.deepEqual(await indexes(engine), before);
    assert.deepEqual(await deferredRows(engine), []);

    // Each author's messages, counted from the files, found again (SQLite: through the index).
    const byAuthor = new Map<string, number>();
    for (const file of ['full.json', 'thread.json']) {
      for (const m of readFixture(file).messages) byAuthor.set(m.author.id, (byAuthor.get(m.author.id) ?? 0) + 1);
    }
    for (const [author, n] of byAuthor) {
      const counted = engine.kind === 'sqlite'
        ? sql<{ n: number }>`SELECT count(*) AS n FROM messages INDEXED BY messages_author WHERE author_id = ${author}`
        : sql<{ n: number }>`SELECT count(*) AS n FROM messages WHERE author_id = ${author}`;
      assert.equal(Number((await counted.execute(engine.db)).rows[0].n), n, `messages of ${author}`);
    }
  });

  test('a first load whose only file fails leaves no rows and every index', async () => {
    const { engine } = await ctx.fresh();
    const before = await indexes(engine);
    const result = await ingest(engine, [dceFixture('truncated.json')]);
    assert.equal(result.failed, 1);
    assert.deepEqual(await indexes(engine), before);
    assert.deepEqual(await deferredRows(engine), []);
    assert.equal(await countRows(engine, 'messages'), 0);
  });

  test('a load into a database that holds messages keeps every index', async () => {
    const { engine } = await ctx.fresh();
    await ingest(engine, [dceFixture('full.json')]);
    const before = await indexes(engine);
    assert.equal(await engine.deferIndexesOfFirstLoad(), null);
    assert.deepEqual(await indexes(engine), before);
  });

  /** A load in another process that dies (exits) after its first file, before building the indexes. */
  function loadThatDies(target: string): void {
    const child = spawnSync(process.execPath, ['-e', `
      const { openEngine } = require(${JSON.stringify(path.resolve(__dirname, '../../lib/database/open-engine'))});
      const { ingestFile } = require(${JSON.stringify(path.resolve(__dirname, '../../lib/ingest/ingest-file'))});
      (async () => {
        const engine = await openEngine(process.env.TARGET);
        if (!(await engine.deferIndexesOfFirstLoad())) throw new Error('nothing deferred');
        const outcome = await ingestFile(engine, process.env.FILE);
        if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
        process.exit(0);
      })().catch((error) => { console.error(error); process.exit(2); });
    `], { env: { ...process.env, TARGET: target, FILE: dceFixture('full.json') }, encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
  }

  test('an open builds the indexes of a load that died before its end, and leaves a live one alone', async () => {
    const { target, engine } = await ctx.fresh();
    const before = await indexes(engine);
    loadThatDies(target);
    assert.deepEqual((await deferredRows(engine)).map((d) => d.name), SECONDARY_MESSAGE_INDEXES);
    assert.ok((await countRows(engine, 'messages')) > 0);

    const reopened = await openEngine(target);
    try {
      assert.deepEqual(await indexes(reopened), before);
      assert.deepEqual(await deferredRows(reopened), []);
    } finally {
      await reopened.close();
    }

    // A load of this process, still running: an open elsewhere does not build its indexes.
    const { target: liveTarget, engine: live } = await ctx.fresh();
    const build = await live.deferIndexesOfFirstLoad();
    assert.ok(build);
    const reader = await openEngine(liveTarget);
    try {
      assert.equal((await deferredRows(reader)).length, SECONDARY_MESSAGE_INDEXES.length);
      await build();
      assert.deepEqual(await indexes(reader), before);
    } finally {
      await reader.close();
    }
  });

  test('a load from another machine that died is left to the next ingest, which builds its indexes', async () => {
    const { target, engine } = await ctx.fresh();
    const before = await indexes(engine);
    loadThatDies(target);
    await engine.db.updateTable('deferred_indexes').set({ owner: 'another-machine 1' }).execute();
    const reopened = await openEngine(target);
    try {
      assert.equal((await deferredRows(reopened)).length, SECONDARY_MESSAGE_INDEXES.length);
      const result = await ingest(reopened, [dceFixture('thread.json')]);
      assert.equal(result.imported, 1, JSON.stringify(result.outcomes));
      assert.deepEqual(await indexes(reopened), before);
      assert.deepEqual(await deferredRows(reopened), []);
    } finally {
      await reopened.close();
    }
  });
});
