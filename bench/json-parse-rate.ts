import fs from 'node:fs';

/**
 * Messages per second that `JSON.parse` alone gets through, each export file parsed whole from
 * text already in memory (reading the files is not timed): the yardstick the import issue gives
 * its targets beside ("JSON.parse alone reads about 150,000 such messages/s" on the machine it
 * was written on). Printed with the import rates, it says how fast this machine is in the
 * issue's own units, so runs on machines of different speed can be compared. The better of two
 * passes: the first also warms the compiler and the file cache.
 *
 * @example
 * const rate = jsonParseRate(guild.files); // e.g. 86,500
 */
export function jsonParseRate(files: readonly string[]): number {
  let best = Infinity;
  let messages = 0;
  for (let pass = 0; pass < 2; pass++) {
    let ms = 0;
    messages = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const started = performance.now();
      const parsed = JSON.parse(text) as { messages: unknown[] };
      ms += performance.now() - started;
      messages += parsed.messages.length;
    }
    best = Math.min(best, ms);
  }
  return messages / (best / 1000);
}
