import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromCheckpointer, ToCheckpointer } from './sqlite-checkpoint-worker';

const WORKER_SCRIPT = path.join(__dirname, 'sqlite-checkpoint-worker.js');

/**
 * A log longer than this makes the next transaction wait for the checkpoint in progress. At
 * 64 MiB the 300,000-message benchmark ingest kept its speed (5.2-5.3 s either way, two
 * alternating runs each) and its log peaked at 106 MB instead of 318 MB; at 16 MiB the waits
 * began to cost (5.4-5.5 s).
 */
const LOG_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Copies the write-ahead log into the database file on a thread of its own, so an import's
 * commit only appends to the log. SQLite would otherwise checkpoint inside the COMMIT that
 * crosses `wal_autocheckpoint`, and make the importing thread wait for the copy and its two
 * fsyncs — a fifth of all commit time on the benchmark export. A PASSIVE checkpoint never
 * blocks the writer; the last connection to close checkpoints whatever is left.
 *
 * SQLite writes the log from the top again only when a transaction starts on a log copied in
 * full. The next file's transaction starts right after a commit, while its checkpoint is still
 * copying, so over a long ingest the log would grow by every commit: to about twice the
 * database's size for a first load (318 MB of log for 170 MB of database at 300,000 messages),
 * all of it on disk until the ingest ends. `beforeTransaction` waits for the checkpoint in
 * progress once the log is longer than a limit (`LOG_LIMIT_BYTES` by default), which bounds it.
 *
 * Only from compiled JavaScript (`available()`); otherwise SQLite's automatic checkpoints stay.
 *
 * @example
 * const checkpointer = new SqliteCheckpointer('audit.sqlite');
 * await checkpointer.beforeTransaction();
 * begin(); write(); commit(); checkpointer.request();   // returns at once
 * await checkpointer.close();         // before closing the database
 */
export class SqliteCheckpointer {
  #worker: Worker | null = null;
  /** Settles when the checkpoint in progress is done; null when idle. */
  #running: Promise<void> | null = null;
  #again = false;
  /** How long the log was at the last checkpoint. */
  #logBytes = 0;

  constructor(
    private readonly file: string,
    private readonly logLimitBytes = LOG_LIMIT_BYTES,
  ) {}

  static available(): boolean {
    return fs.existsSync(WORKER_SCRIPT);
  }

  /** Starts a checkpoint, or queues one if a checkpoint is running. */
  request(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#checkpoint().finally(() => {
      this.#running = null;
      if (this.#again) {
        this.#again = false;
        this.request();
      }
    });
  }

  /**
   * Call before starting a write transaction: when the log has grown past the limit, waits for
   * the checkpoint in progress, so the transaction starts on a fully copied log and its commit
   * writes the log from the top.
   */
  async beforeTransaction(): Promise<void> {
    if (this.#logBytes > this.logLimitBytes) await this.idle();
  }

  /** Settles once no checkpoint is running or queued. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Waits for a running checkpoint, then closes the thread's connection and the thread. */
  async close(): Promise<void> {
    this.#again = false;
    await this.idle();
    const worker = this.#worker;
    this.#worker = null;
    if (!worker) return;
    await this.#ask(worker, { type: 'close' }).catch(() => undefined);
    await worker.terminate();
  }

  async #checkpoint(): Promise<void> {
    this.#worker ??= new Worker(WORKER_SCRIPT, { workerData: { file: this.file } });
    // A failed checkpoint only leaves the log longer: the next one, or the close, copies it.
    const reply = await this.#ask(this.#worker, { type: 'checkpoint' }).catch(() => null);
    if (reply?.logBytes !== undefined) this.#logBytes = reply.logBytes;
  }

  /** Posts a request and waits for its reply, keeping the process alive meanwhile. */
  #ask(worker: Worker, message: ToCheckpointer): Promise<FromCheckpointer> {
    return new Promise((resolve, reject) => {
      worker.ref();
      const onMessage = (reply: FromCheckpointer) => {
        done();
        if (reply.error) reject(new Error(reply.error));
        else resolve(reply);
      };
      const onFailure = (error: unknown) => {
        done();
        if (this.#worker === worker) this.#worker = null;
        reject(error instanceof Error ? error : new Error(`checkpoint thread exited (${String(error)})`));
      };
      const done = () => {
        worker.unref(); // idle: must not keep the process alive
        worker.off('message', onMessage);
        worker.off('error', onFailure);
        worker.off('exit', onFailure);
      };
      worker.on('message', onMessage);
      worker.on('error', onFailure);
      worker.on('exit', onFailure);
      worker.postMessage(message);
    });
  }
}
