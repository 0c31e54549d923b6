import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';
import { chooseGuild } from '../notebooks/notebook-defaults';
import { printPdf } from '../reports/print-pdf';
import { renderNotebookHtml } from '../reports/render-notebook-html';
import { reportCover } from '../reports/report-period';
import { runPage, type ComputePageOptions } from './compute-page';
import type { KernelPool } from './kernel-pool';
import type { NotebookEntry } from './notebook-catalog';

/** A printed page: the PDF and the name to offer for it. */
export interface PagePdf {
  pdf: Buffer;
  fileName: string;
}

/**
 * "Download PDF" of a dashboard page: the same notebook and parameters, run on a pooled kernel,
 * then printed by the report renderer (lib/reports: cover, bookmarks, page numbers).
 */
export async function printPagePdf(
  pool: KernelPool,
  db: Kysely<Database>,
  entry: NotebookEntry,
  params: Record<string, string>,
  options: ComputePageOptions & { dataVersion: string },
): Promise<PagePdf> {
  const guild = await chooseGuild(db, params.guild);
  const notebook = await runPage(pool, entry, params, options);
  const html = await renderNotebookHtml(notebook, reportCover(params, guild, options.dataVersion));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guildaudit-serve-pdf-'));
  try {
    const file = path.join(dir, 'page.pdf');
    await printPdf(html, file);
    return { pdf: fs.readFileSync(file), fileName: `${entry.name}-${guild.id}.pdf` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
