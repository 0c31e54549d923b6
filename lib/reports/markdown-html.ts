/** Notebook markdown (cells and `text/markdown` outputs) as HTML, with ids on headings. */
import type { Marked, Token, Tokens } from 'marked' with { 'resolution-mode': 'import' };
import { escapeHtml } from '../charts/html-escape';
import { HeadingIds } from './heading-ids';

/** Markdown to HTML for one report; heading ids stay unique across the whole document. */
export interface MarkdownHtml {
  /** The HTML of `markdown`; with `dropHeading`, that heading (the title on the cover) is left out. */
  render(markdown: string, options?: { dropHeading?: string }): string;
  /** The HTML of a `text/markdown` output: it interpolates data (names, message text), so raw HTML in it shows as text. */
  renderData(markdown: string): string;
  /** One line as inline HTML (no paragraph). */
  inline(markdown: string): string;
  /** The plain text of the first heading in `markdown`, if any. */
  firstHeading(markdown: string): string | undefined;
}

/**
 * A markdown renderer for one document (GitHub-flavoured markdown by `marked`). Raw HTML in the
 * notebook's own markdown is kept, as Jupyter shows it; in outputs it is escaped.
 *
 * @example
 * const md = await markdownHtml();
 * md.render('## Activity'); // '<h2 id="activity">Activity</h2>\n'
 */
export async function markdownHtml(): Promise<MarkdownHtml> {
  // marked is an ES module only; the library is CommonJS.
  const { Marked: MarkedClass } = await import('marked');
  const ids = new HeadingIds();
  const heading = function (this: { parser: { parseInline(tokens: Token[]): string } }, token: Tokens.Heading): string {
    const inner = this.parser.parseInline(token.tokens);
    return `<h${token.depth} id="${ids.next(plainText(inner))}">${inner}</h${token.depth}>\n`;
  };
  const marked: Marked = new MarkedClass({ gfm: true, async: false });
  marked.use({ renderer: { heading } });
  const data: Marked = new MarkedClass({ gfm: true, async: false });
  data.use({ renderer: { heading, html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text) } });
  const headingOf = (tokens: Token[]) => tokens.find((t): t is Tokens.Heading => t.type === 'heading');
  return {
    render(markdown, options = {}) {
      const tokens = marked.lexer(markdown);
      const drop = options.dropHeading === undefined ? undefined : headingOf(tokens);
      const kept = drop && plainText(marked.parseInline(drop.text) as string) === options.dropHeading ? tokens.filter((t) => t !== drop) : tokens;
      return marked.parser(Object.assign(kept, { links: tokens.links })) as string;
    },
    renderData(markdown) {
      return data.parse(markdown) as string;
    },
    inline(markdown) {
      return marked.parseInline(markdown) as string;
    },
    firstHeading(markdown) {
      const heading = headingOf(marked.lexer(markdown));
      return heading ? plainText(marked.parseInline(heading.text) as string) : undefined;
    },
  };
}

/** The text of an HTML fragment: tags dropped, the common entities decoded. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}
