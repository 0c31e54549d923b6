import fs from 'node:fs';
import type { FilePosition } from './archive-error';

/**
 * Line and column (1-based, column in characters) of a byte offset in a file. Reads the file up
 * to that offset, so it is only used on the error path, never while importing.
 */
export async function positionInFile(file: string, byte: number): Promise<FilePosition> {
  if (byte <= 0) return { byte: 0, line: 1, column: 1 };
  let line = 1;
  let lineStart = 0;
  let offset = 0;
  const tail: Buffer[] = [];
  for await (const chunk of fs.createReadStream(file, { end: byte - 1, highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    let i = buf.indexOf(10);
    while (i !== -1) {
      line++;
      lineStart = offset + i + 1;
      i = buf.indexOf(10, i + 1);
    }
    offset += buf.length;
    tail.push(buf);
    while (tail.length > 2) tail.shift();
  }
  const kept = Buffer.concat(tail);
  const keptStart = offset - kept.length;
  const column = kept.toString('utf8', Math.max(0, lineStart - keptStart)).length + 1;
  return { byte, line, column };
}
