import type { Io } from './io';

/** Formats a count with thousands separators. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Formats bytes as B, kB, MB or GB. */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}

/** Formats seconds as `m:ss` or `h:mm:ss`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (v: number) => String(v).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/**
 * A one-line progress bar on stderr with rate and ETA, redrawn at most ten times a second.
 * Draws nothing when stderr is not a terminal (CI, pipes), so logs stay clean.
 */
export class ProgressBar {
  readonly #started: number;
  #lastDraw = 0;
  #drawn = false;

  constructor(
    private readonly io: Io,
    private readonly unit: (done: number) => string = formatBytes,
  ) {
    this.#started = io.now();
  }

  /** Seconds since the bar was created. */
  get elapsed(): number {
    return (this.io.now() - this.#started) / 1000;
  }

  /** Shows `done` of `total`, with a short detail (e.g. a count or a file name). */
  update(done: number, total: number, detail = ''): void {
    if (!this.io.interactive) return;
    const now = this.io.now();
    if (now - this.#lastDraw < 100 && done < total) return;
    this.#lastDraw = now;
    const elapsed = this.elapsed;
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const width = 24;
    const filled = Math.round(fraction * width);
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (total - done) / rate : Infinity;
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const line = `${bar} ${(fraction * 100).toFixed(0).padStart(3)}%  ${this.unit(rate)}/s  ETA ${formatDuration(eta)}  ${detail}`;
    const columns = process.stderr.columns || 100;
    this.io.err(`\r${line.slice(0, columns - 1)}\x1b[K`);
    this.#drawn = true;
  }

  /** Removes the bar, leaving the line free for a summary. */
  clear(): void {
    if (this.#drawn) this.io.err('\r\x1b[K');
    this.#drawn = false;
  }
}
