/**
 * guildaudit's library: open an audit database, import archives, run the audit queries, run
 * notebooks unattended, print them as PDF reports and serve them as dashboards. Programs import
 * this module; notebooks import `guildaudit/notebook`, the part they use (lib/notebook.ts).
 *
 * @example
 * import { openEngine, overview } from 'guildaudit';
 * const engine = await openEngine('data/guildaudit.sqlite');
 * const [o] = await overview(engine.db, { guild: '755126265953910784' });
 */
// Everything a notebook imports (queries, labels, charts, show, the notebook database), then
// what only programs use.
export * from './notebook';

export { DEFAULT_DATABASE, openEngine, resolveDatabaseTarget } from './database/open-engine';
export { findArchives } from './ingest/find-archives';
export { ingest, type IngestResult } from './ingest/ingest';
export { DEFAULT_MEMORY_BUDGET, MEMORY_BUDGET_ENV, queryMemory, ResultMemory } from './queries/result-memory';
export { toDataFrame } from './analysis/frames';

export {
  makeReport, pseudonymIdentities, pseudonymizeNotebook, renderNotebookHtml, printPdf, findChromium, CHROMIUM_ENV, ReportError, type MakeReportOptions, type MakeReportResult,
  type RenderNotebookOptions, type CoverFields, type PrintPdfOptions, type PrintPdfResult,
} from './reports';

export {
  runNotebook,
  NotebookRunError,
  DEFAULT_CELL_TIMEOUT_SECONDS,
  type RunNotebookOptions,
  type NotebookRunResult,
  type CellProgress,
  type RunRecord,
} from './notebooks/run-notebook';
export type { CellExecution } from './notebooks/execute-cell';
export { readNotebook, writeNotebook, NotebookFileError } from './notebooks/notebook-file';
export type * from './notebooks/nbformat';
export { ParameterError } from './notebooks/parameters';
export { KernelError } from './notebooks/kernel-process';

export {
  startDashboardServer,
  ServerListenError,
  type DashboardServer,
  type DashboardServerOptions,
} from './dashboards/dashboard-server';
