import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { barChart } from '../../lib/charts/bar-chart';
import { figureHtml } from '../../lib/charts/figure-html';
import { rowsTableHtml } from '../../lib/charts/rows-table-html';
import type { Engine } from '../../lib/database/engine';
import type { Notebook } from '../../lib/notebooks/nbformat';
import { pseudonymIdentities, type PseudonymIdentities } from '../../lib/reports/pseudonym-identities';
import { pseudonymizeNotebook, textPseudonymizer } from '../../lib/reports/pseudonymize-notebook';
import { buildGuild, type GuildSpec } from '../support/build-guild';
import { describeEachEngine } from '../support/engines';

/**
 * Two guilds and seven accounts. Numbered by ID as numbers: the 19-digit O'Neil comes last.
 *   …001 anamaria_b  nickname "Ana"                                    → Member 001
 *   …002 al          tag al#1234, "Al" (Alpha), "Big Al" (Beta)         → Member 002
 *   …003 ana         display "Ana M.", "Ana Maria" (Alpha), "Annie" (Beta) → Member 003
 *   …004 botty       a bot: kept
 *   …010 modmin      Moderator in Alpha: "Mod Min"; "Al the Mod" in Beta → Member 004 unless staff is kept
 *   …020 田中         "田中さん🔥"                                        → Member 005
 *   …0005 o_neil     `<b>"O'Neil" & co</b>` (Alpha), "al" in Beta (al's username wins) → Member 006
 */
const ANAMARIA_B = '730000000000000001';
const AL = '730000000000000002';
const ANA = '730000000000000003';
const BOT = '730000000000000004';
const MOD = '730000000000000010';
const TANAKA = '730000000000000020';
const ONEIL = '7300000000000000005';
const ONEIL_NICK = `<b>"O'Neil" & co</b>`;

const ALPHA: GuildSpec = {
  id: '900000000000000001',
  name: 'Alpha',
  channels: [{ id: '910000000000000001', name: 'general' }],
  roles: [{ id: '920000000000000001', name: 'Moderator' }],
  users: [
    { id: ANA, name: 'ana', nickname: 'Ana Maria' },
    { id: ANAMARIA_B, name: 'anamaria_b', nickname: 'Ana' },
    { id: AL, name: 'al', nickname: 'Al' },
    { id: MOD, name: 'modmin', nickname: 'Mod Min', roles: ['920000000000000001'] },
    { id: BOT, name: 'botty', bot: true },
    { id: ONEIL, name: 'o_neil', nickname: ONEIL_NICK },
    { id: TANAKA, name: '田中', nickname: '田中さん🔥' },
  ],
  messages: [{ id: '940000000000000001', channel: '910000000000000001', author: ANA, at: '2024-03-01T09:00:00Z' }],
};

const BETA: GuildSpec = {
  id: '900000000000000002',
  name: 'Beta',
  channels: [{ id: '910000000000000002', name: 'lobby' }],
  users: [
    { id: ANA, name: 'ana', nickname: 'Annie' },
    { id: AL, name: 'al', nickname: 'Big Al' },
    { id: MOD, name: 'modmin', nickname: 'Al the Mod' },
    { id: ONEIL, name: 'o_neil', nickname: 'al' },
  ],
  messages: [{ id: '940000000000000002', channel: '910000000000000002', author: AL, at: '2024-03-01T10:00:00Z' }],
};

async function twoGuilds(engine: Engine): Promise<void> {
  await buildGuild(engine, ALPHA);
  await buildGuild(engine, BETA);
  // build-guild stores neither display names nor legacy tags.
  await engine.db.updateTable('users').set({ display_name: 'Ana M.' }).where('id', '=', ANA).execute();
  await engine.db.updateTable('users').set({ discriminator: '1234' }).where('id', '=', AL).execute();
}

/** The rows a notebook would show: names and IDs of everyone, and words that contain names. */
const ROWS = [
  { id: ANA, name: 'Ana Maria', messages: 12, note: 'Also Anabel' },
  { id: ANAMARIA_B, name: 'Ana', messages: 9, note: "Ana Maria's friend" },
  { id: AL, name: 'Al', messages: 7, note: 'Alberto is not Al' },
  { id: ONEIL, name: ONEIL_NICK, messages: 5, note: 'quotes & tags' },
  { id: TANAKA, name: '田中さん🔥', messages: 4, note: '田中 in CJK' },
  { id: BOT, name: 'botty', messages: 3, note: 'a bot' },
  { id: MOD, name: 'Mod Min', messages: 2, note: 'Al the Mod moderates' },
];

/** ROWS as they must read once pseudonymized (worked out by hand from the table above). */
const PSEUDO_ROWS = [
  { id: 'member-003', name: 'Member 003', messages: 12, note: 'Also Anabel' },
  { id: 'member-001', name: 'Member 001', messages: 9, note: "Member 003's friend" },
  { id: 'member-002', name: 'Member 002', messages: 7, note: 'Alberto is not Member 002' },
  { id: 'member-006', name: 'Member 006', messages: 5, note: 'quotes & tags' },
  { id: 'member-005', name: 'Member 005', messages: 4, note: 'Member 005 in CJK' },
  { id: BOT, name: 'botty', messages: 3, note: 'a bot' },
  { id: 'member-004', name: 'Member 004', messages: 2, note: 'Member 004 moderates' },
];

const MARKDOWN =
  `Top poster: **Ana Maria** (<@${ANA}>), then Ana and Al. Also Anabel and Alberto are not members.\n` +
  `Big Al joined Beta; 田中 posted, 田中さん🔥 too. Escaped: \\<b\\>\\"O\\'Neil\\" \\& co\\<\\/b\\>.`;
const PSEUDO_MARKDOWN =
  'Top poster: **Member 003** (<@member-003>), then Member 001 and Member 002. Also Anabel and Alberto are not members.\n' +
  'Member 002 joined Beta; Member 005 posted, Member 005 too. Escaped: Member 006.';

/** An executed notebook as the executor writes it: parameters, injected cell, every output kind. */
function executedNotebook(): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      guildaudit: { parameters: { guild: ALPHA.id, user: ANA }, status: 'ok' },
      papermill: { parameters: { guild: ALPHA.id, user: ANA } },
    },
    cells: [
      { cell_type: 'markdown', id: 'title', metadata: {}, source: ['# One member\n', 'About Ana Maria.\n'] },
      { cell_type: 'code', id: 'params', metadata: { tags: ['parameters'] }, execution_count: 1, outputs: [], source: "const user: string = 'Ana';" },
      { cell_type: 'code', id: 'injected-parameters', metadata: { tags: ['injected-parameters'] }, execution_count: 2, outputs: [], source: `const user: string = "${ANA}";` },
      {
        cell_type: 'code',
        id: 'outputs',
        metadata: {},
        execution_count: 3,
        source: 'show(rows)',
        outputs: [
          { output_type: 'display_data', data: { 'text/html': rowsTableHtml(ROWS), 'text/plain': "[ 'Ana Maria', 'Annie' ]" }, metadata: {} },
          { output_type: 'display_data', data: { 'text/html': figureHtml(barChart(ROWS, { label: 'name', value: 'messages', title: 'Top' }), { id: 'c1' }) }, metadata: {} },
          { output_type: 'display_data', data: { 'text/markdown': MARKDOWN }, metadata: {} },
          { output_type: 'stream', name: 'stdout', text: [`user ${ANAMARIA_B} is Ana\n`, 'al#1234 = al\n', 'botty is a bot, kept\n'] },
          { output_type: 'error', ename: 'Error', evalue: 'no messages from Ana M.', traceback: [`Error: no messages from Ana M. (${ANA})`] },
        ],
      },
    ],
  };
}

/** Every string inside a JSON value, keys included. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

/** The figure JSON inside a figureHtml output. */
function figureOf(html: string): unknown {
  return JSON.parse(/<script type="application\/json" id="c1-figure">([\s\S]*?)<\/script>/.exec(html)![1]);
}

describeEachEngine('pseudonymize', (ctx) => {
  let engine: Engine;
  let ids: PseudonymIdentities;
  before(async () => {
    ({ engine } = await ctx.fresh());
    await twoGuilds(engine);
    ids = await pseudonymIdentities(engine.db);
  });

  test('identities: every user numbered by ID as a number, every name form, bots kept', () => {
    assert.deepEqual(ids.members, [
      { userId: ANAMARIA_B, pseudonym: 'Member 001', pseudonymId: 'member-001', names: ['anamaria_b', 'Ana'] },
      { userId: AL, pseudonym: 'Member 002', pseudonymId: 'member-002', names: ['al', 'al#1234', 'Al', 'Big Al'] },
      { userId: ANA, pseudonym: 'Member 003', pseudonymId: 'member-003', names: ['ana', 'Ana M.', 'Ana Maria', 'Annie'] },
      { userId: MOD, pseudonym: 'Member 004', pseudonymId: 'member-004', names: ['modmin', 'Al the Mod', 'Mod Min'] },
      { userId: TANAKA, pseudonym: 'Member 005', pseudonymId: 'member-005', names: ['田中', '田中さん🔥'] },
      { userId: ONEIL, pseudonym: 'Member 006', pseudonymId: 'member-006', names: ['o_neil', ONEIL_NICK, 'al'] },
    ]);
    assert.deepEqual(new Map([...ids.replacements].sort(([a], [b]) => (a < b ? -1 : 1))), new Map([
      [ANAMARIA_B, 'member-001'], [AL, 'member-002'], [ANA, 'member-003'], [MOD, 'member-004'], [TANAKA, 'member-005'], [ONEIL, 'member-006'],
      ['anamaria_b', 'Member 001'], ['Ana', 'Member 001'],
      ['al', 'Member 002'], ['al#1234', 'Member 002'], ['Al', 'Member 002'], ['Big Al', 'Member 002'],
      ['ana', 'Member 003'], ['Ana M.', 'Member 003'], ['Ana Maria', 'Member 003'], ['Annie', 'Member 003'],
      ['modmin', 'Member 004'], ['Al the Mod', 'Member 004'], ['Mod Min', 'Member 004'],
      ['田中', 'Member 005'], ['田中さん🔥', 'Member 005'],
      ['o_neil', 'Member 006'], [ONEIL_NICK, 'Member 006'],
    ].sort(([a], [b]) => (a < b ? -1 : 1)) as Array<[string, string]>));
    assert.deepEqual(ids.keptBots, [BOT]);
    assert.deepEqual(ids.keptStaff, []);
    assert.deepEqual(ids.kept.sort(), [BOT, 'botty']);
  });

  test('identities: keepStaff keeps the Moderator named and renumbers the rest; staff of another guild is not staff there', async () => {
    const kept = await pseudonymIdentities(engine.db, { keepStaff: true, staffRoles: ['Moderator'] });
    assert.deepEqual(kept.members.map((m) => [m.userId, m.pseudonym]), [
      [ANAMARIA_B, 'Member 001'], [AL, 'Member 002'], [ANA, 'Member 003'], [TANAKA, 'Member 004'], [ONEIL, 'Member 005'],
    ]);
    assert.deepEqual(kept.keptStaff, [MOD]);
    assert.deepEqual(kept.kept.sort(), [BOT, MOD, 'Al the Mod', 'Mod Min', 'botty', 'modmin'].sort());
    // By role ID too, as the queries define staff.
    const byRoleId = await pseudonymIdentities(engine.db, { keepStaff: true, staffRoles: ['920000000000000001'] });
    assert.deepEqual(byRoleId.keptStaff, [MOD]);
    const inBeta = await pseudonymIdentities(engine.db, { keepStaff: true, staffRoles: ['Moderator'], guild: BETA.id });
    assert.deepEqual(inBeta.keptStaff, []);
    assert.equal(inBeta.replacements.get(MOD), 'member-004');
    const bots = await pseudonymIdentities(engine.db, { keepBots: false });
    assert.deepEqual(bots.members.map((m) => m.userId), [ANAMARIA_B, AL, ANA, BOT, MOD, TANAKA, ONEIL]);
    assert.equal(bots.replacements.get('botty'), 'Member 004');
  });

  test('notebook: table, chart, markdown, stream, error, parameters and injected cell all pseudonymized alike', () => {
    const input = executedNotebook();
    const before = JSON.stringify(input);
    const out = pseudonymizeNotebook(input, ids);
    assert.equal(JSON.stringify(input), before, 'the input notebook is not changed');

    const [title, params, injected, outputsCell] = out.cells;
    assert.deepEqual(title.source, ['# One member\n', 'About Member 003.\n']);
    assert.equal(params.source, "const user: string = 'Member 001';");
    assert.equal(injected.source, 'const user: string = "member-003";');
    assert.deepEqual(out.metadata.guildaudit, { parameters: { guild: ALPHA.id, user: 'member-003' }, status: 'ok' });
    assert.deepEqual(out.metadata.papermill, { parameters: { guild: ALPHA.id, user: 'member-003' } });

    assert.equal(outputsCell.cell_type, 'code');
    if (outputsCell.cell_type !== 'code') return;
    const [table, chart, markdown, stream, error] = outputsCell.outputs;
    assert.ok(table.output_type === 'display_data' && chart.output_type === 'display_data' && markdown.output_type === 'display_data');
    assert.equal(table.data['text/html'], rowsTableHtml(PSEUDO_ROWS));
    assert.equal(table.data['text/plain'], "[ 'Member 003', 'Member 003' ]");

    const html = chart.data['text/html'] as string;
    const figure = figureOf(html) as { data: Array<{ y: string[] }> };
    assert.deepEqual(figure, barChart(PSEUDO_ROWS, { label: 'name', value: 'messages', title: 'Top' }));
    assert.deepEqual(figure.data[0].y, ['Member 003', 'Member 001', 'Member 002', 'Member 006', 'Member 005', 'botty', 'Member 004']);
    // The rest of the chart output (div, loader) is untouched.
    const original = (input.cells[3] as { outputs: Array<{ data: Record<string, string> }> }).outputs[1].data['text/html'];
    assert.equal(html.replace(/<script type="application\/json"[\s\S]*?<\/script>/, ''), original.replace(/<script type="application\/json"[\s\S]*?<\/script>/, ''));

    assert.equal(markdown.data['text/markdown'], PSEUDO_MARKDOWN);
    assert.deepEqual(stream, { output_type: 'stream', name: 'stdout', text: ['user member-001 is Member 001\n', 'Member 002 = Member 002\n', 'botty is a bot, kept\n'] });
    assert.deepEqual(error, {
      output_type: 'error', ename: 'Error', evalue: 'no messages from Member 003', traceback: ['Error: no messages from Member 003 (member-003)'],
    });
  });

  test('notebook: nothing of a hidden name or ID remains, in the JSON text or in any string', () => {
    const out = pseudonymizeNotebook(executedNotebook(), ids);
    const serialized = JSON.stringify(out);
    for (const id of [ANAMARIA_B, AL, ANA, MOD, TANAKA, ONEIL]) assert.ok(!serialized.includes(id), id);
    for (const part of ['anamaria', 'Maria', 'Annie', 'Ana M.', 'Big Al', 'al#1234', 'modmin', 'Mod Min', 'Al the Mod', '田中', '🔥', 'o_neil', 'Neil']) {
      assert.ok(!serialized.includes(part), part);
    }
    // Short names as whole tokens (not inside "Anabel", "Also", "Alberto"), in every decoded string.
    const token = (name: string) => new RegExp(`(?<![\\p{L}\\p{N}_])${name}(?![\\p{L}\\p{N}_])`, 'u');
    for (const text of strings(out)) {
      for (const name of ['Ana', 'ana', 'Al', 'al']) assert.ok(!token(name).test(text), `${name} in ${JSON.stringify(text.slice(0, 200))}`);
    }
    // The chart JSON still names the pseudonyms, and the kept bot.
    const chart = (out.cells[3] as { outputs: Array<{ data: Record<string, string> }> }).outputs[1].data['text/html'];
    assert.deepEqual((figureOf(chart) as { data: Array<{ y: string[] }> }).data[0].y.slice(5), ['botty', 'Member 004']);
  });

  test('notebook: with keepStaff the Moderator stays named, and his "Al the Mod" is not cut into "Member 002 the Mod"', async () => {
    const kept = await pseudonymIdentities(engine.db, { keepStaff: true, staffRoles: ['Moderator'] });
    const out = pseudonymizeNotebook(executedNotebook(), kept);
    const table = (out.cells[3] as { outputs: Array<{ data: Record<string, string> }> }).outputs[0].data['text/html'];
    const renumbered = PSEUDO_ROWS.map((r) => ({ ...r, note: r.note.replace('Member 005', 'Member 004') }));
    renumbered[4] = { ...renumbered[4], id: 'member-004', name: 'Member 004' };
    renumbered[3] = { ...renumbered[3], id: 'member-005', name: 'Member 005' };
    renumbered[6] = { id: MOD, name: 'Mod Min', messages: 2, note: 'Al the Mod moderates' };
    assert.equal(table, rowsTableHtml(renumbered));
  });
});

test('text: whole tokens only, longest first, escaped forms, one-character and letterless names only where alone', () => {
  const replace = textPseudonymizer({
    members: [{ userId: '123456789012345678', pseudonym: 'Member 1', pseudonymId: 'member-1', names: [] }],
    replacements: new Map([
      ['123456789012345678', 'member-1'], ['Ana Maria', 'Member 1'], ['Ana', 'Member 2'], ['J', 'Member 3'], ['7', 'Member 4'], ['👍', 'Member 5'], ['A&B <co>', 'Member 6'],
    ]),
    kept: [],
  });
  assert.equal(replace('Ana Maria, Ana, Anabel, Ana Marias, MAna'), 'Member 1, Member 2, Anabel, Member 2 Marias, MAna');
  assert.equal(replace('<@123456789012345678> x123456789012345678 1123456789012345678'), '<@member-1> xmember-1 1123456789012345678');
  assert.equal(replace('J said 7 times 👍; <td>J</td><td>7</td><td> 👍 </td> | J |'), 'J said 7 times 👍; <td>Member 3</td><td>Member 4</td><td> Member 5 </td> | Member 3 |');
  assert.equal(replace('["J","7"]'), '["Member 3","Member 4"]');
  assert.equal(replace('A&amp;B &lt;co&gt; / "A&B \\u003cco>" / "A\\u0026B \\u003cco\\u003e" / A&B <co>'), 'Member 6 / "Member 6" / "Member 6" / Member 6');
  // After a JSON escape: "\nAna" is a line break then Ana.
  assert.equal(replace('"x\\nAna\\u003cb"'), '"x\\nMember 2\\u003cb"');
  assert.equal(textPseudonymizer({ members: [], replacements: new Map(), kept: [] })('Ana'), 'Ana');
});

test('notebook: images are left alone, text next to them is not', () => {
  const replace = { members: [{ userId: '123456789012345678', pseudonym: 'Member 1', pseudonymId: 'member-1', names: ['Ana'] }],
    replacements: new Map([['123456789012345678', 'member-1'], ['Ana', 'Member 1']]), kept: [], keptStaff: [], keptBots: [] };
  const png = 'iVBORw0KGgo/123456789012345678/Ana';
  const nb: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{
    cell_type: 'code', metadata: {}, execution_count: 1, source: '',
    outputs: [{ output_type: 'display_data', data: { 'image/png': png, 'text/plain': 'Ana', 'image/svg+xml': '<svg><text>Ana</text></svg>' }, metadata: {} }],
  }] };
  const out = pseudonymizeNotebook(nb, replace);
  assert.deepEqual((out.cells[0] as { outputs: Array<{ data: unknown }> }).outputs[0].data, {
    'image/png': png, 'text/plain': 'Member 1', 'image/svg+xml': '<svg><text>Member 1</text></svg>',
  });
});
