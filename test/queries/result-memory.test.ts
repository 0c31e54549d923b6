import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freezeParsedRows } from '../../lib/queries/freeze-rows';
import { QueryParamError } from '../../lib/queries/query-error';
import { DEFAULT_MEMORY_BUDGET, memoryBudgetFromEnv, ResultMemory } from '../../lib/queries/result-memory';

test('the least recently used entry goes first when over budget; a result over the budget is not kept', () => {
  const memory = new ResultMemory(100);
  const db = {};
  const a = [{ n: 1 }];
  const b = [{ n: 2 }];
  const c = [{ n: 3 }];
  memory.set(db, 'a', a, 40);
  memory.set(db, 'b', b, 40);
  assert.equal(memory.get(db, 'a'), a, 'a is now the most recently used');
  memory.set(db, 'c', c, 40); // 120 > 100: b, least recently used, goes
  assert.deepEqual([memory.get(db, 'a'), memory.get(db, 'b'), memory.get(db, 'c')], [a, undefined, c]);
  assert.deepEqual(memory.stats(), { entries: 2, size: 80, budget: 100 });

  memory.set(db, 'd', [{ n: 4 }], 101);
  assert.equal(memory.get(db, 'd'), undefined);
  assert.deepEqual(memory.stats(), { entries: 2, size: 80, budget: 100 });

  memory.set(db, 'a', a, 60); // replacing an entry counts its new size only: 60 + 40
  assert.deepEqual(memory.stats(), { entries: 2, size: 100, budget: 100 });
  memory.setBudget(70); // c (used before a's replacement) goes
  assert.deepEqual([memory.get(db, 'a'), memory.get(db, 'c')], [a, undefined]);
  assert.deepEqual(memory.stats(), { entries: 1, size: 60, budget: 70 });
});

test('entries belong to one database handle; clear drops one handle or all', () => {
  const memory = new ResultMemory(1000);
  const first = {};
  const second = {};
  memory.set(first, 'k', [{ from: 'first' }], 10);
  assert.equal(memory.get(second, 'k'), undefined, 'the same key on another database is another entry');
  memory.set(second, 'k', [{ from: 'second' }], 10);
  memory.set(second, 'other', [], 2);
  assert.deepEqual([memory.get(first, 'k'), memory.get(second, 'k')], [[{ from: 'first' }], [{ from: 'second' }]]);

  assert.equal(memory.clear(second), 2);
  assert.deepEqual([memory.get(first, 'k'), memory.get(second, 'k')], [[{ from: 'first' }], undefined]);
  memory.set(second, 'k', [{ from: 'second' }], 10);
  assert.equal(memory.clear(), 2);
  assert.deepEqual(memory.stats(), { entries: 0, size: 0, budget: 1000 });
});

test('a budget of 0 keeps nothing', () => {
  const memory = new ResultMemory(0);
  memory.set({}, 'k', [], 2);
  assert.deepEqual(memory.stats(), { entries: 0, size: 0, budget: 0 });
});

test('freezeParsedRows freezes the array, its rows and what they hold', () => {
  const rows = freezeParsedRows([{ name: 'wren', guilds: [{ id: '1', roles: ['a'] }], extra: { n: 1 } }, { name: 'ash', guilds: [], extra: null }]);
  const mutable = rows as unknown as Array<{ name: string; guilds: Array<{ id: string; roles: string[] }>; extra: { n: number } }>;
  // Test files are compiled to strict-mode modules, where writes to frozen objects throw.
  assert.throws(() => mutable.push(mutable[0]), TypeError);
  assert.throws(() => mutable.sort(), TypeError);
  assert.throws(() => { mutable[0].name = 'other'; }, TypeError);
  assert.throws(() => { mutable[0].guilds[0].id = '2'; }, TypeError);
  assert.throws(() => mutable[0].guilds[0].roles.push('b'), TypeError);
  assert.throws(() => { mutable[0].extra.n = 2; }, TypeError);
  assert.deepEqual(rows, [{ name: 'wren', guilds: [{ id: '1', roles: ['a'] }], extra: { n: 1 } }, { name: 'ash', guilds: [], extra: null }]);
});

test('GUILDAUDIT_QUERY_MEMORY_MB sets the budget in megabytes; 256 MiB by default', () => {
  assert.equal(DEFAULT_MEMORY_BUDGET, 268_435_456);
  assert.equal(memoryBudgetFromEnv({}), 268_435_456);
  assert.equal(memoryBudgetFromEnv({ GUILDAUDIT_QUERY_MEMORY_MB: '' }), 268_435_456);
  assert.equal(memoryBudgetFromEnv({ GUILDAUDIT_QUERY_MEMORY_MB: '0' }), 0);
  assert.equal(memoryBudgetFromEnv({ GUILDAUDIT_QUERY_MEMORY_MB: '1.5' }), 1_572_864);
  assert.equal(memoryBudgetFromEnv({ GUILDAUDIT_QUERY_MEMORY_MB: '64' }), 67_108_864);
  for (const bad of ['lots', '-1', 'Infinity']) {
    assert.throws(() => memoryBudgetFromEnv({ GUILDAUDIT_QUERY_MEMORY_MB: bad }),
      (e: unknown) => e instanceof QueryParamError && e.message === `GUILDAUDIT_QUERY_MEMORY_MB must be a number of megabytes >= 0 (got '${bad}')`);
  }
});
