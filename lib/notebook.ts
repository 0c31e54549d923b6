/**
 * What a notebook imports: the audit queries, labels, charts and `show`, and the notebook's
 * database. The same functions as `guildaudit`, without what only the command line and other
 * programs use (importing, running and printing notebooks, dashboards, danfojs frames), so tslab's
 * type-check of a notebook's import cell reads a third of the type declarations — about a second
 * off every notebook run. Import `toDataFrame` and the rest from `guildaudit`.
 *
 * @example
 * import { openNotebookEngine, overview, show } from 'guildaudit/notebook';
 * const engine = await openNotebookEngine();
 */
export type { Engine } from './database/engine';
export type { EngineKind } from './database/engine-kind';
export type * from './database/schema';

export { resolveAuditParams, type AuditParams, type AuditParamsInput } from './queries/audit-params';
export { QueryParamError } from './queries/query-error';
export { QUERIES, findQuery } from './queries/registry';
export { clearQueryCache, runQuery, type QueryResult } from './queries/run-query';
export { dataVersion } from './queries/data-version';
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

export * from './charts';

export { chooseGuild, mostActiveMember } from './notebooks/notebook-defaults';
export { isDashboardRun, openNotebookEngine, notebookDatabaseTarget, NOTEBOOK_DATABASE_ENV, projectRoot } from './notebooks/notebook-database';
export { toCsv } from './cli/csv';
