/**
 * `npm run demo`: the main job on the default embedded SQLite database — build the sample
 * export, import it, list the guilds and render the guild audit report of the sample to
 * `reports/`. Runs the real `guildaudit` commands, so what it shows is what a user gets.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writeSyntheticExport } from '../bench/synthetic-dce';

const ROOT = path.resolve(__dirname, '..', '..');
const SAMPLE_DIR = path.join('data', 'sample');
const SAMPLE_MESSAGES = 20_000;
const REPORT_PDF = path.join('reports', 'sample-dao-guild-audit.pdf');

function guildaudit(...args: string[]): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'dist/lib/cli/main.js'), ...args], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function demo(): Promise<void> {
  process.chdir(ROOT);
  // Same seed, same bytes: a second run re-imports nothing.
  fs.mkdirSync(SAMPLE_DIR, { recursive: true });
  const sample = await writeSyntheticExport({ dir: SAMPLE_DIR, messages: SAMPLE_MESSAGES, guildName: 'Sample DAO' });
  process.stdout.write(`sample export: ${sample.messages.toLocaleString('en-US')} messages in ${sample.files.length} files under ${SAMPLE_DIR}/\n`);
  guildaudit('ingest', SAMPLE_DIR);
  guildaudit('guilds');
  guildaudit('report', 'notebooks/guild-audit.ipynb', '--param', `guild=${sample.guildId}`,
    '--pdf', REPORT_PDF, '--html', REPORT_PDF.replace(/\.pdf$/, '.html'));
}

demo().catch((error) => {
  process.stderr.write(`demo: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
