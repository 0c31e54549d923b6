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
 * Given the files in the order they will be opened, opening one starts reading the next, so the
 * reading thread works on through the importer's commit and the next file's first checks.
 *
 * @example
 * const readers = archiveReaders(files);
 * try { for (const f of files) await importOne(readers.open(f)); } finally { await readers.close(); }
 */
export function archiveReaders(upcoming: readonly string[] = []): ArchiveReaders {
  if (!DceReaderThread.available()) {
    return { open: (file) => new DceJsonReader(file), close: async () => {} };
  }
  const thread = new DceReaderThread();
  let position = 0;
  return {
    open(file) {
      const source = thread.read(file, THREAD_READ);
      const at = upcoming.indexOf(file, position);
      if (at >= 0) {
        position = at + 1;
        if (position < upcoming.length) thread.prefetch(upcoming[position], THREAD_READ);
      }
      return source;
    },
    close: () => thread.close(),
  };
}
