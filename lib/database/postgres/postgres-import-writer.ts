import type pg from 'pg';
import type { RecordBatch } from '../../archives/records';
import type { ImportEnd, ImportStart, ImportWriter } from '../engine';
import { MemberActivityTally } from '../member-activity';
import { copyFrom } from './pg-copy';
import { PostgresReferenceCheck } from './postgres-reference-check';
import { COPY_NEW_MESSAGES, COPY_STAGED, CREATE_STAGING, MOVE_STAGED, MOVE_STAGED_NEW } from './postgres-staging';
import { StagedRows } from './staged-rows';

/** Messages gathered before they go to the server: a few MB of COPY text, a few round trips. */
const FLUSH_MESSAGES = 5000;

export interface PostgresWriterOptions {
  /** The server's per-row foreign key checks are off: check references here (see `PostgresReferenceCheck`). */
  checkReferences: boolean;
}

/**
 * PostgreSQL's bulk writer. Batches are gathered and sent a few thousand messages at a time:
 * each table's rows by COPY into a staging table, then one script upserts them set-wise with the
 * same newer-observation-wins rules as the SQLite writer (see `postgres-staging.ts`); messages
 * none of which is stored yet are copied straight into `messages` (see `#allNew`). While the
 * server works through one group, the next is gathered and formatted, so both sides stay busy;
 * at most one group is in flight.
 */
export class PostgresImportWriter implements ImportWriter {
  readonly #activity = new MemberActivityTally();
  readonly #refs: PostgresReferenceCheck | null;
  #gathered: StagedRows | null = null;
  /** The group the server is working on; rejects if it failed. */
  #inFlight: Promise<void> = Promise.resolve();
  #staged = false;

  constructor(
    private readonly client: pg.PoolClient,
    options: PostgresWriterOptions,
  ) {
    this.#refs = options.checkReferences ? new PostgresReferenceCheck() : null;
  }

  async startImport(start: ImportStart): Promise<number> {
    const result = await this.client.query(
      `INSERT INTO imports (path, size_bytes, format, messages, started_at, status)
       VALUES ($1, $2, $3, 0, $4, 'ok') RETURNING id`,
      [start.path, start.sizeBytes, start.format, start.startedAt],
    );
    return result.rows[0].id;
  }

  async writeBatch(batch: RecordBatch, observedAt: number, importId: number): Promise<void> {
    const gathered = this.#gathered;
    if (gathered && (gathered.observedAt !== observedAt || gathered.importId !== importId)) await this.#flush();
    for (let done = 0; ; await this.#flush()) {
      this.#gathered ??= new StagedRows(observedAt, importId, this.#refs);
      done = this.#gathered.add(batch, done);
      if (done === batch.messages.length) break;
      // A message gathered already: send what came before it, then go on from it.
    }
    this.#activity.add(batch.messages);
    if (this.#gathered.messages >= FLUSH_MESSAGES) await this.#flush();
  }

  async finishImport(importId: number, end: ImportEnd): Promise<void> {
    await this.#flush();
    await this.#inFlight;
    await this.#mergeMemberActivity();
    await this.client.query(
      `UPDATE imports SET sha256 = $1, tool_version = $2, guild_id = $3, channel_id = $4, exported_at = $5,
       messages = $6, finished_at = $7, status = $8, error = $9 WHERE id = $10`,
      [end.sha256, end.toolVersion, end.guildId, end.channelId, end.exportedAt, end.messages,
        end.finishedAt, end.status, end.error, importId],
    );
  }

  /** Waits for the group in flight (throwing its error, if any), then sends the gathered one without waiting. */
  async #flush(): Promise<void> {
    const group = this.#gathered;
    this.#gathered = null;
    if (!group || group.empty) return;
    const staged = group.take();
    await this.#inFlight;
    if (this.#refs) await this.#refs.resolve(this.client);
    const sending = this.#send(staged);
    sending.catch(() => undefined); // surfaces at the next flush or at finishImport
    this.#inFlight = sending;
  }

  async #send({ copies, messageIds }: ReturnType<StagedRows['take']>): Promise<void> {
    // One query at a time on the connection: pg does not pipeline, and queueing is deprecated.
    if (!this.#staged) {
      await this.client.query(CREATE_STAGING);
      this.#staged = true;
    }
    const allNew = messageIds.length > 0 && (await this.#allNew(messageIds));
    const copyStatements = allNew ? [COPY_NEW_MESSAGES, COPY_STAGED[1]] : COPY_STAGED;
    for (let i = 0; i < copies.length; i++) {
      if (copies[i].length > 0) await copyFrom(this.client, copyStatements[i], copies[i]);
    }
    await this.client.query(allNew ? MOVE_STAGED_NEW : MOVE_STAGED);
  }

  /**
   * True when none of the messages is stored, so they can be copied straight into `messages`
   * (the common case: a first import, or a newer export's new messages). Only while the writer
   * checks references itself: the messages' parents are upserted after that COPY, which the
   * server's own per-row checks would reject. Another import writing the same messages at the
   * same time would make that COPY fail on the primary key (the import then fails and can be
   * run again) instead of waiting to upsert them.
   */
  async #allNew(ids: string[]): Promise<boolean> {
    if (!this.#refs) return false;
    const found = await this.client.query('SELECT 1 FROM messages WHERE id = ANY($1::text[]) LIMIT 1', [ids]);
    return found.rowCount === 0;
  }

  /** Settles once nothing is in flight (whatever the outcome), so the transaction can end. */
  async settled(): Promise<void> {
    await this.#inFlight.catch(() => undefined);
  }

  async #mergeMemberActivity(): Promise<void> {
    const activity = this.#activity.rows();
    if (activity.length === 0) return;
    // LEAST/GREATEST skip NULLs in PostgreSQL, which is the merge we want.
    await this.client.query(
      `UPDATE members SET first_message_at = LEAST(members.first_message_at, input.first_at),
         last_message_at = GREATEST(members.last_message_at, input.last_at),
         joined_at = LEAST(members.joined_at, input.joined)
       FROM unnest($1::text[], $2::text[], $3::int8[], $4::int8[], $5::int8[]) AS input(guild_id, user_id, first_at, last_at, joined)
       WHERE members.guild_id = input.guild_id AND members.user_id = input.user_id`,
      [activity.map((a) => a.guildId), activity.map((a) => a.userId), activity.map((a) => a.firstMessageAt),
        activity.map((a) => a.lastMessageAt), activity.map((a) => a.joinedAt)],
    );
  }
}
