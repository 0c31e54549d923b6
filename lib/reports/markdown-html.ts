/** Notebook markdown (cells and `text/markdown` outputs) as HTML, with ids on headings. */
import type { Marked, Token, Tokens } from 'marked' with { 'resolution-mode': 'import' };
import { HeadingIds } from './heading-ids';

/** Markdown to HTML for one report; heading ids stay unique across the whole document. */
export interface MarkdownHtml {
  /** The HTML of `markdown`; with `dropHeading`, that heading (the title on the cover) is left out. */
  render(markdown: string, options?: { dropHeading?: string }): string;
  /** The plain text of the first heading in `markdown`, if any. */
  firstHeading(markdown: string): string | undefined;
}

/**
 * A markdown renderer for one report (GitHub-flavoured markdown by `marked`). Raw HTML in the
 * markdown is kept, as Jupyter shows it.
 *
 * @example
 * const md = await markdownHtml();
 * md.render('## Activity'); // '<h2 id="activity">Activity</h2>\n'
 */
export async function markdownHtml(): Promise<MarkdownHtml> {
  // marked is an ES module only; the library is CommonJS.
  const { Marked: MarkedClass } = await import('marked');
  const ids = new HeadingIds();
  const marked: Marked = new MarkedClass({ gfm: true, async: false });
  marked.use({
    renderer: {
      heading(this: { parser: { parseInline(tokens: Token[]): string } }, token: Tokens.Heading): string {
        const inner = this.parser.parseInline(token.tokens);
        return `<h${token.depth} id="${ids.next(plainText(inner))}">${inner}</h${token.depth}>\n`;
      },
    },
  });
  const headingOf = (tokens: Token[]) => tokens.find((t): t is Tokens.Heading => t.type === 'heading');
  return {
    render(markdown, options = {}) {
      const tokens = marked.lexer(markdown);
      const drop = options.dropHeading === undefined ? undefined : headingOf(tokens);
      const kept = drop && plainText(marked.parseInline(drop.text) as string) === options.dropHeading ? tokens.filter((t) => t !== drop) : tokens;
      return marked.parser(Object.assign(kept, { links: tokens.links })) as string;
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
