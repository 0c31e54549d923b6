import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteCheckpointer } from '../../lib/database/sqlite/sqlite-checkpointer';

const KIB = 1024;

test('once the log is past the limit, the next transaction waits for the checkpoint and writes the log from the top', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guildaudit-checkpointer-'));
  const file = path.join(dir, 'log.sqlite');
  const handle = new BetterSqlite3(file);
  const checkpointer = new SqliteCheckpointer(file, 512 * KIB);
  try {
    handle.pragma('journal_mode = WAL');
    handle.pragma('wal_autocheckpoint = 0'); // as during an import: only the checkpointer copies
    handle.exec('CREATE TABLE t (b BLOB)');
    const insert = handle.prepare('INSERT INTO t VALUES (randomblob(?))');
    /** One transaction of new pages (at least `bytes` of log), its checkpoint requested, as the import does. */
    const transaction = async (bytes: number) => {
      await checkpointer.beforeTransaction();
      handle.exec('BEGIN IMMEDIATE');
      for (let done = 0; done < bytes; done += 16 * KIB) insert.run(16 * KIB);
      handle.exec('COMMIT');
      checkpointer.request();
    };

    await transaction(1024 * KIB);
    await checkpointer.idle(); // its checkpoint saw a log past the limit
    await transaction(128 * KIB); // its checkpoint is now running...
    await transaction(128 * KIB); // ...and this one waits for it before it starts

    // Frames in the log since it last started from the top: the last transaction's alone, not
    // the two last ones' (it would have been appended had it started during the checkpoint).
    await checkpointer.idle(); // a checkpoint here while the thread's runs would report -1
    const [{ log }] = handle.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>;
    const logBytes = log * (handle.pragma('page_size', { simple: true }) as number);
    assert.ok(logBytes >= 128 * KIB && logBytes < 256 * KIB, `the log holds ${logBytes} bytes`);
  } finally {
    await checkpointer.close();
    handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
