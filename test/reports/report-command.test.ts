import assert from 'node:assert/strict';
import Sqlite from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { createNotebookFixtureDatabase, QUILLFEATHER, SISTER_GUILD } from '../support/notebook-fixture-database';
import { pdfInkPerPage, pdfPageCount, pdfPageTexts } from './pdf-tools';
import { notebookOf } from './report-fixtures';

const GUILD_AUDIT = path.resolve(__dirname, '../../../notebooks/guild-audit.ipynb');

/** A notebook file's text: a title, the `guild` parameter, and one code cell. */
function guildNotebook(title: string, code: string): string {
  return JSON.stringify(notebookOf([
    { cell_type: 'markdown', id: 'q', source: `# ${title}` },
    { cell_type: 'code', id: 'p', metadata: { tags: ['parameters'] }, source: "const guild: string = '';" },
    { cell_type: 'code', id: 'x', source: code },
  ]));
}

/** `guildaudit report` end to end: the real notebook, a real kernel, real Chromium, the fixture database. */
describe('guildaudit report on the fixture database', () => {
  let db: { file: string; dispose(): void };
  let dir: string;

  before(async () => {
    db = await createNotebookFixtureDatabase();
    dir = path.dirname(db.file);
  });
  after(() => db.dispose());

  it("builds and stores the guild's columns while the kernel starts, even when no cell queries", async () => {
    const storedGuilds = () => {
      const handle = new Sqlite(db.file, { readonly: true });
      try {
        return handle.prepare('SELECT guild_id FROM guild_columns WHERE part = 0').pluck().all();
      } finally {
        handle.close();
      }
    };
    assert.deepEqual(storedGuilds(), []);
    const quiet = path.join(dir, 'quiet.ipynb');
    fs.writeFileSync(quiet, guildNotebook('Quiet', "console.log('no query for ' + guild);"));
    const pdf = path.join(dir, 'quiet.pdf');
    const { code, err } = await runCli(['report', quiet, '--param', `guild=${QUILLFEATHER}`, '--pdf', pdf, '--db', db.file]);
    assert.equal(code, 0, err);
    assert.ok(pdfPageTexts(pdf).join('\n').includes(`no query for ${QUILLFEATHER}`));
    assert.deepEqual(storedGuilds(), [QUILLFEATHER]);
  });

  it('prints the guild audit: cover, headings and headline figures as text, no blank page', async () => {
    const pdf = path.join(dir, 'quill.pdf');
    const html = path.join(dir, 'quill.html');
    const run = await runCli(['report', GUILD_AUDIT, '--param', `guild=${QUILLFEATHER}`, '--pdf', pdf, '--html', html, '--db', db.file]);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /^Quillfeather Makers: .*quill\.pdf/);

    const pages = pdfPageTexts(pdf);
    assert.equal(pages.length, pdfPageCount(pdf));
    assert.ok(pages.length >= 3, `${pages.length} pages`);
    const cover = pages[0].replace(/\s+/g, ' ');
    assert.match(cover, /Guild audit/);
    assert.match(cover, /Guild Quillfeather Makers/);
    // The fixtures' first and last messages: 2020-11-03 (old-version.json) and 2024-03-15 (pebble.owl's join).
    assert.match(cover, /Period 2020-11-03 to 2024-03-15/);
    assert.match(cover, /Data version import-6/);
    const text = pages.join('\n').replace(/\s+/g, ' ');
    for (const heading of ['Overview', 'Activity', 'Concentration', 'Growth and retention', 'Responsiveness', 'Contributors']) {
      assert.ok(text.includes(heading), heading);
    }
    // Hand-counted: tinkerwren, elodie_makes, hoshizora, Kasimir and driftwood.dan write; Quillbot is a bot.
    assert.ok(text.includes('5 communicators'), 'communicators as text');
    assert.ok(text.includes('absence factor 2'), 'absence factor as text');
    for (const [page, ink] of pdfInkPerPage(pdf).entries()) assert.ok(ink > 30, `page ${page + 1} is not blank (${ink})`);

    const document = fs.readFileSync(html, 'utf8');
    assert.ok(!document.includes(dir), 'no local path in the HTML');
    assert.ok(!/https?:\/\//.test(document.replace(/http:\/\/www\.w3\.org\/[^"]*/g, '')), 'nothing to fetch');
  });

  it('--pseudonymize: no member name or ID left in the PDF or the HTML; staff kept named on request', async () => {
    const people = ['tinkerwren', 'hoshizora', 'elodie_makes', 'Kasimir', 'driftwood.dan', '315824588614960365', '605598306933466543'];
    const pdf = path.join(dir, 'pseudo.pdf');
    const html = path.join(dir, 'pseudo.html');
    const run = await runCli(['report', GUILD_AUDIT, '--param', `guild=${QUILLFEATHER}`, '--pseudonymize', '--pdf', pdf, '--html', html, '--db', db.file]);
    assert.equal(run.code, 0, run.err);
    const text = pdfPageTexts(pdf).join(' ');
    const document = fs.readFileSync(html, 'utf8');
    for (const who of people) {
      assert.ok(!text.includes(who), `${who} in the PDF`);
      assert.ok(!document.includes(who), `${who} in the HTML`);
    }
    assert.match(text, /Member 00\d/);
    assert.ok(text.includes('Quillfeather Makers'), 'the guild keeps its name');

    // Only tinkerwren holds "Moderator" when last observed (full-newer.json): kept named as staff.
    const staff = path.join(dir, 'staff.pdf');
    const kept = await runCli(['report', GUILD_AUDIT, '--param', `guild=${QUILLFEATHER}`, '--pseudonymize', '--keep-staff-names',
      '--staff-role', 'Moderator', '--pdf', staff, '--db', db.file]);
    assert.equal(kept.code, 0, kept.err);
    const staffText = pdfPageTexts(staff).join(' ');
    assert.ok(staffText.includes('tinkerwren'));
    assert.ok(!staffText.includes('hoshizora') && !staffText.includes('elodie_makes'));
  });

  it('--each-guild: one report per guild, named by guild ID', async () => {
    const out = path.join(dir, 'each');
    fs.mkdirSync(out);
    const run = await runCli(['report', GUILD_AUDIT, '--each-guild', '--pdf', out, '--db', db.file]);
    assert.equal(run.code, 0, run.err);
    assert.deepEqual(fs.readdirSync(out).sort(), [`guild-audit-${SISTER_GUILD}.pdf`, `guild-audit-${QUILLFEATHER}.pdf`].sort());
    const sister = pdfPageTexts(path.join(out, `guild-audit-${SISTER_GUILD}.pdf`)).join(' ').replace(/\s+/g, ' ');
    // Sister Guild: hoshizora, sister-only and tinkerwren write one message each.
    assert.ok(sister.includes('3 messages by 3 communicators'), sister.slice(0, 400));
  });

  it('bad input: an unknown guild and a failing notebook are clear errors and leave no PDF', async () => {
    const pdf = path.join(dir, 'bad.pdf');
    const unknown = await runCli(['report', GUILD_AUDIT, '--param', 'guild=123456789012345678', '--pdf', pdf, '--db', db.file]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /unknown guild '123456789012345678'; the database holds .*Quillfeather Makers/);

    const failing = path.join(dir, 'failing.ipynb');
    fs.writeFileSync(failing, guildNotebook('Failing', "throw new Error('no data for ' + guild);"));
    const failed = await runCli(['report', failing, '--param', `guild=${QUILLFEATHER}`, '--pdf', pdf, '--db', db.file]);
    assert.equal(failed.code, 1);
    // Cell 4 of the executed notebook: the injected parameters are cell 3.
    assert.match(failed.err, /cell 4 \(throw new Error.*\) failed: Error: no data for 755126265953910784/);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.startsWith('bad') || f.endsWith('.tmp')), []);
  });
});
