/** Unique, readable ids for a document's headings (bookmarks and links into the report). */

/**
 * Hands out ids from heading text: lower case, letters and digits kept, the rest one `-`,
 * a `-2`, `-3`… suffix when a heading repeats. One per document, never shared.
 */
export class HeadingIds {
  private readonly used = new Map<string, number>();

  /** The id of the next heading with this text. */
  next(text: string): string {
    const base = text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'section';
    const seen = this.used.get(base) ?? 0;
    this.used.set(base, seen + 1);
    return seen === 0 ? base : `${base}-${seen + 1}`;
  }
}
