/**
 * Entry point of the thread `SqliteCheckpointer` starts: its own connection to the database,
 * used for nothing but copying the write-ahead log into the database file on request.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

/** From the importing thread: checkpoint now, or close the connection and stop. */
export type ToCheckpointer = { type: 'checkpoint' } | { type: 'close' };
/**
 * To it: a checkpoint (or the close) is done; `error` when it failed. `logBytes`: how long the
 * log was when the checkpoint ran (its frames since the log last started again from the top).
 */
export type FromCheckpointer = { type: 'checkpointed' | 'closed'; error?: string; logBytes?: number };

function serve(port: MessagePort, file: string): void {
  const db = new BetterSqlite3(file);
  db.pragma('busy_timeout = 10000');
  const pageBytes = db.pragma('page_size', { simple: true }) as number;
  port.on('message', (message: ToCheckpointer) => {
    let error: string | undefined;
    let logBytes: number | undefined;
    try {
      // PASSIVE never blocks the writer: it copies what is committed and stops at readers.
      if (message.type === 'checkpoint') {
        const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>;
        logBytes = log * pageBytes;
      } else {
        db.close();
      }
    } catch (e) {
      error = (e as Error).message;
    }
    port.postMessage({ type: message.type === 'checkpoint' ? 'checkpointed' : 'closed', error, logBytes } satisfies FromCheckpointer);
    if (message.type === 'close') port.close();
  });
}

if (parentPort) serve(parentPort, (workerData as { file: string }).file);
