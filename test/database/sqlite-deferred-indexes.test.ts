import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import type { Engine } from '../../lib/database/engine';
import { openEngine } from '../../lib/database/open-engine';
import { deferIndexesOfEmptyImport } from '../../lib/database/sqlite/deferred-indexes';
import { ingest } from '../../lib/ingest/ingest';
import { tempDir } from '../support/engines';
import { dceFixture, readFixture } from '../support/fixtures';

/** The indexes made by plain CREATE INDEX on the message tables, as the migrations declare them. */
const SECONDARY_MESSAGE_INDEXES = [
  'mentions_user', 'messages_author', 'messages_channel_time', 'messages_guild_time', 'reaction_users_user',
];

describe('SQLite imports into an empty database build the secondary indexes at the end', () => {
  const dir = tempDir('guildaudit-deferred-');
  const opened: Array<{ engine: Engine; raw: BetterSqlite3.Database }> = [];
  let count = 0;
  after(async () => {
    for (const { engine, raw } of opened) {
      raw.close();
      await engine.close();
    }
  });

  /** A new database, and a second connection to it for looking at its schema. */
  async function fresh(): Promise<{ engine: Engine; raw: BetterSqlite3.Database }> {
    const engine = await openEngine(path.join(dir, `audit-${++count}.sqlite`));
    const raw = new BetterSqlite3(engine.location);
    opened.push({ engine, raw });
    return { engine, raw };
  }

  const indexes = (raw: BetterSqlite3.Database) =>
    raw.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name`).all();

  test('the indexes end as the migrations made them, and hold every row', async () => {
    const { engine, raw } = await fresh();
    const before = indexes(raw);
    const result = await ingest(engine, [dceFixture('full.json'), dceFixture('thread.json')]);
    assert.equal(result.failed, 0, JSON.stringify(result.outcomes));
    assert.deepEqual(indexes(raw), before);
    assert.deepEqual(raw.pragma('integrity_check'), [{ integrity_check: 'ok' }]);

    // Each author's messages found through the author index, against counts from the files.
    const byAuthor = new Map<string, number>();
    for (const file of ['full.json', 'thread.json']) {
      for (const m of readFixture(file).messages) byAuthor.set(m.author.id, (byAuthor.get(m.author.id) ?? 0) + 1);
    }
    const throughIndex = raw.prepare('SELECT count(*) FROM messages INDEXED BY messages_author WHERE author_id = ?').pluck();
    for (const [author, n] of byAuthor) assert.equal(throughIndex.get(author), n, `messages of ${author}`);
  });

  test('a file that fails leaves no rows and every index in place', async () => {
    const { engine, raw } = await fresh();
    const before = indexes(raw);
    const result = await ingest(engine, [dceFixture('truncated.json')]);
    assert.equal(result.failed, 1);
    assert.deepEqual(indexes(raw), before);
    assert.equal(raw.prepare('SELECT count(*) FROM messages').pluck().get(), 0);
  });

  test('only the secondary indexes go, and only while no message is stored', async () => {
    const { engine, raw } = await fresh();
    const before = indexes(raw) as Array<{ name: string }>;
    raw.exec('BEGIN IMMEDIATE');
    const buildIndexes = deferIndexesOfEmptyImport(raw);
    assert.ok(buildIndexes);
    const kept = before.filter((i) => !SECONDARY_MESSAGE_INDEXES.includes(i.name));
    assert.deepEqual(indexes(raw), kept);
    buildIndexes();
    assert.deepEqual(indexes(raw), before);
    raw.exec('ROLLBACK');

    await ingest(engine, [dceFixture('full.json')]);
    raw.exec('BEGIN IMMEDIATE');
    assert.equal(deferIndexesOfEmptyImport(raw), null);
    assert.deepEqual(indexes(raw), before);
    raw.exec('ROLLBACK');
  });
});
