import fs from 'node:fs';
import { parseIsoTimestamp } from '../timestamp';

const TAIL_BYTES = 256 * 1024;
// A message's own time follows its "type" (DCE writes id, type, timestamp in that order);
// embeds and forwarded messages have "timestamp" keys too, but never right after a "type".
const MESSAGE_TIME = /"type":\s*"[^"]*",\s*"timestamp":\s*"([^"]+)"/g;

/**
 * The time of the last message in a DCE JSON export, read from the end of the file (messages are
 * in time order, and an interrupted export still ends with messages). Old DCE versions write no
 * `exportedAt`; the export happened after its last message, so this is the best lower bound for
 * when the archive was observed — unlike the file's modification time, which a copy resets.
 * Null when the tail holds no message time.
 *
 * @example
 * const observedAt = exportedAt ?? (await lastMessageTime(file)) ?? mtime;
 */
export async function lastMessageTime(file: string): Promise<number | null> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    let latest: number | null = null;
    for (const match of buffer.toString('utf8').matchAll(MESSAGE_TIME)) {
      const ms = parseIsoTimestamp(match[1]);
      if (ms !== null && (latest === null || ms > latest)) latest = ms;
    }
    return latest;
  } finally {
    await handle.close();
  }
}
