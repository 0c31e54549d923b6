/**
 * The audit query set, run by the benchmark in a process of its own, as a new `guildaudit`
 * process would meet the database: nothing in memory, stored columns, empty result cache.
 * Prints one JSON line: the `QuerySetTimings` and the memory layer's budget in characters.
 *
 * Usage: node dist/bench/query-set-once.js <db target> <guild id> [<user id>]
 */
import { openEngine } from '../lib/database/open-engine';
import { queryMemory } from '../lib/queries/result-memory';
import { sampleParams, timeQuerySet } from './query-timings';

async function querySetOnce(target: string, guild: string, user: string | undefined): Promise<void> {
  const engine = await openEngine(target);
  try {
    const timings = await timeQuerySet(engine.db, guild, sampleParams(guild, user));
    process.stdout.write(JSON.stringify({ ...timings, memoryBudget: queryMemory().stats().budget }) + '\n');
  } finally {
    await engine.close();
  }
}

querySetOnce(process.argv[2], process.argv[3], process.argv[4]).catch((error) => {
  process.stderr.write(`query-set-once: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
