import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GuildColumns } from '../../lib/queries/columns';
import { perColumns, perColumnsAndKey } from '../../lib/queries/columns/columns-memo';

// The memos only use the columns object as a key: two distinct objects stand for two guilds' columns.
const columnsA = {} as GuildColumns;
const columnsB = {} as GuildColumns;

test('perColumns works a value out once per columns object', () => {
  let calls = 0;
  const memo = perColumns(() => ({ n: ++calls }));
  const first = memo(columnsA);
  assert.equal(memo(columnsA), first, 'the same value, shared');
  assert.deepEqual(memo(columnsB), { n: 2 }, 'other columns, another value');
  assert.equal(calls, 2);
  const failing = perColumns<number>(() => {
    if (++calls === 3) throw new Error('once');
    return calls;
  });
  assert.throws(() => failing(columnsA), /once/);
  assert.equal(failing(columnsA), 4, 'a throw keeps nothing: the next call works it out again');
});

test('perColumnsAndKey keeps the most recently used keys of each columns object', async () => {
  const derived: string[] = [];
  const memo = perColumnsAndKey<string>(2);
  const get = (columns: GuildColumns, key: string) => memo(columns, key, () => (derived.push(key), `value of ${key}`));
  assert.equal(get(columnsA, 'x'), 'value of x');
  get(columnsA, 'y');
  get(columnsA, 'x'); // kept; now the most recently used
  get(columnsA, 'z'); // a third key: 'y', the least recently used, goes
  get(columnsA, 'x');
  get(columnsA, 'y');
  get(columnsB, 'x'); // another columns object keeps its own keys
  assert.deepEqual(derived, ['x', 'y', 'z', 'y', 'x']);

  const promised = perColumnsAndKey<Promise<number>>(2);
  let attempts = 0;
  const attempt = () => promised(columnsA, 'k', async () => {
    if (++attempts === 1) throw new Error('first attempt fails');
    return attempts;
  });
  await assert.rejects(attempt(), /first attempt fails/);
  assert.equal(await attempt(), 2, 'a rejected promise is forgotten');
  assert.equal(await attempt(), 2, 'a resolved one is kept');
});
