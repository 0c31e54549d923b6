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

/** The whole query set's timings in one new process. */
export interface QuerySetTimings {
  perQuery: QueryTiming[];
  /** Reading the stored columns (what a new process pays first; the set pays it again). */
  columnsStoredMs: number;
  /** The whole set computed afresh: stored columns, nothing in memory, empty result cache. */
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

/** The member with the most messages in `guild`: the `user` of the queries that take one. */
export async function mostActiveMember(db: Kysely<Database>, guild: string): Promise<string | undefined> {
  const [top] = await messagesPerAuthor(db, await resolveAuditParams(db, { guild }));
  return top?.user;
}

/** Parameters that let every registered query run: `guild` where a query takes one, `user` where it needs one. */
export function sampleParams(guild: string, user: string | undefined): (name: string) => Record<string, unknown> {
  return (name) => {
    const query = QUERIES.find((q) => q.name === name)!;
    const params: Record<string, unknown> = {};
    for (const p of acceptedParams(query)) {
      if (p.name === 'guild') params.guild = guild;
      else if (p.name === 'user') params.user = user;
    }
    return params;
  };
}

/** Builds the guild's columns from the message tables and stores them, as the first query after an import does; returns the ms. */
export async function timeColumnsBuild(db: Kysely<Database>, guild: string): Promise<number> {
  await dropStoredColumns(db);
  forgetGuildColumns(db);
  const started = performance.now();
  await guildColumns(db, guild);
  const ms = performance.now() - started;
  forgetGuildColumns(db);
  return ms;
}

/**
 * Meant for a new process (`query-set-once.ts`): empties the result cache and times reading the
 * stored columns; then runs every registered query once uncached, as such a process does (the
 * first query reads the columns again; each query timed); then the whole set from the result
 * cache twice: from this process's memory layer, then from the database cache alone.
 */
export async function timeQuerySet(
  db: Kysely<Database>,
  guild: string,
  paramsFor: (name: string) => Record<string, unknown>,
): Promise<QuerySetTimings> {
  await clearQueryCache(db);
  const storedStart = performance.now();
  await guildColumns(db, guild);
  const columnsStoredMs = performance.now() - storedStart;
  forgetGuildColumns(db);

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
  return { perQuery, columnsStoredMs, uncachedMs, cachedMs, fromMemory, databaseCachedMs, fromDatabase, jsonChars };
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
