import { escapeHtml } from '../charts/html-escape';
import type { GuildSummary } from '../queries/guild-summaries';
import { markdownHtml } from '../reports/markdown-html';
import type { NotebookEntry } from './notebook-catalog';
import { queryString } from './page-parameters';

/** A whole page around `body`: the page CSS, and scripts only from this server. */
function document(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · guildaudit</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/dashboard.css">
${head}</head>
<body>
${body}
</body>
</html>
`;
}

/** `/`: every notebook with its title and question. */
export async function indexPage(entries: readonly NotebookEntry[]): Promise<string> {
  const markdown = await markdownHtml();
  const items = entries.map(
    (e) =>
      `<li><a href="/n/${encodeURIComponent(e.name)}">${escapeHtml(e.title)}</a>` +
      (e.question ? `<p>${markdown.inline(e.question)}</p>` : '') +
      '</li>',
  );
  return document(
    'Dashboards',
    `<header><h1>guildaudit dashboards</h1></header>
<main>
${entries.length ? `<ul class="notebooks">\n${items.join('\n')}\n</ul>` : '<p>The notebooks folder holds no notebook.</p>'}
</main>`,
  );
}

/** What the page's form shows. */
export interface ShellForm {
  /** The parameters the page offers, in order. */
  offered: readonly string[];
  /** Their current values (empty when not given). */
  values: Record<string, string>;
  guilds: readonly GuildSummary[];
}

const LABELS: Record<string, string> = { guild: 'Guild', from: 'From', to: 'To (exclusive)', timeZone: 'Time zone' };

function field(name: string, form: ShellForm): string {
  const value = form.values[name] ?? '';
  const label = escapeHtml(LABELS[name] ?? name);
  if (name === 'guild') {
    const options = form.guilds.map(
      (g) => `<option value="${escapeHtml(g.id)}"${g.id === value ? ' selected' : ''}>${escapeHtml(g.name)} (${g.messages.toLocaleString('en-US')} messages)</option>`,
    );
    return `<label>${label} <select name="guild">${options.join('')}</select></label>`;
  }
  if (name === 'from' || name === 'to') return `<label>${label} <input type="date" name="${name}" value="${escapeHtml(value)}"></label>`;
  return `<label>${label} <input type="text" name="${escapeHtml(name)}" value="${escapeHtml(value)}" placeholder="UTC" spellcheck="false"></label>`;
}

/**
 * `/n/<name>`: the form with the page's parameters and an empty outputs area that the page's
 * script fills from `/n/<name>/render`, showing progress from `/n/<name>/status` meanwhile.
 */
export function shellPage(entry: NotebookEntry, form: ShellForm, nonce: string): string {
  const name = encodeURIComponent(entry.name);
  const given = Object.fromEntries(Object.entries(form.values).filter(([, v]) => v !== ''));
  const query = queryString(given);
  const suffix = query ? `?${query}` : '';
  const fields = form.offered.map((p) => field(p, form)).join('\n');
  return document(
    entry.title,
    `<header><a href="/">All dashboards</a><h1>${escapeHtml(entry.title)}</h1></header>
<form class="parameters" method="get" action="/n/${name}">
${fields}
<button type="submit">Show</button>
<a class="pdf" href="/pdf/${name}${escapeHtml(suffix)}">Download PDF</a>
</form>
<div id="status" role="status" aria-live="polite" data-state="loading">Starting…</div>
<main id="outputs" data-render="/n/${name}/render${escapeHtml(suffix)}" data-status="/n/${name}/status${escapeHtml(suffix)}"></main>`,
    `<script src="/assets/plotly.min.js" defer></script>
<script src="/assets/dashboard.js" defer nonce="${escapeHtml(nonce)}"></script>
`,
  );
}

/** The body of a failed render: what went wrong in one line, no traceback. */
export function failureFragment(reason: string): string {
  return `<section class="failure"><h2>This page could not be computed</h2><p>${escapeHtml(reason)}</p></section>`;
}

/** A page that only says why the request was refused (400, 404, 405…). */
export function messagePage(title: string, message: string): string {
  return document(title, `<header><a href="/">All dashboards</a><h1>${escapeHtml(title)}</h1></header>\n<main><p class="message">${escapeHtml(message)}</p></main>`);
}
