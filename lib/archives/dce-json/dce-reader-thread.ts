import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { fileSha256 } from '../file-sha256';
import type { RecordBatch } from '../records';
import { BatchUnpacker } from '../record-batch-codec';
import { receiveError, type FromReader, type ToReader } from './dce-thread-protocol';
import type { DceBatchSource, DceExportInfo, ReadOptions } from './read-dce-json';

/** The compiled worker entry, beside this file. */
const WORKER_SCRIPT = path.join(__dirname, 'dce-read-worker.js');

/**
 * Batches of one read that may wait, posted but not yet taken: a few MB, enough to keep both
 * threads busy through the importer's commits and the reader's slower stretches.
 */
const BATCHES_IN_FLIGHT = 16;

/**
 * Reads DiscordChatExporter exports on a worker thread, one file at a time, so that splitting,
 * `JSON.parse`, validation and hashing run on one core while the importing thread writes to the
 * database on the other. Batches and errors (an `ArchiveError` with its file, line, column and byte) arrive exactly as
 * `DceJsonReader` gives them in-thread.
 *
 * The file's SHA-256 is taken on the importing thread instead, from a read of its own: the
 * reading thread is the busier one, and the importing thread has time to spare between batches.
 *
 * `prefetch` starts the next file while the current one is still being written, so the reader
 * does not sit idle through the importer's commit. The thread is started on the first read and
 * reused; `close` ends it. It only runs from compiled JavaScript: `available()` is false under a
 * TypeScript runner, and callers then read in-thread with `DceJsonReader`.
 *
 * @example
 * const thread = new DceReaderThread();
 * try {
 *   const source = thread.read('general [123].json');
 *   thread.prefetch('memes [456].json');
 *   for await (const batch of source.batches()) write(batch);
 * } finally {
 *   await thread.close();
 * }
 */
export class DceReaderThread {
  #worker: Worker | null = null;
  #nextId = 1;
  /** Reads posted to the thread and not yet taken to the end or dropped. */
  readonly #reads = new Map<number, Inbox>();
  #prefetched: { id: number; file: string; options: string } | null = null;
  #busy = false;

  /** True when the worker script exists (the code runs from `dist/`). */
  static available(): boolean {
    return fs.existsSync(WORKER_SCRIPT);
  }

  /** One file's batches, read on the thread (from the prefetched read, if it is this file). */
  read(file: string, options: ReadOptions = {}): DceBatchSource {
    const key = JSON.stringify(options);
    const ahead = this.#prefetched;
    this.#prefetched = null;
    let id: number;
    if (ahead && ahead.file === file && ahead.options === key && this.#reads.has(ahead.id)) {
      id = ahead.id;
    } else {
      if (ahead) this.#cancel(ahead.id);
      id = this.#start(file, options);
    }
    const info: DceExportInfo = {
      guildId: null, channelId: null, exportedAt: null, declaredCount: null, messages: 0, bytesRead: 0, sha256: null,
    };
    const thread = this;
    return {
      info,
      async *batches() {
        yield* thread.#batches(id, file, info);
      },
    };
  }

  /** Starts reading `file` now; its first batches wait for the `read` of the same file. */
  prefetch(file: string, options: ReadOptions = {}): void {
    if (this.#prefetched) this.#cancel(this.#prefetched.id);
    this.#prefetched = { id: this.#start(file, options), file, options: JSON.stringify(options) };
  }

  /** Ends the thread and drops any read in progress. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    this.#prefetched = null;
    this.#reads.clear();
    if (worker) await worker.terminate();
  }

  #start(file: string, options: ReadOptions): number {
    const worker = this.#thread();
    const id = this.#nextId++;
    this.#reads.set(id, new Inbox());
    worker.ref();
    worker.postMessage({ type: 'read', id, file, options: { ...options, hash: false }, credit: BATCHES_IN_FLIGHT } satisfies ToReader);
    return id;
  }

  #cancel(id: number): void {
    if (!this.#reads.delete(id)) return;
    this.#worker?.postMessage({ type: 'cancel', id } satisfies ToReader);
    this.#idle();
  }

  async *#batches(id: number, file: string, info: DceExportInfo): AsyncGenerator<RecordBatch> {
    if (this.#busy) throw new Error('DceReaderThread reads one file at a time');
    const inbox = this.#reads.get(id);
    if (!inbox) throw new Error(`the read of ${file} was dropped`);
    this.#busy = true;
    const unpacker = new BatchUnpacker();
    const stopHashing = new AbortController();
    const sha256 = fileSha256(file, stopHashing.signal);
    sha256.catch(() => undefined); // awaited at the end; a failed read has its own error
    let finished = false;
    try {
      for (;;) {
        const message = await inbox.next();
        if (message.type === 'failed') {
          finished = true;
          throw receiveError(message.error);
        }
        Object.assign(info, message.info);
        if (message.type === 'done') {
          finished = true;
          info.sha256 = await sha256;
          return;
        }
        this.#worker?.postMessage({ type: 'credit', id } satisfies ToReader);
        yield unpacker.unpack(message.batch);
        // Batches already waiting would be taken one after another in microtasks, starving I/O
        // (a database's replies) for as long as they last: let it in.
        await nextTurn();
      }
    } finally {
      stopHashing.abort();
      this.#busy = false;
      this.#reads.delete(id);
      // Abandoned mid-file (a write failed) or the thread died: start afresh next time.
      if (!finished) await this.close();
      else this.#idle();
    }
  }

  /** The thread, started if needed, with its messages routed to the read they belong to. */
  #thread(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(WORKER_SCRIPT);
    const failAll = (error: Error) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      for (const inbox of this.#reads.values()) inbox.fail(error);
    };
    worker.on('message', (message: FromReader) => this.#reads.get(message.id)?.put(message));
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`the DCE reading thread stopped (exit code ${code})`)));
    this.#worker = worker;
    return worker;
  }

  /** With no read left to wait for, the idle thread must not keep the process alive. */
  #idle(): void {
    if (this.#reads.size === 0) this.#worker?.unref();
  }
}

/** One read's messages as a queue to await. */
class Inbox {
  readonly #queue: FromReader[] = [];
  #waiting: { resolve: (m: FromReader) => void; reject: (e: Error) => void } | null = null;
  #error: Error | null = null;

  next(): Promise<FromReader> {
    if (this.#queue.length > 0) return Promise.resolve(this.#queue.shift()!);
    if (this.#error) return Promise.reject(this.#error);
    return new Promise((resolve, reject) => (this.#waiting = { resolve, reject }));
  }

  put(message: FromReader): void {
    const waiting = this.#waiting;
    this.#waiting = null;
    if (waiting) waiting.resolve(message);
    else this.#queue.push(message);
  }

  fail(error: Error): void {
    this.#error ??= error;
    const waiting = this.#waiting;
    this.#waiting = null;
    waiting?.reject(this.#error);
  }
}
