import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileSha256 } from '../file-sha256';
import type { RecordBatch } from '../records';
import { BatchUnpacker } from '../record-batch-codec';
import { receiveError, type FromReader, type ToReader } from './dce-thread-protocol';
import type { DceBatchSource, DceExportInfo, ReadOptions } from './read-dce-json';

/** The compiled worker entry, beside this file. */
const WORKER_SCRIPT = path.join(__dirname, 'dce-read-worker.js');

/** Batches a read may have waiting, posted but not yet taken: enough to keep both threads busy. */
const BATCHES_IN_FLIGHT = 16;

/**
 * Reads DiscordChatExporter exports on a worker thread, one file at a time, so that splitting,
 * `JSON.parse` and validation run on one core while the importing thread writes to the database
 * on the other. The SHA-256 is computed here, on the importing thread, from its own reads of the
 * file: that thread waits for batches now and then, the reading one never does. Batches and errors (an `ArchiveError` with its file, line, column
 * and byte) arrive exactly as `DceJsonReader` gives them in-thread.
 *
 * The thread is started on the first read and reused for the next files; `close` ends it.
 * It only runs from compiled JavaScript: `available()` is false under a TypeScript runner, and
 * callers then read in-thread with `DceJsonReader`.
 *
 * @example
 * const thread = new DceReaderThread();
 * try {
 *   const source = thread.read('general [123].json');
 *   for await (const batch of source.batches()) write(batch);
 * } finally {
 *   await thread.close();
 * }
 */
export class DceReaderThread {
  #worker: Worker | null = null;
  #busy = false;

  /** True when the worker script exists (the code runs from `dist/`). */
  static available(): boolean {
    return fs.existsSync(WORKER_SCRIPT);
  }

  /** One file's batches, read on the thread. Only one read at a time. */
  read(file: string, options: ReadOptions = {}): DceBatchSource {
    const info: DceExportInfo = {
      guildId: null, channelId: null, exportedAt: null, declaredCount: null, messages: 0, bytesRead: 0, sha256: null,
    };
    const thread = this;
    return {
      info,
      async *batches() {
        yield* thread.#batches(file, options, info);
      },
    };
  }

  /** Ends the thread. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }

  async *#batches(file: string, options: ReadOptions, info: DceExportInfo): AsyncGenerator<RecordBatch> {
    if (this.#busy) throw new Error('DceReaderThread reads one file at a time');
    this.#busy = true;
    const worker = (this.#worker ??= new Worker(WORKER_SCRIPT));
    worker.ref();
    const inbox = new Inbox(worker);
    const unpacker = new BatchUnpacker();
    const stopHashing = new AbortController();
    const hashing = fileSha256(file, stopHashing.signal);
    hashing.catch(() => undefined); // awaited on success; a failed read reports its own error
    let finished = false;
    try {
      worker.postMessage({ type: 'read', file, options: { ...options, hash: false }, credit: BATCHES_IN_FLIGHT } satisfies ToReader);
      for (;;) {
        const message = await inbox.next();
        if (message.type === 'failed') {
          finished = true;
          throw receiveError(message.error);
        }
        Object.assign(info, message.info);
        if (message.type === 'done') {
          finished = true;
          info.sha256 = await hashing;
          return;
        }
        worker.postMessage({ type: 'credit' } satisfies ToReader);
        yield unpacker.unpack(message.batch);
      }
    } finally {
      stopHashing.abort();
      inbox.close();
      this.#busy = false;
      if (finished) {
        worker.unref(); // idle between files: must not keep the process alive
      } else {
        // Abandoned mid-file (a write failed) or the thread died: start afresh next time.
        if (this.#worker === worker) this.#worker = null;
        await worker.terminate();
      }
    }
  }
}

/** The worker's messages as a queue to await, failing if the thread dies. */
class Inbox {
  readonly #queue: FromReader[] = [];
  #waiting: { resolve: (m: FromReader) => void; reject: (e: Error) => void } | null = null;
  #error: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.on('message', this.#onMessage);
    worker.on('error', this.#onError);
    worker.on('exit', this.#onExit);
  }

  next(): Promise<FromReader> {
    if (this.#queue.length > 0) return Promise.resolve(this.#queue.shift()!);
    if (this.#error) return Promise.reject(this.#error);
    return new Promise((resolve, reject) => (this.#waiting = { resolve, reject }));
  }

  close(): void {
    this.worker.off('message', this.#onMessage);
    this.worker.off('error', this.#onError);
    this.worker.off('exit', this.#onExit);
  }

  #onMessage = (message: FromReader) => {
    const waiting = this.#waiting;
    this.#waiting = null;
    if (waiting) waiting.resolve(message);
    else this.#queue.push(message);
  };

  #onError = (error: Error) => this.#fail(error);

  #onExit = (code: number) => this.#fail(new Error(`the DCE reading thread stopped (exit code ${code})`));

  #fail(error: Error): void {
    this.#error ??= error;
    const waiting = this.#waiting;
    this.#waiting = null;
    waiting?.reject(this.#error);
  }
}
