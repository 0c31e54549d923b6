import type { Kysely } from 'kysely';
import type { Database } from '../lib/database/schema';
import { messagesPerAuthor } from '../lib/queries/summary/concentration';
import { resolveAuditParams } from '../lib/queries/audit-params';
import { QUERIES } from '../lib/queries/registry';
import { queryMemory } from '../lib/queries/result-memory';
import { clearQueryCache, runQuery, acceptedParams } from '../lib/queries/run-query';
import { dropStoredColumns, forgetGuildColumns, guildColumns } from '../lib/queries/columns';

/** Time of one query, in ms. */
export interface QueryTiming {
  query: string;
  ms: number;
  rows: number;
  /** Length of its rows' JSON, which the memory layer's budget counts. */
  jsonChars: number;
}

/** The whole query set's timings on one database. */
export interface QuerySetTimings {
  perQuery: QueryTiming[];
  /** Reading the guild's columns from the message tables and storing them (once per import). */
  columnsBuildMs: number;
  /** Reading the stored columns (what a new process pays first). */
  columnsStoredMs: number;
  /** The whole set computed afresh in a new process's state: stored columns, empty result cache. */
  uncachedMs: number;
  /** The whole set again in the same process, served from its memory layer (as a notebook or dashboard sees it). */
  cachedMs: number;
  /** How many of the set the memory layer answered (the rest were over its budget and came from the database). */
  fromMemory: number;
  /**
   * The whole set with the memory layer emptied first (as a fresh `guildaudit query` sees it):
   * from the database cache, but for results it judged quicker to compute again than to store.
   */
  databaseCachedMs: number;
  /** How many of the set came from the database cache in that pass. */
  fromDatabase: number;
  /** Length of the whole set's JSON. */
  jsonChars: number;
}

/**
 * Parameters that let every registered query run on `guild`: the guild where a query takes one,
 * and the most active member where a query needs a `user`.
 */
export async function sampleParams(db: Kysely<Database>, guild: string): Promise<(name: string) => Record<string, unknown>> {
  const [top] = await messagesPerAuthor(db, await resolveAuditParams(db, { guild }));
  return (name) => {
    const query = QUERIES.find((q) => q.name === name)!;
    const params: Record<string, unknown> = {};
    for (const p of acceptedParams(query)) {
      if (p.name === 'guild') params.guild = guild;
      else if (p.name === 'user') params.user = top?.user;
    }
    return params;
  };
}

/**
 * Times the guild's columns (built from the tables and stored, then read from the store), then
 * runs every registered query once uncached as a new process would (stored columns, nothing in
 * memory, empty result cache; timing each), then the whole set from the result cache twice:
 * from this process's memory layer, then from the database cache alone.
 */
export async function timeQuerySet(db: Kysely<Database>, guild: string): Promise<QuerySetTimings> {
  const paramsFor = await sampleParams(db, guild);
  await dropStoredColumns(db);
  forgetGuildColumns(db);
  const buildStart = performance.now();
  await guildColumns(db, guild);
  const columnsBuildMs = performance.now() - buildStart;
  forgetGuildColumns(db);
  const storedStart = performance.now();
  await guildColumns(db, guild);
  const columnsStoredMs = performance.now() - storedStart;

  forgetGuildColumns(db);
  await clearQueryCache(db);
  const perQuery: QueryTiming[] = [];
  const fresh = new Map<string, readonly object[]>();
  const started = performance.now();
  for (const q of QUERIES) {
    const t = performance.now();
    const result = await runQuery(db, q.name, paramsFor(q.name));
    perQuery.push({ query: q.name, ms: performance.now() - t, rows: result.rows.length, jsonChars: 0 });
    fresh.set(q.name, result.rows);
  }
  const uncachedMs = performance.now() - started;

  const cachedStart = performance.now();
  const fromMemory = (await runSet(db, paramsFor, true)).filter((r) => r.rows === fresh.get(r.query)).length;
  const cachedMs = performance.now() - cachedStart;

  queryMemory().clear(db);
  const databaseStart = performance.now();
  const databaseSet = await runSet(db, paramsFor, false);
  const databaseCachedMs = performance.now() - databaseStart;
  const fromDatabase = databaseSet.filter((r) => r.cached).length;
  databaseSet.forEach((r, i) => { perQuery[i].jsonChars = JSON.stringify(r.rows).length; });
  const jsonChars = perQuery.reduce((sum, q) => sum + q.jsonChars, 0);
  return { perQuery, columnsBuildMs, columnsStoredMs, uncachedMs, cachedMs, fromMemory, databaseCachedMs, fromDatabase, jsonChars };
}

/** Every registered query through runQuery; with `allCached`, each must come from a cache layer. */
async function runSet(db: Kysely<Database>, paramsFor: (name: string) => Record<string, unknown>, allCached: boolean) {
  const results = [];
  for (const q of QUERIES) {
    const result = await runQuery(db, q.name, paramsFor(q.name));
    if (allCached && !result.cached) throw new Error(`${q.name} was not served from the cache`);
    results.push(result);
  }
  return results;
}
