import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Times of one report, from the command to the PDF on disk. */
export interface ReportTiming {
  /** Wall time of the whole `guildaudit report` process. */
  seconds: number;
  pdfBytes: number;
  /** The command's own summary line (cells run, run and print times). */
  summary: string;
}

/**
 * Runs `guildaudit report <notebook> --pdf …` as a user would — a fresh process, a fresh kernel,
 * a fresh Chromium — on `database` and times it from start to the PDF written.
 */
export async function timeReport(database: string, notebook: string, guild: string, outDir: string): Promise<ReportTiming> {
  const cli = path.join(__dirname, '..', 'lib', 'cli', 'main.js');
  const pdf = path.join(outDir, `${path.basename(notebook, '.ipynb')}-${guild}.pdf`);
  const started = performance.now();
  const { stdout } = await run(process.execPath, [cli, 'report', notebook, '--param', `guild=${guild}`, '--pdf', pdf, '--db', database], {
    maxBuffer: 1 << 20,
  });
  return { seconds: (performance.now() - started) / 1000, pdfBytes: fs.statSync(pdf).size, summary: stdout.trim() };
}
