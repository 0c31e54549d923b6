import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from '../database/engine';
import { chooseGuild } from '../notebooks/notebook-defaults';
import { NOTEBOOK_DATABASE_ENV, targetForKernel } from '../notebooks/notebook-database';
import { runNotebook, type CellProgress } from '../notebooks/run-notebook';
import { dataVersion } from '../queries/data-version';
import { printPdf, type PrintPdfResult } from './print-pdf';
import { renderNotebookHtml } from './render-notebook-html';

/** What to report on and where the report goes. */
export interface MakeReportOptions {
  /** The notebook to run (its `parameters` cell declares what `parameters` may set). */
  notebook: string;
  /** Parameter values as text (as `--param` gives them); `guild` picks the guild on the cover. */
  parameters: Record<string, string>;
  /** The database the notebook reads: a SQLite file or a postgres:// URL (never printed). */
  databaseTarget: string;
  pdfPath: string;
  htmlPath?: string;
  /** Replace member names and IDs by stable pseudonyms; staff stay named with `keepStaff`. */
  pseudonymize?: { keepStaff?: boolean; staffRoles?: string[] };
  /** Per-cell time limit of the run, in seconds. */
  timeoutSeconds?: number;
  onCell?: (progress: CellProgress) => void;
  signal?: AbortSignal;
}

/** A finished report: the files written and what the run took. */
export interface MakeReportResult extends PrintPdfResult {
  guild: { id: string; name: string };
  cellsRun: number;
  /** Seconds running the notebook, and rendering and printing it. */
  runSeconds: number;
  printSeconds: number;
}

/**
 * Runs a notebook and prints its outputs as a PDF report (and the same document as HTML when
 * asked): the run on the given database, optional pseudonyms, a cover with the guild, the period
 * and the data version, then Chromium. Nothing is written when a step fails: the run's notebook
 * goes to a temporary folder, and the PDF and HTML appear whole or not at all.
 *
 * @example
 * await makeReport(engine, { notebook: 'notebooks/guild-audit.ipynb', parameters: { guild: '755126265953910784' },
 *   databaseTarget: 'data/guildaudit.sqlite', pdfPath: 'reports/guild-audit.pdf' });
 */
export async function makeReport(engine: Engine, options: MakeReportOptions): Promise<MakeReportResult> {
  const guild = await chooseGuild(engine.db, options.parameters.guild);
  const version = await dataVersion(engine.db);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'guildaudit-report-'));
  try {
    const started = performance.now();
    const run = await runNotebook({
      input: options.notebook,
      output: path.join(work, path.basename(options.notebook)),
      parameters: { ...options.parameters, guild: guild.id },
      timeoutSeconds: options.timeoutSeconds,
      env: { [NOTEBOOK_DATABASE_ENV]: targetForKernel(options.databaseTarget) },
      dataVersion: version,
      onCell: options.onCell,
      signal: options.signal,
    });
    const printing = performance.now();
    const notebook = run.notebook; // PSEUDONYMIZE-HOOK
    const html = await renderNotebookHtml(notebook, {
      guild: guild.name,
      period: period(options.parameters, guild.first, guild.last),
      generatedAt: new Date(),
      dataVersion: version,
    });
    const printed = await printPdf(html, options.pdfPath, { htmlPath: options.htmlPath });
    return {
      ...printed,
      guild: { id: guild.id, name: guild.name },
      cellsRun: run.cellsRun,
      runSeconds: (printing - started) / 1000,
      printSeconds: (performance.now() - printing) / 1000,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The period as a reader reads it: the run's `from`/`to` when given, else the guild's span. */
function period(parameters: Record<string, string>, first: number | null, last: number | null): string | undefined {
  const day = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString().slice(0, 10));
  const from = parameters.from || day(first);
  // `to` is exclusive in the notebooks; a reader expects the last day included.
  const to = parameters.to ? day(Date.parse(parameters.to) - 86_400_000) : day(last);
  if (!from && !to) return undefined;
  return `${from ?? 'the start'} to ${to ?? 'the end'}`;
}
