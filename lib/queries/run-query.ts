import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { backgroundWriteOf, settleBackgroundWrites, writeInBackground } from '../database/background-writes';
import type { Database } from '../database/schema';
import { dataVersion } from './data-version';
import { freezeParsedRows, freezeRows } from './freeze-rows';
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
 * process). Both are keyed by the data version, so an import by any process makes both stale
 * (and the first result this process stores for a new version drops the older ones' results).
 * The database keeps a result only when reading it back is quicker than computing it again
 * (`worthStoring`): a large result of a cheap query lives in memory only. It is stored in the
 * background (`writeInBackground`): the rows are returned at once.
 * The rows are frozen whichever way they came, and equal to their JSON round trip.
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
  if (!useCache) return result(false, (await computeRows(db, query, canonical)).rows);

  const memory = queryMemory();
  const key = crypto.createHash('sha256').update(JSON.stringify([name, canonical, version])).digest('hex');
  const remembered = memory.get(db, key);
  if (remembered) return result(true, remembered);

  await backgroundWriteOf(db, key); // this process may be storing it right now
  const hit = await db.selectFrom('query_cache').select('rows_json').where('key', '=', key).executeTakeFirst();
  if (hit) {
    const rows = freezeParsedRows(JSON.parse(hit.rows_json));
    memory.set(db, key, rows, hit.rows_json.length);
    return result(true, rows);
  }
  const fresh = await computeRows(db, query, canonical);
  let chars = fresh.chars;
  if (worthStoring(fresh)) {
    const json = fresh.json ?? JSON.stringify(fresh.rows);
    chars = json.length;
    const row = { key, query: name, params_json: JSON.stringify(canonical), data_version: version, created_at: (options.now ?? Date.now)(), rows_json: json };
    const firstOfVersion = storedVersion.get(db) !== version;
    storedVersion.set(db, version);
    writeInBackground(db, key, async () => {
      // Results of older versions can never be served again: the first store of a new version
      // drops them, so the cache does not grow with every import.
      if (firstOfVersion) await db.deleteFrom('query_cache').where('data_version', '<>', version).execute();
      await db.insertInto('query_cache').values(row).onConflict((oc) => oc.column('key').doNothing()).execute();
    });
  }
  memory.set(db, key, fresh.rows, chars);
  return result(false, fresh.rows);
}

/** The data version this process last stored a result for, per database. */
const storedVersion = new WeakMap<Kysely<Database>, string>();

/** Rows just computed, as the cache would give them back, with what they cost. */
interface FreshRows {
  rows: readonly object[];
  /** Their JSON's length, or an estimate when `json` was not made. */
  chars: number;
  json?: string;
  computeMs: number;
}

/**
 * Runs the query and makes its rows shareable: frozen where they are when they equal their JSON
 * round trip (`freezeRows`), else that round trip itself (rows holding dates, NaN, undefined...).
 */
async function computeRows(db: Kysely<Database>, query: QueryDefinition, params: Record<string, unknown>): Promise<FreshRows> {
  const started = performance.now();
  const rows = await query.run(db, params);
  const computeMs = performance.now() - started;
  const frozen = freezeRows(rows);
  if (frozen) return { ...frozen, computeMs };
  const json = JSON.stringify(rows);
  return { rows: freezeParsedRows(JSON.parse(json)), chars: json.length, json, computeMs };
}

/** Results up to this many JSON characters are always stored in the database cache. */
const ALWAYS_STORED_CHARS = 1024 * 1024;
/**
 * Reading back and parsing a stored result costs about this much per MiB of its JSON: measured
 * 25-38 ms on SQLite and about 50 ms on PostgreSQL (2 x AMD EPYC; 52 MB read in 1.7 s, parsed in
 * 0.9 s). The higher figure, since storing also costs the write (about 2 s for those 52 MB): a
 * larger result that was quicker to compute than that is not worth storing.
 */
const READ_BACK_MS_PER_MIB = 50;

/**
 * Whether the database cache should keep a result: when reading it back would be quicker than
 * computing it again. Large results of cheap queries (every message of a person, every edge of
 * the network) cost more to write, read and parse than to compute, so only the memory layer
 * keeps them; the result of a slow query is stored whatever its size.
 *
 * @example
 * worthStoring({ chars: 56 * 2 ** 20, computeMs: 800 }); // false: reading it back takes ~2 s
 */
export function worthStoring({ chars, computeMs }: { chars: number; computeMs: number }): boolean {
  return chars <= ALWAYS_STORED_CHARS || computeMs >= (chars / (1024 * 1024)) * READ_BACK_MS_PER_MIB;
}

/**
 * Empties the result cache in the database, and this process's memory layer (for every database,
 * which only costs other databases a read of their own cache); returns how many results the
 * database dropped.
 */
export async function clearQueryCache(db: Kysely<Database>): Promise<number> {
  queryMemory().clear();
  await settleBackgroundWrites(db);
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
