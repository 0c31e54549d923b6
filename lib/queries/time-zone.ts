import { QueryParamError } from './query-error';

const DAY = 86_400_000;

/** A stretch of time with one UTC offset: from `start` (epoch ms, inclusive) on, local = utc + offset. */
export interface OffsetSegment {
  start: number;
  offsetMs: number;
}

/** The canonical name of an IANA time zone, or a `QueryParamError` naming the bad one. */
export function checkTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new QueryParamError(`unknown time zone '${timeZone}' (use an IANA name such as UTC or Europe/Berlin)`);
  }
}

/** UTC offset of `timeZone` at `utcMs`, in ms. */
export function offsetAt(timeZone: string, utcMs: number, format = formatter(timeZone)): number {
  const parts = format.formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return local - Math.floor(utcMs / 1000) * 1000;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
}

/**
 * The offsets `timeZone` used between `from` and `to` (epoch ms), as segments: the first starts
 * at -infinity, each later one at a transition (found to the second). Used to turn UTC times
 * into local times inside SQL with plain integer arithmetic, the same on every engine.
 *
 * @example
 * offsetSegments('Europe/Berlin', Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)) // 3 segments: +1h, +2h from 31 March, +1h from 27 October
 */
export function offsetSegments(timeZone: string, from: number, to: number): OffsetSegment[] {
  const format = formatter(timeZone);
  const at = (t: number) => offsetAt(timeZone, t, format);
  const segments: OffsetSegment[] = [{ start: Number.NEGATIVE_INFINITY, offsetMs: at(from) }];
  // Offsets change at most a few times a year and never twice within a day: step by day,
  // then bisect the day where it changed.
  for (let t = from; t < to + DAY; t += DAY) {
    const next = t + DAY;
    if (at(next) === segments[segments.length - 1].offsetMs) continue;
    let lo = t;
    let hi = next;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (at(mid) === segments[segments.length - 1].offsetMs) lo = mid;
      else hi = mid;
    }
    segments.push({ start: hi, offsetMs: at(hi) });
  }
  return segments;
}

/** Local wall-clock time as epoch-like ms (UTC fields = local fields) for a UTC time. */
export function toLocal(utcMs: number, segments: readonly OffsetSegment[]): number {
  let offset = segments[0].offsetMs;
  for (const s of segments) {
    if (s.start <= utcMs) offset = s.offsetMs;
    else break;
  }
  return utcMs + offset;
}

/** The UTC instant of a local wall-clock time (midnight of a date, say) in `timeZone`. */
export function fromLocal(localMs: number, timeZone: string): number {
  // Two passes settle the offset even next to a transition.
  let utc = localMs - offsetAt(timeZone, localMs);
  utc = localMs - offsetAt(timeZone, utc);
  return utc;
}
