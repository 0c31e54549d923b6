import type { Kysely } from 'kysely';
import type { Database } from '../lib/database/schema';
import { messagesPerAuthor } from '../lib/queries/summary/concentration';
import { resolveAuditParams } from '../lib/queries/audit-params';
import { QUERIES } from '../lib/queries/registry';
import { clearQueryCache, runQuery, acceptedParams } from '../lib/queries/run-query';

/** Time of one query, in ms. */
export interface QueryTiming {
  query: string;
  ms: number;
  rows: number;
}

/** The whole query set's timings on one database. */
export interface QuerySetTimings {
  perQuery: QueryTiming[];
  /** The whole set computed afresh. */
  uncachedMs: number;
  /** The whole set again, served from the cache. */
  cachedMs: number;
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

/** Runs every registered query once uncached (timing each), then the whole set from the cache. */
export async function timeQuerySet(db: Kysely<Database>, guild: string): Promise<QuerySetTimings> {
  const paramsFor = await sampleParams(db, guild);
  await clearQueryCache(db);
  const perQuery: QueryTiming[] = [];
  const started = performance.now();
  for (const q of QUERIES) {
    const t = performance.now();
    const result = await runQuery(db, q.name, paramsFor(q.name));
    perQuery.push({ query: q.name, ms: performance.now() - t, rows: result.rows.length });
  }
  const uncachedMs = performance.now() - started;
  const cachedStart = performance.now();
  for (const q of QUERIES) {
    const result = await runQuery(db, q.name, paramsFor(q.name));
    if (!result.cached) throw new Error(`${q.name} was not served from the cache`);
  }
  return { perQuery, uncachedMs, cachedMs: performance.now() - cachedStart };
}
