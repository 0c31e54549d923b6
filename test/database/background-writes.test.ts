import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backgroundWriteOf, settleBackgroundWrites, writeInBackground } from '../../lib/database/background-writes';
import { openEngine } from '../../lib/database/open-engine';
import { describeEachEngine } from '../support/engines';

const guild = (id: string, name: string) => ({ id, name, icon_url: null, observed_at: 0 });

describeEachEngine('background writes', (ctx) => {
  test('writes of one key run in order; a failed one is dropped; settling waits for all', async () => {
    const { engine } = await ctx.fresh();
    const { db } = engine;
    const order: string[] = [];
    const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    writeInBackground(db, 'a', async () => { await later(30); order.push('a1'); await db.insertInto('guilds').values(guild('1', 'first')).execute(); });
    writeInBackground(db, 'a', async () => { order.push('a2'); await db.insertInto('guilds').values(guild('1', 'again')).execute(); }); // fails: same id
    writeInBackground(db, 'a', async () => { order.push('a3'); await db.updateTable('guilds').set({ name: 'third' }).where('id', '=', '1').execute(); });
    writeInBackground(db, 'b', async () => { order.push('b1'); await db.insertInto('guilds').values(guild('2', 'other')).execute(); });
    assert.ok(backgroundWriteOf(db, 'a'), 'key a is being written');
    await backgroundWriteOf(db, 'a');
    assert.deepEqual(order, ['b1', 'a1', 'a2', 'a3'], 'b did not wait for a; a ran in order despite the failure');
    await settleBackgroundWrites(db);
    assert.equal(backgroundWriteOf(db, 'a'), undefined);
    const rows = await db.selectFrom('guilds').select(['id', 'name']).orderBy('id').execute();
    assert.deepEqual(rows, [{ id: '1', name: 'third' }, { id: '2', name: 'other' }]);
  });

  test('closing the engine waits for the writes still on their way', async () => {
    const { target } = await ctx.fresh();
    const engine = await openEngine(target);
    writeInBackground(engine.db, 'slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await engine.db.insertInto('guilds').values(guild('3', 'late')).execute();
    });
    await engine.close();
    const reopened = await openEngine(target);
    try {
      assert.deepEqual(await reopened.db.selectFrom('guilds').select('name').execute(), [{ name: 'late' }]);
    } finally {
      await reopened.close();
    }
  });
});
