import type { Marked } from 'marked' with { 'resolution-mode': 'import' };
import { escapeHtml } from '../charts/html-escape';

/** Whose markdown it is: the notebook's author may write HTML; outputs carry data and may not. */
export type MarkdownSource = 'author' | 'output';

let renderers: Promise<Record<MarkdownSource, Marked>> | undefined;

/** `marked` is ESM-only: loaded once, through a dynamic import. */
function load(): Promise<Record<MarkdownSource, Marked>> {
  renderers ??= import('marked').then(({ Marked }) => ({
    author: new Marked({ gfm: true }),
    // Markdown outputs interpolate data (guild names, message text): raw HTML in them is shown as text.
    output: new Marked({ gfm: true, renderer: { html: ({ text }) => escapeHtml(text) } }),
  }));
  return renderers;
}

/** Markdown as HTML (GitHub flavour); raw HTML is kept only in the author's own markdown. */
export async function markdownHtml(text: string, source: MarkdownSource): Promise<string> {
  return (await load())[source].parse(text, { async: false });
}

/** One line of markdown as inline HTML (no paragraph). */
export async function inlineMarkdownHtml(text: string, source: MarkdownSource): Promise<string> {
  return (await load())[source].parseInline(text, { async: false });
}
