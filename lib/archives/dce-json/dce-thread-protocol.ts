/**
 * Messages between the importing thread and the DCE reading thread (`dce-read-worker.ts`).
 *
 * Reads are numbered and run one after another on the reading thread, so the next file can be
 * asked for before the current one is done and its first batches are ready when the importer
 * gets to it. Flow control is by credit, per read: a read starts with a few credits, the
 * reader spends one per batch posted and gets one back each time the importer takes a batch,
 * so at most that many batches of each read wait in memory.
 */
import { ArchiveError, type FilePosition } from '../archive-error';
import type { PackedBatch } from '../record-batch-codec';
import type { DceExportInfo, ReadOptions } from './read-dce-json';

/** From the importer: queue a read, let a read post another batch, or drop a read. */
export type ToReader =
  | { type: 'read'; id: number; file: string; options: ReadOptions; credit: number }
  | { type: 'credit'; id: number }
  | { type: 'cancel'; id: number };

/** From the reader, about read `id`: a batch (with the facts known so far), the end, or why it stopped. */
export type FromReader =
  | { type: 'batch'; id: number; batch: PackedBatch; info: DceExportInfo }
  | { type: 'done'; id: number; info: DceExportInfo }
  | { type: 'failed'; id: number; error: SentError };

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
