import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromCheckpointer, ToCheckpointer } from './sqlite-checkpoint-worker';

const WORKER_SCRIPT = path.join(__dirname, 'sqlite-checkpoint-worker.js');

/**
 * Copies the write-ahead log into the database file on a thread of its own, so an import's
 * commit only appends to the log. SQLite would otherwise checkpoint inside the COMMIT that
 * crosses `wal_autocheckpoint`, and make the importing thread wait for the copy and its two
 * fsyncs — a fifth of all commit time on the benchmark export. A PASSIVE checkpoint never
 * blocks the writer; the last connection to close checkpoints whatever is left.
 *
 * Only from compiled JavaScript (`available()`); otherwise SQLite's automatic checkpoints stay.
 *
 * @example
 * const checkpointer = new SqliteCheckpointer('audit.sqlite');
 * commit(); checkpointer.request();   // returns at once
 * await checkpointer.close();         // before closing the database
 */
export class SqliteCheckpointer {
  #worker: Worker | null = null;
  /** Settles when the checkpoint in progress is done; null when idle. */
  #running: Promise<void> | null = null;
  #again = false;

  constructor(private readonly file: string) {}

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

  /** Waits for a running checkpoint, then closes the thread's connection and the thread. */
  async close(): Promise<void> {
    this.#again = false;
    while (this.#running) await this.#running;
    const worker = this.#worker;
    this.#worker = null;
    if (!worker) return;
    await this.#ask(worker, { type: 'close' }).catch(() => undefined);
    await worker.terminate();
  }

  async #checkpoint(): Promise<void> {
    this.#worker ??= new Worker(WORKER_SCRIPT, { workerData: { file: this.file } });
    // A failed checkpoint only leaves the log longer: the next one, or the close, copies it.
    await this.#ask(this.#worker, { type: 'checkpoint' }).catch(() => undefined);
  }

  /** Posts a request and waits for its reply, keeping the process alive meanwhile. */
  #ask(worker: Worker, message: ToCheckpointer): Promise<void> {
    return new Promise((resolve, reject) => {
      worker.ref();
      const onMessage = (reply: FromCheckpointer) => {
        done();
        if (reply.error) reject(new Error(reply.error));
        else resolve();
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
