import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openEngine } from '../../lib/database/open-engine';
import { listLabels } from '../../lib/labels';
import type { Notebook } from '../../lib/notebooks/nbformat';
import { DASHBOARD_RUN_ENV, NOTEBOOK_DATABASE_ENV } from '../../lib/notebooks/notebook-database';
import { runNotebook } from '../../lib/notebooks/run-notebook';
import { createNotebookFixtureDatabase, QUILLFEATHER, SHARED_ACCOUNT, SISTER_GUILD } from '../support/notebook-fixture-database';

const NOTEBOOKS = path.resolve(__dirname, '../../../notebooks');
const INVESTIGATIONS = ['guild-audit', 'member-dossier', 'my-messages', 'across-guilds', 'community-health'];

/** Every output of a run as text, by MIME type: what a reader of the notebook sees. */
function outputsOf(notebook: Notebook): { markdown: string[]; html: string[]; errors: string[] } {
  const seen = { markdown: [] as string[], html: [] as string[], errors: [] as string[] };
  for (const cell of notebook.cells) {
    if (cell.cell_type !== 'code') continue;
    for (const output of cell.outputs) {
      if (output.output_type === 'error') seen.errors.push(`${output.ename}: ${output.evalue}`);
      if (output.output_type === 'stream' && output.name === 'stderr') seen.errors.push([output.text].flat().join(''));
      if (output.output_type !== 'display_data') continue;
      const text = (mime: string) => [output.data[mime] as string | string[]].flat().join('');
      if ('text/markdown' in output.data) seen.markdown.push(text('text/markdown'));
      if ('text/html' in output.data) seen.html.push(text('text/html'));
    }
  }
  return seen;
}

const charts = (html: string[]) => html.filter((h) => h.includes('class="guildaudit-chart"')).length;

/**
 * CI runs every investigation headless, in a real tslab kernel, against the fixture database:
 * the DCE fixtures' guild "Quillfeather Makers" and a small "Sister Guild" sharing two accounts.
 * Expected figures are counted by hand from the fixture files (see test/fixtures/dce/README.md).
 */
describe('investigation notebooks run headless on the fixture database', () => {
  let db: { file: string; dispose(): void };
  let out: string;

  before(async () => {
    db = await createNotebookFixtureDatabase();
    out = path.dirname(db.file);
  });
  after(() => db.dispose());

  let runs = 0;
  async function run(name: string, parameters: Record<string, string>, env: Record<string, string> = {}) {
    const result = await runNotebook({
      input: path.join(NOTEBOOKS, `${name}.ipynb`),
      output: path.join(out, `${name}-${++runs}.ipynb`),
      parameters,
      timeoutSeconds: 120,
      env: { [NOTEBOOK_DATABASE_ENV]: db.file, ...env },
    });
    const seen = outputsOf(result.notebook);
    assert.deepEqual(seen.errors, [], `${name} wrote errors`);
    assert.equal(result.record.status, 'ok');
    const first = result.notebook.cells[0];
    assert.equal(first.cell_type, 'markdown', `${name} starts with its question`);
    assert.match([first.source].flat().join(''), /\*\*Question:/);
    return seen;
  }

  it('guild-audit: headline figures as text, and its charts', async () => {
    const seen = await run('guild-audit', { guild: QUILLFEATHER });
    // Communicators: tinkerwren, elodie_makes, hoshizora, Kasimir, driftwood.dan (Quillbot is a bot).
    assert.ok(seen.markdown.some((m) => m.includes('**Quillfeather Makers**') && m.includes('**5 communicators**')), seen.markdown[0]);
    assert.ok(seen.markdown.some((m) => m.includes('absence factor **2**')));
    assert.equal(charts(seen.html), 6); // activity, channels, heatmap, joins, retention, contributors
  });

  it('member-dossier: the person in both guilds, and the label it records', async () => {
    const seen = await run('member-dossier', { guild: QUILLFEATHER, user: SHARED_ACCOUNT, label: 'seen-in-sister', note: 'from a test' });
    assert.ok(seen.markdown.some((m) => m.includes('hoshizora') && m.includes('5 messages in 2 guilds')), seen.markdown[0]);
    assert.ok(seen.html.some((h) => h.includes('seen-in-sister') && h.includes('from a test')));
    const engine = await openEngine(db.file);
    try {
      const labels = await listLabels(engine.db, { user: SHARED_ACCOUNT });
      assert.deepEqual(labels.map((l) => [l.label, l.guild, l.note]), [['seen-in-sister', QUILLFEATHER, 'from a test']]);
    } finally {
      await engine.close();
    }
  });

  it('my-messages: every message of one account across guilds, as CSV', async () => {
    const csv = path.join(out, 'hoshizora.csv');
    // A dashboard flag left in the caller's environment must not reach a notebook run.
    process.env[DASHBOARD_RUN_ENV] = '1';
    const seen = await run('my-messages', { user: SHARED_ACCOUNT, csv }).finally(() => delete process.env[DASHBOARD_RUN_ENV]);
    // hoshizora: 2 in full.json/thread.json, 2 more in full-newer.json, 1 in Sister Guild.
    assert.ok(seen.markdown.some((m) => m.startsWith('**5 messages** by hoshizora')), seen.markdown[0]);
    assert.ok(seen.markdown.some((m) => m.includes('`hoshizora.csv`')), 'names the file without its local folder');
    const text = fs.readFileSync(csv, 'utf8');
    assert.match(text, /^id,guild,channel,timestamp,content,/);
    for (const id of ['1202814438883027612', '1203158866985776246', '1205332242075274563', '1209662825596129743', '8501']) {
      assert.ok(text.includes(`\n${id},`), `CSV holds message ${id}`);
    }
  });

  it('my-messages on a dashboard writes no file and gives the export command instead', async () => {
    const projectFiles = () => fs.readdirSync(path.join(NOTEBOOKS, '..', 'reports')).sort();
    const before = projectFiles();
    const seen = await run('my-messages', { user: SHARED_ACCOUNT }, { [DASHBOARD_RUN_ENV]: '1' });
    assert.deepEqual(projectFiles(), before);
    const command = `\`guildaudit query messages-by-user --param 'user=${SHARED_ACCOUNT}' --csv > my-messages.csv\` exports these 5 rows.`;
    assert.ok(seen.markdown.includes(command), seen.markdown.join('\n'));
  });

  it('across-guilds: the two shared accounts', async () => {
    const seen = await run('across-guilds', { guild: QUILLFEATHER });
    assert.ok(seen.markdown.includes('**Quillfeather Makers** shares members with 1 of the 1 other guilds.'), seen.markdown.join('\n'));
    assert.ok(seen.markdown.includes('2 accounts of Quillfeather Makers are seen in 2 or more guilds.'));
    assert.ok(seen.html.some((h) => h.includes('tinkerwren') && h.includes('hoshizora')));
  });

  it('community-health: categories, levels and the network', async () => {
    const seen = await run('community-health', { guild: QUILLFEATHER });
    assert.ok(seen.markdown.some((m) => m.startsWith('**Quillfeather Makers**')));
    assert.equal(charts(seen.html), 4);
  });

  for (const name of INVESTIGATIONS) {
    it(`${name} runs on another guild with nothing but the guild given`, async () => {
      // my-messages' default CSV would land in the checkout's reports/: give it a file of the test's
      await run(name, { guild: SISTER_GUILD, ...(name === 'my-messages' ? { csv: path.join(out, 'sister.csv') } : {}) });
    });
  }
});
