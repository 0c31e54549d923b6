/** One rendered page. */
export interface CachedPage {
  html: string;
  /** Data version it was computed for. */
  dataVersion: string;
}

/** The key of a rendered page: everything its content depends on. */
export function pageCacheKey(parts: { name: string; hash: string; params: Record<string, string>; dataVersion: string }): string {
  return JSON.stringify([parts.name, parts.hash, parts.params, parts.dataVersion]);
}

/**
 * Rendered pages kept in memory, least recently used first out, bounded by the total length of
 * their HTML. Pages of another data version than the newest seen are dropped at once: the key
 * holds the version, so they could never be served again anyway.
 */
export class PageCache {
  readonly #pages = new Map<string, CachedPage>();
  readonly #maxChars: number;
  #chars = 0;
  #dataVersion: string | undefined;

  constructor(maxBytes = 64 * 1024 * 1024) {
    // JavaScript strings are UTF-16: two bytes a character
    this.#maxChars = Math.floor(maxBytes / 2);
  }

  /** Pages held. */
  get size(): number {
    return this.#pages.size;
  }

  /** The page for `key`, marked as just used. */
  get(key: string): CachedPage | undefined {
    const page = this.#pages.get(key);
    if (!page) return undefined;
    this.#pages.delete(key);
    this.#pages.set(key, page);
    return page;
  }

  /** Stores a page (a page bigger than the whole budget is not kept). */
  set(key: string, page: CachedPage): void {
    // a run that finished after a newer import is not kept
    this.#dataVersion ??= page.dataVersion;
    if (page.dataVersion !== this.#dataVersion) return;
    this.#remove(key);
    if (page.html.length > this.#maxChars) return;
    this.#pages.set(key, page);
    this.#chars += page.html.length;
    for (const [oldest] of this.#pages) {
      if (this.#chars <= this.#maxChars) break;
      this.#remove(oldest);
    }
  }

  /** Tells the cache the newest data version; pages of any other are dropped. */
  noteDataVersion(version: string): void {
    if (version === this.#dataVersion) return;
    this.#dataVersion = version;
    for (const [key, page] of this.#pages) if (page.dataVersion !== version) this.#remove(key);
  }

  #remove(key: string): void {
    const page = this.#pages.get(key);
    if (!page) return;
    this.#pages.delete(key);
    this.#chars -= page.html.length;
  }
}
