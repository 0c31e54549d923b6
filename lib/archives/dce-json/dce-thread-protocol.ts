/**
 * Messages between the importing thread and the DCE reading thread (`dce-read-worker.ts`).
 *
 * Flow control is by credit: a read starts with a few credits, the reader spends one per batch
 * posted and gets one back each time the importer takes a batch, so at most that many batches
 * wait in memory however far reading gets ahead of writing.
 */
import { ArchiveError, type FilePosition } from '../archive-error';
import type { PackedBatch } from '../record-batch-codec';
import type { DceExportInfo, ReadOptions } from './read-dce-json';

/** From the importer: start reading a file, or take another batch. */
export type ToReader =
  | { type: 'read'; file: string; options: ReadOptions; credit: number }
  | { type: 'credit' };

/** From the reader: a batch (with the facts known so far), the end, or why it stopped. */
export type FromReader =
  | { type: 'batch'; batch: PackedBatch; info: DceExportInfo }
  | { type: 'done'; info: DceExportInfo }
  | { type: 'failed'; error: SentError };

/** An error as it crosses threads: an `ArchiveError` field by field, anything else by message. */
export type SentError =
  | { kind: 'archive'; file: string; reason: string; position?: FilePosition }
  | { kind: 'other'; name: string; message: string; code?: string; stack?: string };

/** Flattens an error for `postMessage`; `receiveError` rebuilds it, as the same class for an `ArchiveError`. */
export function sendError(error: unknown): SentError {
  if (error instanceof ArchiveError) return { kind: 'archive', file: error.file, reason: error.reason, position: error.position };
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as NodeJS.ErrnoException).code;
  return { kind: 'other', name: e.name, message: e.message, code: typeof code === 'string' ? code : undefined, stack: e.stack };
}

export function receiveError(sent: SentError): Error {
  if (sent.kind === 'archive') return new ArchiveError(sent.file, sent.reason, sent.position);
  const error = new Error(sent.message) as NodeJS.ErrnoException;
  error.name = sent.name;
  if (sent.code !== undefined) error.code = sent.code;
  if (sent.stack !== undefined) error.stack = sent.stack;
  return error;
}
