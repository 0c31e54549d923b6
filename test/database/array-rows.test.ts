import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { eachArrayRow } from '../../lib/database/array-rows';
import { BinaryCopySplitter } from '../../lib/database/postgres/binary-copy-rows';
import { describeEachEngine } from '../support/engines';

describeEachEngine('eachArrayRow', (ctx) => {
  test('rows come as arrays in select order, with the parameters bound', async () => {
    const { engine } = await ctx.fresh();
    const { db } = engine;
    await db.insertInto('guilds').values([1, 2, 3].map((n) => ({ id: `${n}00`, name: `g${n}`, icon_url: null, observed_at: n }))).execute();
    const rows: unknown[][] = [];
    await eachArrayRow(db, db.selectFrom('guilds').select(['id', 'name', 'observed_at']).where('observed_at', '>', 1).orderBy('id').compile(), (row) => rows.push(row));
    assert.deepEqual(rows, [['200', 'g2', 2], ['300', 'g3', 3]]);
  });

  test('a long read comes whole and in order, over several of the cursor\'s batches', async () => {
    const { engine } = await ctx.fresh();
    const { db } = engine;
    const n = 45_001; // two full batches of 20,000 and a part
    const numbers = sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n}) SELECT i, 'row ' || i FROM n`;
    let count = 0;
    let inOrder = true;
    await eachArrayRow(db, numbers.compile(db), ([i, label]) => {
      count++;
      if (Number(i) !== count || label !== `row ${count}`) inOrder = false;
    });
    assert.deepEqual([count, inOrder], [n, true]);
  });

  test('a read that fails part-way rejects, and the database answers the next query', async () => {
    const { engine } = await ctx.fresh();
    const { db } = engine;
    // Fails at the 30,001st row: in PostgreSQL's second batch, while the first is handed over.
    // (SQLite has no run-time error for a select to raise: a text to JSON that is not JSON.)
    const failing = ctx.kind === 'postgres'
      ? sql`SELECT 1 / (i - 30001) FROM generate_series(1, 45000) AS i`
      : sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 45000) SELECT json(CASE WHEN i = 30001 THEN 'x' ELSE '1' END) FROM n`;
    let seen = 0;
    await assert.rejects(eachArrayRow(db, failing.compile(db), () => void seen++), /division by zero|malformed JSON/);
    assert.ok(seen >= 20_000 || ctx.kind === 'sqlite', `rows before the failure were handed over (${seen})`);
    const after: unknown[][] = [];
    await eachArrayRow(db, sql`SELECT 7`.compile(db), (row) => after.push(row));
    assert.deepEqual(after, [[7]]);
  });

  test('binary: blobs come as their raw bytes, with string parameters that hold quotes and $1 written safely', async () => {
    const { engine } = await ctx.fresh();
    const { db } = engine;
    const guild = "1'2";
    const version = 'v "$1" \\ $2';
    await db.insertInto('guilds').values({ id: guild, name: 'g', icon_url: null, observed_at: 0 }).execute();
    // A large part crosses several of the server's messages; every byte value appears.
    const large = Buffer.alloc(300_000);
    for (let i = 0; i < large.length; i++) large[i] = (i * 7919) % 256;
    const parts = [Buffer.from([0, 255, 39, 92, 10]), Buffer.alloc(0), large];
    await db.insertInto('guild_columns')
      .values(parts.map((bytes, part) => ({ guild_id: guild, part, parts: parts.length, data_version: version, format: 7, created_at: 0, bytes })))
      .execute();
    const read: unknown[][] = [];
    const select = db.selectFrom('guild_columns').select(['bytes']).where('guild_id', '=', guild).where('data_version', '=', version).where('format', '=', 7).orderBy('part');
    // Copied as they come: the Buffers may be views of the driver's memory, valid during the call.
    await eachArrayRow(db, select.compile(), (row) => read.push(row.map((b) => Buffer.from(b as Buffer))), { binary: true });
    assert.equal(read.length, 3);
    read.forEach(([bytes], i) => assert.ok(Buffer.isBuffer(bytes) && bytes.equals(parts[i]), `part ${i}`));
    const none: unknown[][] = [];
    await eachArrayRow(db, select.where('format', '=', 8).compile(), (row) => none.push(row), { binary: true });
    assert.deepEqual(none, []);
  });
});

test('BinaryCopySplitter splits the binary COPY format into fields, NULL as null, message by message, and refuses a cut stream', () => {
  const field = (bytes: number[] | null) => {
    const length = Buffer.alloc(4);
    length.writeInt32BE(bytes === null ? -1 : bytes.length);
    return bytes === null ? [length] : [length, Buffer.from(bytes)];
  };
  const count = (n: number) => { const b = Buffer.alloc(2); b.writeInt16BE(n); return b; };
  const header = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(4), Buffer.from([0, 0, 0, 2, 9, 9])]); // flags, a 2-byte extension
  const first = Buffer.concat([count(2), ...field([1, 2, 3]), ...field(null)]);
  const second = Buffer.concat([count(1), ...field([])]);
  const trailer = count(-1);
  const fields = (rows: Array<Array<Buffer | null>>) => rows.map((r) => r.map((f) => (f === null ? null : [...f])));
  const expected = [[[1, 2, 3], null], [[]]];

  // As the server sends them: the header, a message per row, the trailer.
  const split = new BinaryCopySplitter();
  const rows = [header, first, second, trailer].flatMap((m) => split.rows(m));
  split.end();
  assert.deepEqual(fields(rows), expected);
  // All in one message.
  const whole = new BinaryCopySplitter();
  assert.deepEqual(fields(whole.rows(Buffer.concat([header, first, second, trailer]))), expected);
  whole.end();

  const cutRow = new BinaryCopySplitter();
  cutRow.rows(header);
  assert.throws(() => cutRow.rows(first.subarray(0, first.length - 1)), /cut short at byte 30/); // the null's length, cut: header 21 + count 2 + length 4 + 3 bytes
  const noTrailer = new BinaryCopySplitter();
  [header, first, second].forEach((m) => noTrailer.rows(m));
  assert.throws(() => noTrailer.end(), /no trailer/);
  assert.throws(() => new BinaryCopySplitter().rows(Buffer.from('COPY')), /not a binary COPY stream/);
});
