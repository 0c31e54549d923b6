import { DceReaderThread } from '../archives/dce-json/dce-reader-thread';
import { DceJsonReader, type DceBatchSource, type ReadOptions } from '../archives/dce-json/read-dce-json';

/**
 * Small batches for the threaded reader: the records of a batch stay alive until it is posted,
 * and with a few hundred messages they die young instead of being copied into V8's old space
 * (a quarter less reading time than 2000 per batch on the benchmark export).
 */
const THREAD_READ: ReadOptions = { batchSize: 256 };

/** Opens archive files for reading, one at a time; `close` releases what it holds. */
export interface ArchiveReaders {
  open(file: string): DceBatchSource;
  close(): Promise<void>;
}

/**
 * Readers on a worker thread, so an import parses on one core and writes on the other; in-thread
 * readers where no worker can start (code run from TypeScript sources rather than `dist/`).
 * One thread serves every file of an ingest: starting a thread costs more than a small file.
 *
 * @example
 * const readers = archiveReaders();
 * try { for (const f of files) await importOne(readers.open(f)); } finally { await readers.close(); }
 */
export function archiveReaders(): ArchiveReaders {
  if (!DceReaderThread.available()) {
    return { open: (file) => new DceJsonReader(file), close: async () => {} };
  }
  const thread = new DceReaderThread();
  return { open: (file) => thread.read(file, THREAD_READ), close: () => thread.close() };
}
