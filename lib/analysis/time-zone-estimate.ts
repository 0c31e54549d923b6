/**
 * Where in the world someone probably is, from when they post: most people are quiet while they
 * sleep, so the quietest 6 hours of their day are taken to be 01:00–07:00 local time. Pure
 * function over 24 counts, so it can be checked by hand and reused on any grouping.
 */

/** The local hours the quietest block is assumed to cover: 01:00 to 07:00. */
export const NIGHT_START_HOUR = 1;
export const NIGHT_HOURS = 6;
/** Below this many messages no estimate is given. */
export const MIN_MESSAGES = 24;

/** An estimated UTC offset with the evidence behind it. */
export interface TimeZoneEstimate {
  /** Local = UTC + this many hours (whole hours, −11 to +12); null when there is too little data. */
  utcOffsetHours: number | null;
  /** The same as `UTC+02:00`, or null. */
  utcOffset: string | null;
  method: string;
  /** The quietest 6-hour block in UTC, e.g. `23:00–05:00`, and its first hour; null without estimate. */
  quietBlockUtc: string | null;
  quietStartUtcHour: number | null;
  /** Messages in that block, of all messages counted. */
  messagesInQuietBlock: number | null;
  messages: number;
  /** messagesInQuietBlock / messages (a flat day gives 0.25). */
  quietShare: number | null;
  /** How many 6-hour blocks share the lowest count (1 = a clear minimum). */
  tiedBlocks: number;
  /** high: quietShare ≤ 5% from ≥ 100 messages with one run of quietest blocks; medium: ≤ 12%; else low; none without estimate. */
  confidence: 'high' | 'medium' | 'low' | 'none';
  reason: string;
}

const METHOD = 'the UTC offset that puts the quietest 6-hour block of the day (by UTC hour of message) at 01:00–07:00 local time';

/**
 * Estimates a UTC offset from message counts per UTC hour (index 0 = 00:00–01:00 UTC): finds
 * the 6 consecutive hours (wrapping past midnight) with the fewest messages and returns the
 * offset that makes them 01:00–07:00 local. When several blocks tie and form one run, the middle
 * one is taken (a quiet stretch longer than 6 hours is centred); ties in separate places lower
 * the confidence.
 *
 * @example
 * // quiet from 23:00 to 05:00 UTC → those hours are 01:00–07:00 at UTC+2
 * estimateUtcOffset(counts).utcOffsetHours // 2
 */
export function estimateUtcOffset(utcHourCounts: readonly number[]): TimeZoneEstimate {
  if (utcHourCounts.length !== 24) throw new RangeError(`24 hourly counts expected (got ${utcHourCounts.length})`);
  const messages = utcHourCounts.reduce((a, b) => a + b, 0);
  if (messages < MIN_MESSAGES) {
    return {
      utcOffsetHours: null, utcOffset: null, method: METHOD, quietBlockUtc: null, quietStartUtcHour: null,
      messagesInQuietBlock: null, messages, quietShare: null, tiedBlocks: 0, confidence: 'none',
      reason: `too few messages to tell (${messages}, at least ${MIN_MESSAGES} needed)`,
    };
  }
  const blocks = Array.from({ length: 24 }, (_, start) => {
    let sum = 0;
    for (let h = 0; h < NIGHT_HOURS; h++) sum += utcHourCounts[(start + h) % 24];
    return sum;
  });
  const lowest = Math.min(...blocks);
  const tied = blocks.flatMap((sum, start) => (sum === lowest ? [start] : []));
  const { start, oneRun } = middleOfRun(tied);
  const offset = ((((NIGHT_START_HOUR - start + 11) % 24) + 24) % 24) - 11;
  const quietShare = lowest / messages;
  const confidence = quietShare <= 0.05 && messages >= 100 && oneRun ? 'high' : quietShare <= 0.12 && oneRun ? 'medium' : 'low';
  const hour = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  return {
    utcOffsetHours: offset,
    utcOffset: formatOffset(offset),
    method: METHOD,
    quietBlockUtc: `${hour(start)}–${hour(start + NIGHT_HOURS)}`,
    quietStartUtcHour: start,
    messagesInQuietBlock: lowest,
    messages,
    quietShare,
    tiedBlocks: tied.length,
    confidence,
    reason: `${lowest} of ${messages} messages (${(quietShare * 100).toFixed(1)}%) fall in ${hour(start)}–${hour(start + NIGHT_HOURS)} UTC, ` +
      `the quietest 6 hours${tied.length > 1 ? ` (${tied.length} blocks tie${oneRun ? ', the middle one taken' : ' in separate places'})` : ''}; ` +
      `as 01:00–07:00 local that is ${formatOffset(offset)}`,
  };
}

/** The middle start of the tied blocks when they form one run (circularly), else the first. */
function middleOfRun(starts: number[]): { start: number; oneRun: boolean } {
  if (starts.length === 24) return { start: 0, oneRun: false };
  const set = new Set(starts);
  // A run begins at a start whose previous hour is not tied.
  const runStarts = starts.filter((s) => !set.has((s + 23) % 24));
  if (runStarts.length !== 1) return { start: starts[0], oneRun: false };
  return { start: (runStarts[0] + Math.floor((starts.length - 1) / 2)) % 24, oneRun: true };
}

/** `UTC+02:00`, `UTC−05:00`, `UTC+00:00`. */
function formatOffset(hours: number): string {
  return `UTC${hours < 0 ? '-' : '+'}${String(Math.abs(hours)).padStart(2, '0')}:00`;
}
