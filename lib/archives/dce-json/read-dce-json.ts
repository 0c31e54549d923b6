import crypto from 'node:crypto';
import fs from 'node:fs';
import { ArchiveError } from '../archive-error';
import { positionInFile } from '../file-position';
import { jsonErrorOffset } from '../json-error-offset';
import { emptyBatch, type RecordBatch } from '../records';
import { parseIsoTimestamp } from '../timestamp';
import { DceRecordBuilder, DceShapeError, headerRecords } from './dce-records';
import type { DceChannel, DceGuild, DceMessage } from './dce-types';
import { JsonObjectSplitter, SplitError } from './json-object-splitter';

/** Facts about an export, complete once its batches have all been read. */
export interface DceExportInfo {
  guildId: string | null;
  channelId: string | null;
  /** `exportedAt`, when the export says (newer DCE versions). */
  exportedAt: number | null;
  /** The `messageCount` the file ends with (absent in an interrupted export). */
  declaredCount: number | null;
  messages: number;
  bytesRead: number;
  sha256: string | null;
}

/** Record batches of one export, and what it says about itself (filled in as it is read). */
export interface DceBatchSource {
  readonly info: DceExportInfo;
  batches(): AsyncGenerator<RecordBatch>;
}

export interface ReadOptions {
  /** Messages per batch (default 2000). */
  batchSize?: number;
  /** Read size in bytes (default 1 MiB). */
  chunkSize?: number;
  /** Hash the bytes as they are read into `info.sha256` (default true). */
  hash?: boolean;
}

const DCE_KEYS = new Set(['guild', 'channel', 'dateRange', 'exportedAt', 'messages', 'messageCount']);

/**
 * Streams a DiscordChatExporter JSON export as record batches, in bounded memory.
 * The first batch carries the guild and channels; later ones the messages and who they name.
 * Throws `ArchiveError` (with file, line, column and byte) for a file that is malformed,
 * truncated, or not a DCE export — possibly after some batches were read, so callers write the
 * batches inside a transaction they can roll back.
 *
 * @example
 * const reader = new DceJsonReader('general [123].json');
 * for await (const batch of reader.batches()) write(batch);
 * console.log(reader.info.messages);
 */
export class DceJsonReader implements DceBatchSource {
  readonly info: DceExportInfo = {
    guildId: null, channelId: null, exportedAt: null, declaredCount: null, messages: 0, bytesRead: 0, sha256: null,
  };

  constructor(
    readonly file: string,
    private readonly options: ReadOptions = {},
  ) {}

  async *batches(): AsyncGenerator<RecordBatch> {
    const batchSize = this.options.batchSize ?? 2000;
    const hash = this.options.hash === false ? null : crypto.createHash('sha256');
    let header: { guild?: DceGuild; channel?: DceChannel } = {};
    let builder: DceRecordBuilder | null = null;
    let batch = emptyBatch();
    const ready: RecordBatch[] = [];
    let firstKey = true;

    const fail = (reason: string, byte: number): never => {
      throw new ArchiveError(this.file, reason, { byte });
    };
    const notAnExport = (byte: number, why: string): never =>
      fail(`not a DiscordChatExporter JSON export (${why})`, byte);

    const addMessage = (raw: unknown, byte: number) => {
      try {
        builder!.add(raw as DceMessage, batch);
      } catch (error) {
        if (error instanceof DceShapeError) fail(`message ${this.info.messages + 1}: ${error.message}`, byte);
        throw error;
      }
      this.info.messages++;
      if (batch.messages.length >= batchSize) {
        ready.push(batch);
        batch = emptyBatch();
      }
    };

    const splitter = new JsonObjectSplitter('messages', {
      member: (key, json, byte) => {
        if (firstKey && key !== 'guild') notAnExport(byte, `it starts with "${key}", not "guild"`);
        firstKey = false;
        if (!DCE_KEYS.has(key)) return; // a later DCE version's addition: not ours to judge
        const value = parseJson(json, byte, fail);
        if (key === 'guild') header.guild = value as DceGuild;
        else if (key === 'channel') header.channel = value as DceChannel;
        else if (key === 'exportedAt' && value !== null) {
          this.info.exportedAt = parseIsoTimestamp(String(value)) ?? fail(`exportedAt is not an ISO-8601 time`, byte);
        } else if (key === 'messageCount') {
          this.info.declaredCount = typeof value === 'number' ? value : fail('messageCount is not a number', byte);
        }
      },
      arrayStart: (_key, byte) => {
        if (firstKey || !header.guild || !header.channel) notAnExport(byte, '"messages" comes before "guild" and "channel"');
        try {
          const records = headerRecords(header.guild!, header.channel!);
          this.info.guildId = records.guild.id;
          this.info.channelId = records.channels[records.channels.length - 1].id;
          builder = new DceRecordBuilder(this.info.guildId, this.info.channelId);
          batch.guilds.push(records.guild);
          batch.channels.push(...records.channels);
        } catch (error) {
          if (error instanceof DceShapeError) fail(error.message, byte);
          throw error;
        }
      },
      element: (json, byte) => addMessage(parseJson(json, byte, fail), byte),
      parsedElement: (value, byte) => addMessage(value, byte),
    });

    try {
      try {
        const chunkSize = this.options.chunkSize ?? 1 << 20;
        const handle = await fs.promises.open(this.file, 'r');
        try {
          for (;;) {
            // Read straight into the splitter's buffer: no new buffer per chunk, no copying.
            const into = splitter.writable(chunkSize);
            const { bytesRead } = await handle.read(into, 0, chunkSize, null);
            if (bytesRead === 0) break;
            const chunk = into.subarray(0, bytesRead);
            hash?.update(chunk);
            this.info.bytesRead += bytesRead;
            if (this.info.bytesRead === bytesRead) sniff(chunk, notAnExport);
            splitter.written(bytesRead);
            while (ready.length > 0) yield ready.shift()!;
          }
        } finally {
          await handle.close();
        }
        if (this.info.bytesRead === 0) notAnExport(0, 'the file is empty');
        try {
          splitter.end();
        } catch (error) {
          if (error instanceof SplitError && builder && this.info.declaredCount === null) {
            const complete = `${this.info.messages} complete message${this.info.messages === 1 ? '' : 's'}`;
            fail(`${error.message}, after ${complete} and with no "messageCount": an interrupted export?`, error.byte);
          }
          throw error;
        }
      } catch (error) {
        if (error instanceof SplitError) {
          if (!builder && !header.guild) notAnExport(error.byte, error.message);
          fail(error.message, error.byte);
        }
        throw error;
      }
      if (!builder) notAnExport(0, 'it has no "guild", "channel" and "messages"');
      if (this.info.declaredCount !== null && this.info.declaredCount !== this.info.messages) {
        fail(`messageCount is ${this.info.declaredCount} but the file holds ${this.info.messages} messages`, this.info.bytesRead);
      }
    } catch (error) {
      if (error instanceof ArchiveError && error.position) {
        throw error.withPosition(await positionInFile(this.file, error.position.byte));
      }
      throw error;
    }
    if (batch.messages.length > 0 || batch.guilds.length > 0) yield batch;
    this.info.sha256 = hash?.digest('hex') ?? null;
  }
}

/** `JSON.parse` whose error names the file position of the bad character. */
function parseJson(json: string, byte: number, fail: (reason: string, byte: number) => never): unknown {
  try {
    return JSON.parse(json);
  } catch (error) {
    const at = Math.max(0, jsonErrorOffset(json));
    // V8's message quotes the text around the error; the position we report says it better.
    const reason = (error as Error).message.replace(/(, "|, \.\.\.|\s+in JSON at position).*$/s, '');
    return fail(`invalid JSON: ${reason}`, byte + Buffer.byteLength(json.slice(0, at)));
  }
}

/** Fails fast on files that cannot be a DCE JSON export, naming what they look like. */
function sniff(first: Buffer, notAnExport: (byte: number, why: string) => never): void {
  let i = 0;
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) i = 3; // UTF-8 byte order mark
  while (i < first.length && (first[i] === 0x20 || first[i] === 0x0a || first[i] === 0x0d || first[i] === 0x09)) i++;
  if (i >= first.length) return;
  const c = first[i];
  if (c === 0x5b) notAnExport(i, 'it is a JSON array; raw Discord API dumps are a different format');
  if (c !== 0x7b) {
    const start = first.toString('latin1', i, Math.min(first.length, i + 24)).replace(/\s+/g, ' ');
    notAnExport(i, `it is not JSON: it starts with ${JSON.stringify(start)}`);
  }
}
