import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { eachArrayRow } from '../../lib/database/array-rows';
import { BinaryCopyRows, type FieldDecoder } from '../../lib/database/postgres/binary-copy-rows';
import { describeEachEngine } from '../support/engines';

describeEachEngine('eachArrayRow', (ctx) => {
  test('rows come as arrays in select order, with the parameters bound', async () => {
    const { engine } = await ctx.fresh();
    const { db } = engine;
    await db.insertInto('guilds').values([1, 2, 3].map((n) => ({ id: `${n}00`, name: `g${n}`, icon_url: null, observed_at: n }))).execute();
    const rows: unknown[][] = [];
    // Copied: the array is only lent for the call.
    await eachArrayRow(db, db.selectFrom('guilds').select(['id', 'name', 'observed_at']).where('observed_at', '>', 1).orderBy('id').compile(), (row) => rows.push([...row]));
    assert.deepEqual(rows, [['200', 'g2', 2], ['300', 'g3', 3]]);
  });

  test('a long read comes whole and in order', async () => {
    const { engine } = await ctx.fresh();
    const { db } = engine;
    const n = 45_001;
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
    // Fails at the 30,001st row, after the rows before it were handed over. (SQLite has no
    // run-time error for a select to raise: a text to JSON that is not JSON.)
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

  test('blobs come as their raw bytes, with string parameters that hold quotes and $1 written safely', async () => {
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
    await eachArrayRow(db, select.compile(), (row) => read.push(row.map((b) => Buffer.from(b as Buffer))));
    assert.equal(read.length, 3);
    read.forEach(([bytes], i) => assert.ok(Buffer.isBuffer(bytes) && bytes.equals(parts[i]), `part ${i}`));
    const none: unknown[][] = [];
    await eachArrayRow(db, select.where('format', '=', 8).compile(), (row) => none.push(row));
    assert.deepEqual(none, []);
  });

  if (ctx.kind === 'postgres') {
    test('PostgreSQL: each type comes as the text protocol gives it, by COPY, and by a cursor for other types and parameters', async () => {
      const { engine } = await ctx.fresh();
      const { db } = engine;
      const words = 'é ü 🙂 \t "q" \\ \n';
      const typed = sql`SELECT 9007199254740991::int8, (-5)::int8, 7::int4, (-3)::int2, 0.1::float8, true, false,
        ${words}::text, 'v'::varchar, 'n'::name, 'x'::"char", decode('00ff', 'hex'), NULL::int8`;
      const rows: unknown[][] = [];
      await eachArrayRow(db, typed.compile(db), (row) => rows.push(row.map((v) => (Buffer.isBuffer(v) ? [...v] : v))));
      assert.deepEqual(rows, [[9007199254740991, -5, 7, -3, 0.1, true, false, words, 'v', 'n', 'x', [0, 255], null]]);

      // numeric and float4 have no binary decoder here, and a boolean parameter cannot be written
      // into a COPY statement: these go through the cursor, with pg's text parsers.
      const other: unknown[][] = [];
      await eachArrayRow(db, sql`SELECT 2.5::numeric, 0.1::float4, 'z'::text`.compile(db), (row) => other.push([...row]));
      await eachArrayRow(db, sql`SELECT ${true}::boolean`.compile(db), (row) => other.push([...row]));
      assert.deepEqual(other, [[2.5, 0.1, 'z'], [true]]);
    });
  }
});

test('BinaryCopyRows decodes the binary COPY format field by field, NULL as null, message by message, and refuses a cut stream', () => {
  const field = (bytes: number[] | null) => {
    const length = Buffer.alloc(4);
    length.writeInt32BE(bytes === null ? -1 : bytes.length);
    return bytes === null ? [length] : [length, Buffer.from(bytes)];
  };
  const count = (n: number) => { const b = Buffer.alloc(2); b.writeInt16BE(n); return b; };
  const header = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(4), Buffer.from([0, 0, 0, 2, 9, 9])]); // flags, a 2-byte extension
  const first = Buffer.concat([count(2), ...field([1, 2, 3]), ...field(null)]);
  const second = Buffer.concat([count(2), ...field([]), ...field([0x68, 0x69])]);
  const trailer = count(-1);
  // Bytes as a list, and the second column as text.
  const decoders: FieldDecoder[] = [(m, start, end) => [...m.subarray(start, end)], (m, start, end) => m.toString('utf8', start, end)];
  const expected = [[[1, 2, 3], null], [[], 'hi']];
  const collect = () => {
    const rows: unknown[][] = [];
    return { rows, reader: new BinaryCopyRows(decoders, (row) => rows.push([...row])) };
  };

  // As the server sends them: the header, a message per row, the trailer.
  const split = collect();
  [header, first, second, trailer].forEach((m) => split.reader.push(m));
  split.reader.end();
  assert.deepEqual(split.rows, expected);
  // All in one message.
  const whole = collect();
  whole.reader.push(Buffer.concat([header, first, second, trailer]));
  whole.reader.end();
  assert.deepEqual(whole.rows, expected);

  const cutRow = collect().reader;
  cutRow.push(header);
  assert.throws(() => cutRow.push(first.subarray(0, first.length - 1)), /cut short at byte 30/); // the null's length, cut: header 21 + count 2 + length 4 + 3 bytes
  const noTrailer = collect().reader;
  [header, first, second].forEach((m) => noTrailer.push(m));
  assert.throws(() => noTrailer.end(), /no trailer/);
  assert.throws(() => collect().reader.push(Buffer.from('COPY')), /not a binary COPY stream/);
  const narrow = collect().reader;
  narrow.push(header);
  assert.throws(() => narrow.push(Buffer.concat([count(1), ...field([])])), /row of 1 fields where 2 were expected/);
});
