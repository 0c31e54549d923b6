/** Reading printed PDFs with poppler-utils, as a reader would see them: text and ink per page. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The number of pages (`pdfinfo`). */
export function pdfPageCount(file: string): number {
  return Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
}

/** True when `pdfinfo` calls the PDF tagged. */
export function pdfIsTagged(file: string): boolean {
  return /^Tagged:\s+yes$/m.test(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
}

/** The text of each page (`pdftotext`, pages split at form feeds). */
export function pdfPageTexts(file: string): string[] {
  const pages = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\f');
  return pages.slice(0, pdfPageCount(file));
}

/**
 * The number of non-white pixels of each page, rendered in grey at 20 dpi (`pdftoppm -gray`
 * writes binary PGM: a `P5 width height max` header, then one byte per pixel).
 */
export function pdfInkPerPage(file: string): number[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'pdf-ink-'));
  try {
    execFileSync('pdftoppm', ['-gray', '-r', '20', file, path.join(dir, 'page')]);
    return readdirSync(dir).sort().map((name) => {
      const data = readFileSync(path.join(dir, name));
      const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 40).toString('latin1'))!;
      const pixels = data.subarray(header[0].length);
      assertLength(pixels.length, Number(header[1]) * Number(header[2]));
      let ink = 0;
      for (const v of pixels) if (v < 200) ink++;
      return ink;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function assertLength(actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`PGM has ${actual} pixels, expected ${expected}`);
}
