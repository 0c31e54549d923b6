import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEngine } from '../../lib/database/open-engine';
import { ingest } from '../../lib/ingest/ingest';
import { buildGuild } from './build-guild';
import { dceFixture } from './fixtures';

/** The DCE fixtures' guild, "Quillfeather Makers". */
export const QUILLFEATHER = '755126265953910784';
/** A second, hand-built guild that shares two accounts with Quillfeather, for cross-guild work. */
export const SISTER_GUILD = '8100';
/** `hoshizora`, an account in both guilds. */
export const SHARED_ACCOUNT = '605598306933466543';

/**
 * The database every notebook is run against in CI: the good DCE fixtures imported for real,
 * plus a small second guild sharing two accounts. Returns the SQLite file and a cleanup.
 */
export async function createNotebookFixtureDatabase(): Promise<{ file: string; dispose(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guildaudit-notebooks-'));
  const file = path.join(dir, 'fixture.sqlite');
  const engine = await openEngine(file);
  try {
    const files = ['full.json', 'full-newer.json', 'old-version.json', 'thread.json', 'forum-post.json'].map(dceFixture);
    const result = await ingest(engine, files);
    if (result.failed > 0) throw new Error(`fixture import failed: ${JSON.stringify(result.outcomes)}`);
    await buildGuild(engine, {
      id: SISTER_GUILD,
      name: 'Sister Guild',
      channels: [{ id: '8201', name: 'general' }],
      users: [
        { id: SHARED_ACCOUNT, name: 'hoshizora' },
        { id: '315824588614960365', name: 'tinkerwren' },
        { id: '8401', name: 'sister-only' },
      ],
      messages: [
        { id: '8501', channel: '8201', author: SHARED_ACCOUNT, at: '2024-02-01T10:00:00Z', content: 'hello from the sister guild' },
        { id: '8502', channel: '8201', author: '8401', at: '2024-02-01T10:05:00Z', replyTo: '8501' },
        { id: '8503', channel: '8201', author: '315824588614960365', at: '2024-02-02T09:00:00Z' },
      ],
    });
  } finally {
    await engine.close();
  }
  return { file, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
