import fs from 'node:fs';
import { ArchiveError } from '../archives/archive-error';
import { lastMessageTime } from '../archives/dce-json/last-message-time';
import { fileSha256 } from '../archives/file-sha256';
import type { Engine } from '../database/engine';
import { archiveReaders, type ArchiveReaders } from './archive-readers';

/** What happened to one file. */
export type FileOutcome =
  | { file: string; status: 'imported'; importId: number; messages: number; bytes: number; guildId: string; channelId: string }
  | { file: string; status: 'unchanged'; sameAsImport: number; bytes: number }
  | { file: string; status: 'failed'; error: string; bytes: number };

/** Called as a file is read, with the bytes of it read so far. */
export type FileProgress = (bytesRead: number, messages: number) => void;

const DCE_JSON = 'dce-json';

/**
 * Imports one archive file in one transaction. A file with the same content as an earlier
 * successful import is skipped; a file that fails leaves no data behind and is recorded in
 * `imports` as failed, with the error.
 */
export async function ingestFile(engine: Engine, file: string, onProgress: FileProgress = () => {}): Promise<FileOutcome> {
  const readers = archiveReaders();
  try {
    return await ingestFileWith(engine, file, readers, onProgress);
  } finally {
    await readers.close();
  }
}

/** `ingestFile` reading through `readers`, which the caller keeps open across files. */
export async function ingestFileWith(
  engine: Engine,
  file: string,
  readers: ArchiveReaders,
  onProgress: FileProgress = () => {},
): Promise<FileOutcome> {
  const startedAt = Date.now();
  let size = 0;
  try {
    const stat = await fs.promises.stat(file);
    size = stat.size;
    const earlier = await findSameContent(engine, file, size);
    if (earlier !== null) return { file, status: 'unchanged', sameAsImport: earlier, bytes: size };

    const reader = readers.open(file);
    const info = reader.info;
    return await engine.importTransaction(async (writer) => {
      const importId = await writer.startImport({ path: file, sizeBytes: size, format: DCE_JSON, startedAt });
      let pending: Promise<void> = Promise.resolve();
      let observedAt: number | null = null;
      try {
        for await (const batch of reader.batches()) {
          await pending;
          // Old DCE versions write no `exportedAt`: the export came after its last message, a
          // lower bound that (unlike the file's time, which a copy resets) never lets an old
          // export pass for a newer one.
          observedAt ??= info.exportedAt ?? (await lastMessageTime(file)) ?? Math.floor(stat.mtimeMs);
          pending = writer.writeBatch(batch, observedAt, importId);
          pending.catch(() => undefined); // awaited below; this only stops an "unhandled" warning meanwhile
          onProgress(info.bytesRead, info.messages);
        }
        await pending;
      } catch (error) {
        await pending.catch(() => undefined);
        throw error;
      }
      await writer.finishImport(importId, {
        sha256: info.sha256, toolVersion: null, guildId: info.guildId, channelId: info.channelId,
        exportedAt: info.exportedAt, messages: info.messages, finishedAt: Date.now(), status: 'ok', error: null,
      });
      return {
        file, status: 'imported', importId, messages: info.messages, bytes: size,
        guildId: info.guildId!, channelId: info.channelId!,
      } as const;
    });
  } catch (error) {
    const message = error instanceof ArchiveError ? error.message : `${file}: ${(error as Error).message}`;
    await recordFailure(engine, file, size, startedAt, message);
    return { file, status: 'failed', error: message, bytes: size };
  }
}

/**
 * The id of an earlier successful import with this file's exact content, or null. Hashes the file
 * first only when an import of the same size exists, so new files are read once.
 */
async function findSameContent(engine: Engine, file: string, size: number): Promise<number | null> {
  const candidates = await engine.db
    .selectFrom('imports')
    .select(['id', 'sha256'])
    .where('status', '=', 'ok')
    .where('size_bytes', '=', size)
    .execute();
  if (candidates.length === 0) return null;
  const sha256 = await fileSha256(file);
  return candidates.find((c) => c.sha256 === sha256)?.id ?? null;
}

async function recordFailure(engine: Engine, file: string, size: number, startedAt: number, error: string): Promise<void> {
  await engine.db
    .insertInto('imports')
    .values({
      path: file, sha256: null, size_bytes: size, format: DCE_JSON, tool_version: null, guild_id: null,
      channel_id: null, exported_at: null, messages: 0, started_at: startedAt, finished_at: Date.now(),
      status: 'failed', error,
    })
    .execute();
}
