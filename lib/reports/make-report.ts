import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from '../database/engine';
import { chooseGuild } from '../notebooks/notebook-defaults';
import { NOTEBOOK_DATABASE_ENV, targetForKernel } from '../notebooks/notebook-database';
import { runNotebook, type CellProgress } from '../notebooks/run-notebook';
import { guildColumns } from '../queries/columns';
import { dataVersion } from '../queries/data-version';
import { findChromium } from './find-chromium';
import { launchChromium, type PrintBrowser } from './launch-chromium';
import { checkOutputFolder, savePrintedPage, type PrintPdfResult } from './print-pdf';
import { pseudonymIdentities } from './pseudonym-identities';
import { pseudonymizeNotebook } from './pseudonymize-notebook';
import { renderReportDocument, reportDocumentHtml } from './render-notebook-html';
import { fillReportShell, openReportShell, type ReportPage } from './report-page';
import { reportCover } from './report-period';

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
  // Before the run: a report with nowhere to go should not cost a notebook run first.
  checkOutputFolder(options.pdfPath);
  if (options.htmlPath !== undefined) checkOutputFolder(options.htmlPath);
  const guild = await chooseGuild(engine.db, options.parameters.guild);
  const version = await dataVersion(engine.db);
  const chromiumPath = findChromium(); // a missing browser is named before the run, not after it
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'guildaudit-report-'));
  // While the kernel starts (tslab takes seconds to set up its compiler; started earlier, this
  // process's synchronous work would delay the kernel's spawn): the guild's columns, which most
  // queries read, are built and stored, so the notebook's first query only reads them (a failure
  // there is the notebook's to report); and Chromium starts and loads the page every report
  // shares (plotly.js and fonts: most of printing's time).
  let columns: Promise<unknown> | undefined;
  let printing: Printing | undefined;
  const startPrinting = () => (printing ??= startChromiumWithShell(chromiumPath));
  const whileKernelStarts = () => {
    columns = guildColumns(engine.db, guild.id).catch(() => undefined);
    startPrinting();
  };
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
      onKernelSpawn: whileKernelStarts,
    });
    const ran = performance.now();
    const notebook = options.pseudonymize
      ? pseudonymizeNotebook(run.notebook, await pseudonymIdentities(engine.db, { ...options.pseudonymize, guild: guild.id }))
      : run.notebook;
    const doc = await renderReportDocument(notebook, reportCover(options.parameters, guild, version));
    const page = await startPrinting().shell;
    await fillReportShell(page, doc);
    const html = options.htmlPath === undefined ? undefined : { path: options.htmlPath, content: reportDocumentHtml(doc) };
    const printed = await savePrintedPage(page, options.pdfPath, { html });
    return {
      ...printed,
      guild: { id: guild.id, name: guild.name },
      cellsRun: run.cellsRun,
      runSeconds: (ran - started) / 1000,
      printSeconds: (performance.now() - ran) / 1000,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    await columns;
    await printing?.browser.then((chromium) => chromium.close(), () => {});
  }
}

/** A Chromium starting, and the report shell loading in it. */
interface Printing {
  browser: Promise<PrintBrowser>;
  /** Rejects when Chromium or the page fails: await it to report that. */
  shell: Promise<ReportPage>;
}

function startChromiumWithShell(executablePath: string): Printing {
  const browser = launchChromium(executablePath);
  const shell = browser.then((chromium) => openReportShell(chromium.browser));
  shell.catch(() => {}); // reported where it is awaited
  return { browser, shell };
}

