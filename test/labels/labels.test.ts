import assert from 'node:assert/strict';
import os from 'node:os';
import { test } from 'node:test';
import { addLabel, listLabels, removeLabels, type LabelRow } from '../../lib/labels';
import { dataVersion } from '../../lib/queries/data-version';
import { QueryParamError } from '../../lib/queries/query-error';
import { buildGuild, type GuildSpec } from '../support/build-guild';
import { runCli } from '../support/cli';
import { describeEachEngine, type EngineContext } from '../support/engines';

/**
 * Two guilds whose IDs sort differently as text and as numbers ('1000' < '300' as text), and two
 * accounts likewise ('5001' < '900' as text).
 */
const ALPHA: GuildSpec = {
  id: '1000',
  name: 'Alpha',
  channels: [{ id: '1100', name: 'general' }],
  users: [{ id: '5001', name: 'wren' }, { id: '900', name: 'kas' }],
  messages: [{ id: '7001', channel: '1100', author: '5001', at: '2024-03-01T09:00:00Z' }],
};
const GAMMA: GuildSpec = {
  id: '300',
  name: 'Gamma',
  channels: [{ id: '3100', name: 'chat' }],
  users: [{ id: '5001', name: 'wren' }],
  messages: [{ id: '9001', channel: '3100', author: '5001', at: '2024-03-02T09:00:00Z' }],
};

/** Above 2^53 (as a JS number it would read 18446744073709552000); not in the database. */
const UNIMPORTED = '18446744073709551615';
const MARCH_1_NOON = Date.UTC(2024, 2, 1, 12, 0, 0);

const isParamError = (pattern: RegExp) => (e: unknown) => e instanceof QueryParamError && pattern.test(e.message);

async function twoGuilds(ctx: EngineContext) {
  const fresh = await ctx.fresh();
  await buildGuild(fresh.engine, ALPHA);
  await buildGuild(fresh.engine, GAMMA);
  return fresh;
}

describeEachEngine('labels', (ctx) => {
  test('labels in one guild and across guilds list in user, scope, label order with names', async () => {
    const { engine } = await twoGuilds(ctx);
    const db = engine.db;
    const at = (minutes: number) => MARCH_1_NOON + minutes * 60_000;
    await addLabel(db, { user: UNIMPORTED, label: 'sybil', note: 'farmed joins', by: 'ann', now: at(0) });
    await addLabel(db, { user: '900', label: 'core', guild: '1000', by: 'bo', now: at(1) });
    await addLabel(db, { user: '5001', label: 'core', guild: '1000', by: 'ann', now: at(2) });
    await addLabel(db, { user: '5001', label: 'alt', guild: '300', by: 'ann', now: at(3) });
    await addLabel(db, { user: '5001', label: 'core', by: 'ann', now: at(4) });
    const added = await addLabel(db, { user: ' 5001 ', label: ' Zed ', note: ' same as 900? ', by: 'bo', now: at(5) });

    assert.deepEqual(added, {
      created: true,
      row: { user: '5001', userName: 'wren', guild: null, guildName: null, label: 'Zed', note: 'same as 900?', by: 'bo', at: '2024-03-01T12:05:00.000Z' },
    });
    const wrenGlobalZed: LabelRow = added.row;
    const wrenGlobalCore: LabelRow = { user: '5001', userName: 'wren', guild: null, guildName: null, label: 'core', note: null, by: 'ann', at: '2024-03-01T12:04:00.000Z' };
    const wrenGammaAlt: LabelRow = { user: '5001', userName: 'wren', guild: '300', guildName: 'Gamma', label: 'alt', note: null, by: 'ann', at: '2024-03-01T12:03:00.000Z' };
    const wrenAlphaCore: LabelRow = { user: '5001', userName: 'wren', guild: '1000', guildName: 'Alpha', label: 'core', note: null, by: 'ann', at: '2024-03-01T12:02:00.000Z' };
    const kasAlphaCore: LabelRow = { user: '900', userName: 'kas', guild: '1000', guildName: 'Alpha', label: 'core', note: null, by: 'bo', at: '2024-03-01T12:01:00.000Z' };
    const unimportedSybil: LabelRow = { user: UNIMPORTED, userName: null, guild: null, guildName: null, label: 'sybil', note: 'farmed joins', by: 'ann', at: '2024-03-01T12:00:00.000Z' };

    // 900 before 5001 (numbers, not text); across guilds first, then guild 300 before 1000;
    // 'Zed' before 'core' (code points: capitals first).
    assert.deepEqual(await listLabels(db), [kasAlphaCore, wrenGlobalZed, wrenGlobalCore, wrenGammaAlt, wrenAlphaCore, unimportedSybil]);
    assert.deepEqual(await listLabels(db, { user: '5001' }), [wrenGlobalZed, wrenGlobalCore, wrenGammaAlt, wrenAlphaCore]);
    assert.deepEqual(await listLabels(db, { guild: '1000' }), [kasAlphaCore, wrenAlphaCore]);
    assert.deepEqual(await listLabels(db, { guild: null }), [wrenGlobalZed, wrenGlobalCore, unimportedSybil]);
    assert.deepEqual(await listLabels(db, { label: 'core' }), [kasAlphaCore, wrenGlobalCore, wrenAlphaCore]);
    assert.deepEqual(await listLabels(db, { user: '5001', guild: null, label: 'core' }), [wrenGlobalCore]);
    assert.deepEqual(await listLabels(db, { user: '4242' }), []);
  });

  test('adding the same label again updates that one row: note when given, who and when', async () => {
    const { engine } = await twoGuilds(ctx);
    const db = engine.db;
    await addLabel(db, { user: '5001', label: 'sybil', guild: '1000', note: 'joins in bursts', by: 'ann', now: MARCH_1_NOON });
    const again = await addLabel(db, { user: '5001', label: 'sybil', guild: '1000', by: 'bo', now: MARCH_1_NOON + 1000 });
    const expected: LabelRow = { user: '5001', userName: 'wren', guild: '1000', guildName: 'Alpha', label: 'sybil', note: 'joins in bursts', by: 'bo', at: '2024-03-01T12:00:01.000Z' };
    assert.deepEqual(again, { created: false, row: expected });

    await addLabel(db, { user: '5001', label: 'sybil', guild: '1000', note: 'same wallet as 900', by: 'bo', now: MARCH_1_NOON + 2000 });
    assert.deepEqual(await listLabels(db), [{ ...expected, note: 'same wallet as 900', at: '2024-03-01T12:00:02.000Z' }]);
    await addLabel(db, { user: '5001', label: 'sybil', guild: '1000', note: null, by: 'bo', now: MARCH_1_NOON + 3000 });
    assert.deepEqual(await listLabels(db), [{ ...expected, note: null, at: '2024-03-01T12:00:03.000Z' }]);

    // The same label across every guild is another row.
    const global = await addLabel(db, { user: '5001', label: 'sybil', by: 'bo', now: MARCH_1_NOON });
    assert.equal(global.created, true);
    assert.equal((await listLabels(db)).length, 2);
  });

  test('the database itself refuses a second (user, every guild, label) and an empty label', async () => {
    const { engine } = await twoGuilds(ctx);
    const row = { user_id: '5001', guild_id: null, label: 'sybil', note: null, created_by: 'ann', created_at: MARCH_1_NOON };
    await engine.db.insertInto('labels').values(row).execute();
    await assert.rejects(engine.db.insertInto('labels').values(row).execute(), /unique|duplicate/i);
    await assert.rejects(engine.db.insertInto('labels').values({ ...row, label: '' }).execute(), /check/i);
    await engine.db.insertInto('labels').values({ ...row, guild_id: '1000' }).execute();
    const { count } = await engine.db.selectFrom('labels').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    assert.equal(Number(count), 2);
  });

  test('removing: every scope by default, one guild, or across guilds only; returns how many', async () => {
    const { engine } = await twoGuilds(ctx);
    const db = engine.db;
    const seed = async () => {
      for (const [user, label, guild] of [['5001', 'sybil', undefined], ['5001', 'sybil', '1000'], ['5001', 'sybil', '300'], ['5001', 'core', '1000'], ['900', 'sybil', undefined]] as const) {
        await addLabel(db, { user, label, guild, by: 'ann', now: MARCH_1_NOON });
      }
    };
    const remaining = async () => (await listLabels(db)).map((r) => `${r.user}/${r.guild ?? '*'}/${r.label}`);

    await seed();
    assert.equal(await removeLabels(db, { user: '5001', label: 'sybil', guild: '1000' }), 1);
    assert.deepEqual(await remaining(), ['900/*/sybil', '5001/*/sybil', '5001/300/sybil', '5001/1000/core']);
    assert.equal(await removeLabels(db, { user: '5001', guild: null }), 1);
    assert.deepEqual(await remaining(), ['900/*/sybil', '5001/300/sybil', '5001/1000/core']);
    assert.equal(await removeLabels(db, { user: '5001', label: 'nothing' }), 0);
    assert.equal(await removeLabels(db, { user: '5001' }), 2);
    assert.deepEqual(await remaining(), ['900/*/sybil']);

    await seed();
    assert.equal(await removeLabels(db, { user: '5001', label: 'sybil' }), 3);
    assert.deepEqual(await remaining(), ['900/*/sybil', '5001/1000/core']);
  });

  test('bad users, labels and guilds are errors naming the value, and write nothing', async () => {
    const { engine } = await twoGuilds(ctx);
    const db = engine.db;
    await assert.rejects(addLabel(db, { user: 'wren', label: 'sybil' }), isParamError(/user must be a Discord user ID.*got 'wren'/));
    await assert.rejects(addLabel(db, { user: '05001', label: 'sybil' }), isParamError(/got '05001'/));
    await assert.rejects(addLabel(db, { user: '123456789012345678901', label: 'sybil' }), isParamError(/got '123456789012345678901'/));
    await assert.rejects(addLabel(db, { user: 5001 as unknown as string, label: 'sybil' }), isParamError(/string of digits \(got the number 5001\)/));
    await assert.rejects(addLabel(db, { user: '5001', label: '  ' }), isParamError(/label must be non-empty text \(got '  '\)/));
    await assert.rejects(addLabel(db, { user: '5001', label: 'sybil', by: '' }), isParamError(/by must be non-empty/));
    await assert.rejects(addLabel(db, { user: '5001', label: 'sybil', now: 1.5 }), isParamError(/now must be epoch milliseconds/));
    await assert.rejects(addLabel(db, { user: '5001', label: 'sybil', guild: '42' }), isParamError(/unknown guild '42'; the database has 1000 \(Alpha\), 300 \(Gamma\)/));
    await assert.rejects(listLabels(db, { guild: '42' }), isParamError(/unknown guild '42'/));
    await assert.rejects(listLabels(db, { user: 'kas' }), isParamError(/got 'kas'/));
    await assert.rejects(removeLabels(db, { user: '5001', guild: '42' }), isParamError(/unknown guild '42'/));
    assert.deepEqual(await listLabels(db), []);
  });

  test('labels are analyst data: adding and removing them leaves the data version alone', async () => {
    const { engine } = await twoGuilds(ctx);
    assert.equal(await dataVersion(engine.db), 'import-2'); // the two built guilds
    await addLabel(engine.db, { user: '5001', label: 'sybil', guild: '1000' });
    await addLabel(engine.db, { user: '5001', label: 'sybil', note: 'again' });
    assert.equal(await dataVersion(engine.db), 'import-2');
    await removeLabels(engine.db, { user: '5001' });
    assert.equal(await dataVersion(engine.db), 'import-2');
  });

  test('guildaudit label add, ls --json, rm and their errors', async () => {
    const { engine, target } = await twoGuilds(ctx);
    const add = await runCli(['label', 'add', '5001', 'sybil', '--guild', '1000', '--note', 'joins in bursts', '--by', 'ann', '--db', target]);
    assert.deepEqual([add.code, add.out, add.err], [0, "labelled 5001 (wren) 'sybil' in 1000 (Alpha)\n", '']);
    const unknown = await runCli(['label', 'add', UNIMPORTED, 'core contributor', '--db', target]);
    assert.equal(unknown.code, 0, unknown.err);
    assert.equal(unknown.out, `labelled ${UNIMPORTED} 'core contributor' across every guild\n`);
    assert.equal(unknown.err, `note: user ${UNIMPORTED} is not in the database yet; the label shows with their name once their archives are imported\n`);

    const listed = await runCli(['label', 'ls', '--json', '--db', target]);
    assert.equal(listed.code, 0, listed.err);
    const rows = JSON.parse(listed.out) as LabelRow[];
    // `at` is the wall clock of the run: checked against the stored time below, not by value.
    assert.deepEqual(rows.map(({ at: _at, ...rest }) => rest), [
      { user: '5001', userName: 'wren', guild: '1000', guildName: 'Alpha', label: 'sybil', note: 'joins in bursts', by: 'ann' },
      { user: UNIMPORTED, userName: null, guild: null, guildName: null, label: 'core contributor', note: null, by: os.userInfo().username },
    ]);
    const stored = await engine.db.selectFrom('labels').select(['label', 'created_at']).orderBy('label').execute();
    assert.deepEqual(rows.map((r) => [r.label, r.at]).sort(), stored.map((s) => [s.label, new Date(Number(s.created_at)).toISOString()]));

    const table = await runCli(['label', 'ls', '5001', '--db', target]);
    assert.match(table.out, /^user\s+userName\s+guild\s+guildName\s+label\s+note\s+by\s+at\n/);
    assert.match(table.out, /^5001\s+wren\s+1000\s+Alpha\s+sybil\s+joins in bursts\s+ann\s+\d{4}-\d\d-\d\dT\d\d:\d\d\n$/m);
    const csv = await runCli(['label', 'ls', '--global', '--csv', '--db', target]);
    assert.match(csv.out, new RegExp(`^user,userName,guild,guildName,label,note,by,at\r\n${UNIMPORTED},,,,core contributor,,[^,]+,[^,]+\r\n$`));

    const removed = await runCli(['label', 'rm', '5001', 'sybil', '--db', target]);
    assert.deepEqual([removed.code, removed.out], [0, 'removed 1 label\n']);
    const again = await runCli(['label', 'rm', '5001', 'sybil', '--db', target]);
    assert.deepEqual([again.code, again.err], [1, "guildaudit: no label 'sybil' of user 5001 in any guild: nothing removed\n"]);
    const empty = await runCli(['label', 'ls', '5001', '--db', target]);
    assert.deepEqual([empty.code, empty.out], [0, '(no labels)\n']);

    const badUser = await runCli(['label', 'add', 'wren', 'sybil', '--db', target]);
    assert.equal(badUser.code, 1);
    assert.match(badUser.err, /^guildaudit: user must be a Discord user ID, digits only like \d+ \(got 'wren'\)/);
    const badGuild = await runCli(['label', 'ls', '--guild', '42', '--db', target]);
    assert.equal(badGuild.code, 1);
    assert.match(badGuild.err, /^guildaudit: unknown guild '42'/);
    const { count } = await engine.db.selectFrom('labels').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    assert.equal(Number(count), 1);
  });
});

test('guildaudit label: help, and usage mistakes exit 2 before opening a database', async () => {
  const main = await runCli(['--help']);
  assert.match(main.out, /^  label /m);
  const help = await runCli(['label', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: guildaudit label add <user> <label>/);
  assert.match(help.out, /--db/);

  // An unreachable database: a usage mistake must be reported before trying to open it.
  const db = ['--db', 'postgres://nobody@127.0.0.1:1/none'];
  const cases: Array<[string[], RegExp]> = [
    [['label'], /name an action: add, rm or ls \(got none\)/],
    [['label', 'tag', '5001'], /got 'tag'/],
    [['label', 'add', '5001'], /expected: guildaudit label add <user> <label>.*\(got 1 argument\)/],
    [['label', 'add', '5001', 'core', 'contributor'], /quote a label with spaces/],
    [['label', 'rm', '5001', '--note', 'x'], /--note is not an option of 'label rm'/],
    [['label', 'ls', '--json', '--csv'], /choose --json or --csv/],
    [['label', 'ls', '--guild', '1000', '--global'], /choose --guild or --global/],
  ];
  for (const [argv, message] of cases) {
    const run = await runCli([...argv, ...db]);
    assert.equal(run.code, 2, `${argv.join(' ')}: ${run.err}`);
    assert.match(run.err, message);
  }
});

