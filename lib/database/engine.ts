import type { Kysely } from 'kysely';
import type { RecordBatch } from '../archives/records';
import type { EngineKind } from './engine-kind';
import type { Database, ImportStatus } from './schema';

/** What is known about an import when it starts. */
export interface ImportStart {
  path: string;
  sizeBytes: number;
  format: string;
  startedAt: number;
}

/** What is known about an import when it ends. */
export interface ImportEnd {
  sha256: string | null;
  toolVersion: string | null;
  guildId: string | null;
  channelId: string | null;
  exportedAt: number | null;
  messages: number;
  finishedAt: number;
  status: ImportStatus;
  error: string | null;
}

/**
 * Bulk writes of archive records inside one transaction. Each engine implements it with what is
 * fastest there (prepared statements on SQLite, array-parameter upserts on PostgreSQL); both give
 * the same rows.
 *
 * Rows are upserted: a row is only replaced by an observation at least as new as the one stored,
 * and a replaced message has its reactions, mentions, attachments and embeds replaced with it.
 */
export interface ImportWriter {
  /** Adds the `imports` row for this file and returns its id. */
  startImport(start: ImportStart): Promise<number>;
  /** Writes one batch of records seen at `observedAt` (epoch ms). */
  writeBatch(batch: RecordBatch, observedAt: number, importId: number): Promise<void>;
  /** Completes the `imports` row. */
  finishImport(importId: number, end: ImportEnd): Promise<void>;
}

/**
 * An open audit database on one engine: the typed Kysely handle every query uses, plus the bulk
 * import path. Open one with `openEngine`.
 */
export interface Engine {
  readonly kind: EngineKind;
  readonly db: Kysely<Database>;
  /** Where the database is, safe to print: a file path, or a URL without its password. */
  readonly location: string;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  importTransaction<T>(work: (writer: ImportWriter) => Promise<T>): Promise<T>;
  /**
   * Before the first file of an ingest: into a database without messages, drops the message
   * tables' secondary indexes and returns the step that builds them again after the last file
   * (see `deferIndexesOfFirstLoad`); null when there is nothing to build.
   */
  deferIndexesOfFirstLoad(): Promise<(() => Promise<void>) | null>;
  /**
   * After imports: leaves the tables ready for queries — what the query planner knows of their
   * contents up to date, and no maintenance the server would otherwise start on its own later.
   */
  settleAfterImport(): Promise<void>;
  /** Finishes the background writes (`writeInBackground`), then closes the connections. */
  close(): Promise<void>;
}
