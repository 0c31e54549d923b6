/**
 * One import, run in its own process by the benchmark so its peak memory is measured alone.
 * Prints one JSON line: seconds, messages, files, failed, maxRssBytes.
 *
 * Usage: node dist/bench/import-once.js <db target> <files or folders...>
 */
import { openEngine } from '../lib/database/open-engine';
import { findArchives } from '../lib/ingest/find-archives';
import { ingest } from '../lib/ingest/ingest';

async function importOnce(target: string, inputs: string[]): Promise<void> {
  const engine = await openEngine(target);
  const files = findArchives(inputs);
  const started = performance.now();
  const result = await ingest(engine, files);
  const seconds = (performance.now() - started) / 1000;
  await engine.close();
  const failure = result.outcomes.find((o) => o.status === 'failed');
  process.stdout.write(
    JSON.stringify({
      seconds,
      messages: result.messages,
      files: files.length,
      failed: result.failed,
      error: failure?.status === 'failed' ? failure.error : null,
      // resourceUsage reports kilobytes on Linux.
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    }) + '\n',
  );
}

importOnce(process.argv[2], process.argv.slice(3)).catch((error) => {
  process.stderr.write(`import-once: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
