import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';
import { dataVersion } from './data-version';
import { freezeRows } from './freeze-rows';
import { COMMON_PARAMS, type QueryDefinition, type Row } from './query-definition';
import { QueryParamError } from './query-error';
import { findQuery, QUERIES } from './registry';
import { queryMemory } from './result-memory';

/** A query's rows with where they came from. */
export interface QueryResult<R = Row> {
  query: string;
  params: Record<string, unknown>;
  /** The data version the rows were computed on. */
  dataVersion: string;
  /** True when the rows came from the cache (in this process's memory or in the database). */
  cached: boolean;
  /** Frozen, deeply: the same arrays may be handed to every caller. Copy them to change them. */
  rows: readonly R[];
}

export interface RunOptions {
  /** Read and write the result cache, in memory and in the database (default true). */
  cache?: boolean;
  now?: () => number;
}

/**
 * Runs a named query, from the cache when it holds a result for the same parameters and data
 * version. Unknown queries and parameters are errors (`QueryParamError`), not empty results.
 *
 * Two cache layers: this process's memory (`queryMemory()`, bounded, least recently used; a hit
 * costs the data-version read and a lookup), then the database's `query_cache` (shared by every
 * process). Both are keyed by the data version, so an import by any process makes both stale.
 * The rows are frozen whichever way they came.
 *
 * @example
 * const { rows, cached } = await runQuery(db, 'overview', { guild: '755126265953910784' });
 */
export async function runQuery(
  db: Kysely<Database>,
  name: string,
  params: Record<string, unknown>,
  options: RunOptions = {},
): Promise<QueryResult> {
  const query = findQuery(name);
  if (!query) throw new QueryParamError(`unknown query '${name}'; known queries: ${QUERIES.map((q) => q.name).join(', ')}`);
  const canonical = canonicalParams(query, params);
  const version = await dataVersion(db);
  const useCache = options.cache ?? true;
  const result = (cached: boolean, rows: readonly object[]): QueryResult =>
    ({ query: name, params: canonical, dataVersion: version, cached, rows });
  if (!useCache) return result(false, freezeRows(JSON.parse(JSON.stringify(await query.run(db, canonical)))));

  const memory = queryMemory();
  const key = crypto.createHash('sha256').update(JSON.stringify([name, canonical, version])).digest('hex');
  const remembered = memory.get(db, key);
  if (remembered) return result(true, remembered);

  const hit = await db.selectFrom('query_cache').select('rows_json').where('key', '=', key).executeTakeFirst();
  if (hit) {
    const rows = freezeRows(JSON.parse(hit.rows_json));
    memory.set(db, key, rows, hit.rows_json.length);
    return result(true, rows);
  }
  const json = JSON.stringify(await query.run(db, canonical));
  await db
    .insertInto('query_cache')
    .values({ key, query: name, params_json: JSON.stringify(canonical), data_version: version, created_at: (options.now ?? Date.now)(), rows_json: json })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // A fresh result is returned as the cache would return it, so both are identical.
  const rows = freezeRows(JSON.parse(json));
  memory.set(db, key, rows, json.length);
  return result(false, rows);
}

/**
 * Empties the result cache in the database, and this process's memory layer (for every database,
 * which only costs other databases a read of their own cache); returns how many results the
 * database dropped.
 */
export async function clearQueryCache(db: Kysely<Database>): Promise<number> {
  queryMemory().clear();
  const result = await db.deleteFrom('query_cache').executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Every parameter a query accepts. */
export function acceptedParams(query: QueryDefinition) {
  return query.scope === 'guild' ? [...COMMON_PARAMS, ...query.params] : query.params;
}

/**
 * Checks parameter names against the query's and puts them in one order, dropping absent ones,
 * so equal requests share a cache entry.
 */
function canonicalParams(query: QueryDefinition, params: Record<string, unknown>): Record<string, unknown> {
  const accepted = acceptedParams(query);
  const names = new Set(accepted.map((p) => p.name));
  const unknown = Object.keys(params).filter((k) => !names.has(k) && params[k] !== undefined);
  if (unknown.length > 0) {
    throw new QueryParamError(`query '${query.name}' has no parameter ${unknown.map((u) => `'${u}'`).join(', ')}; it takes ${[...names].join(', ')}`);
  }
  for (const p of accepted) {
    if (p.required && (params[p.name] === undefined || params[p.name] === '')) {
      throw new QueryParamError(`query '${query.name}' needs ${p.name === 'guild' ? '--guild <id>' : `--param ${p.name}=<${p.type}>`}`);
    }
  }
  const canonical: Record<string, unknown> = {};
  for (const p of accepted) if (params[p.name] !== undefined && params[p.name] !== null) canonical[p.name] = params[p.name];
  return canonical;
}
