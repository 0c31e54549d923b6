/**
 * guildaudit's library: open an audit database, import archives, run the audit queries, run
 * notebooks unattended, print them as PDF reports and serve them as dashboards. Notebooks,
 * dashboards and reports import this module only.
 *
 * @example
 * import { openEngine, overview } from 'guildaudit';
 * const engine = await openEngine('data/guildaudit.sqlite');
 * const [o] = await overview(engine.db, { guild: '755126265953910784' });
 */
export type { Engine } from './database/engine';
export type { EngineKind } from './database/engine-kind';
export { DEFAULT_DATABASE, openEngine, resolveDatabaseTarget } from './database/open-engine';
export type * from './database/schema';

export { findArchives } from './ingest/find-archives';
export { ingest, type IngestResult } from './ingest/ingest';

export { resolveAuditParams, type AuditParams, type AuditParamsInput } from './queries/audit-params';
export { QueryParamError } from './queries/query-error';
export { QUERIES, findQuery } from './queries/registry';
export { clearQueryCache, runQuery, type QueryResult } from './queries/run-query';
export { dataVersion } from './queries/data-version';
export { DEFAULT_MEMORY_BUDGET, MEMORY_BUDGET_ENV, queryMemory, ResultMemory } from './queries/result-memory';
export * from './queries/summary';
export * from './queries/activity';
export * from './queries/growth';
export * from './queries/responsiveness';
export * from './queries/lifecycle';
export * from './queries/network';
export * from './queries/people';
export * from './queries/across-guilds';

export * from './labels';

export * from './analysis/inequality';
export { toDataFrame } from './analysis/frames';

export * from './charts';

export { chooseGuild, mostActiveMember } from './notebooks/notebook-defaults';

export {
  makeReport, pseudonymIdentities, pseudonymizeNotebook, renderNotebookHtml, printPdf, findChromium, CHROMIUM_ENV, ReportError, type MakeReportOptions, type MakeReportResult,
  type RenderNotebookOptions, type CoverFields, type PrintPdfOptions, type PrintPdfResult,
} from './reports';
export { toCsv } from './cli/csv';

export { openNotebookEngine, notebookDatabaseTarget, NOTEBOOK_DATABASE_ENV, projectRoot } from './notebooks/notebook-database';
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
