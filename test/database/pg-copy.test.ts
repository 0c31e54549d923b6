import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { copyFrom, copyTo } from '../../lib/database/postgres/pg-copy';
import { describeEachEngine } from '../support/engines';

describeEachEngine('COPY through pg', (ctx) => {
  if (ctx.kind !== 'postgres') return;

  // A timeout: before the fix, such a COPY never settled.
  test('a COPY the server fails, either way, rejects with its error, and the connection answers the next query', { timeout: 60_000 }, async () => {
    const { target } = await ctx.fresh();
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      await client.query('CREATE TEMP TABLE numbers (n int)');
      await assert.rejects(copyFrom(client, 'COPY numbers (n) FROM STDIN', Buffer.from('1\ntwo\n3\n')), /invalid input syntax for type integer: "two"/);
      assert.equal(await copyFrom(client, 'COPY numbers (n) FROM STDIN', Buffer.from('1\n2\n')), 2);

      // Fails at the 30,001st row, after the rows before it were sent.
      let messages = 0;
      const failing = 'COPY (SELECT 1 / (i - 30001) FROM generate_series(1, 45000) AS i) TO STDOUT (FORMAT binary)';
      await assert.rejects(copyTo(client, failing, () => void messages++), /division by zero/);
      assert.ok(messages >= 30_000, `the rows before the failure were handed over (${messages} messages)`);
      assert.deepEqual((await client.query('SELECT count(*)::int AS n FROM numbers')).rows, [{ n: 2 }]);
    } finally {
      await client.end();
    }
  });
});
