import fs from 'node:fs';
import type { Engine } from '../database/engine';
import { archiveReaders } from './archive-readers';
import { ingestFileWith, type FileOutcome } from './ingest-file';

/** Progress over a whole ingest: bytes and messages so far, and the file being read. */
export interface IngestProgress {
  bytesDone: number;
  bytesTotal: number;
  messages: number;
  file: string;
  /** True after the last file, while a first load builds the indexes it deferred. */
  indexing: boolean;
}

/** One outcome per file, in the order given, and the totals. */
export interface IngestResult {
  outcomes: FileOutcome[];
  imported: number;
  unchanged: number;
  failed: number;
  messages: number;
  bytes: number;
}

/**
 * Imports files one after another, each in its own transaction. A file that fails does not stop
 * the others; its outcome carries the error. A first load (into a database without messages)
 * builds the message tables' secondary indexes once after its last file (`deferIndexesOfFirstLoad`).
 * When anything was imported, the engine settles the tables once at the end (`settleAfterImport`:
 * planner statistics, and on PostgreSQL the vacuum autovacuum would otherwise start later).
 *
 * @example
 * const result = await ingest(engine, findArchives(['exports/']));
 * if (result.failed > 0) process.exitCode = 1;
 */
export async function ingest(
  engine: Engine,
  files: readonly string[],
  onProgress: (p: IngestProgress) => void = () => {},
): Promise<IngestResult> {
  const sizes = files.map((f) => fs.statSync(f, { throwIfNoEntry: false })?.size ?? 0);
  const bytesTotal = sizes.reduce((a, b) => a + b, 0);
  const result: IngestResult = { outcomes: [], imported: 0, unchanged: 0, failed: 0, messages: 0, bytes: 0 };
  let bytesBefore = 0;
  const buildIndexes = await engine.deferIndexesOfFirstLoad();
  const readers = archiveReaders(files);
  try {
    for (const [i, file] of files.entries()) {
      const outcome = await ingestFileWith(engine, file, readers, (bytesRead, messages) =>
        onProgress({ bytesDone: bytesBefore + bytesRead, bytesTotal, messages: result.messages + messages, file, indexing: false }),
      );
      result.outcomes.push(outcome);
      result[outcome.status === 'imported' ? 'imported' : outcome.status]++;
      if (outcome.status === 'imported') result.messages += outcome.messages;
      result.bytes += outcome.bytes;
      bytesBefore += sizes[i];
      onProgress({ bytesDone: bytesBefore, bytesTotal, messages: result.messages, file, indexing: false });
    }
  } finally {
    await readers.close();
    if (buildIndexes) {
      onProgress({ bytesDone: bytesBefore, bytesTotal, messages: result.messages, file: files.at(-1) ?? '', indexing: true });
      await buildIndexes();
    }
  }
  if (result.imported > 0) await engine.settleAfterImport();
  return result;
}
