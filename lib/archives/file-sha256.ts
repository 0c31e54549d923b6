import crypto from 'node:crypto';
import fs from 'node:fs';

const CHUNK = 1 << 20;

/**
 * The SHA-256 of a file's bytes, hex. Reads 1 MiB at a time into one buffer, so memory stays
 * flat whatever the size. `signal` stops it early (the promise then rejects with its reason).
 *
 * @example
 * const sha256 = await fileSha256('general [123].json');
 */
export async function fileSha256(file: string, signal?: AbortSignal): Promise<string> {
  const hash = crypto.createHash('sha256');
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
