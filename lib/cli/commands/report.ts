import path from 'node:path';
import { resolveDatabaseTarget } from '../../database/open-engine';
import { guildSummaries } from '../../queries/guild-summaries';
import { QueryParamError } from '../../queries/query-error';
import { makeReport } from '../../reports/make-report';
import { ReportError } from '../../reports/report-error';
import { CliError, USAGE_EXIT_CODE } from '../cli-error';
import { DB_HELP, DB_OPTION, type Command } from '../command';
import { checkNotebookParameters, NOTEBOOK_OPTIONS_HELP, notebookRunError, parseParams, parseTimeout } from '../notebook-options';
import { openDatabase } from '../open-database';
import { formatBytes, ProgressBar } from '../progress';

/**
 * Where one guild's file goes with --each-guild: `{guild}` in the path is replaced by the guild's
 * ID; otherwise the path is a folder that gets `<notebook>-<guild id>.<ext>`.
 */
export function perGuildPath(target: string, notebook: string, guild: string, ext: string): string {
  if (target.includes('{guild}')) return target.split('{guild}').join(guild);
  return path.join(target, `${path.basename(notebook, '.ipynb')}-${guild}.${ext}`);
}

/** `guildaudit report`: run a notebook and print its outputs as a PDF report. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'Run a notebook and print its outputs as a PDF report (and HTML)',
  help: `Usage: guildaudit report <notebook.ipynb> --pdf <out.pdf> [--html <out.html>]
                         [--param name=value ...] [--each-guild]
                         [--pseudonymize [--keep-staff-names]]
                         [--timeout <seconds>] [--db <target>]

Runs the notebook like 'guildaudit run', then renders its outputs as one
document — a cover with the guild, the period, when it was made and the data
version; code hidden; cell tags remove_cell, remove_input and remove_output
honoured — and prints it to PDF with Chromium (bookmarks for the headings, page
numbers). Fonts and plotly.js come with the project: nothing is fetched from
the network. The PDF and HTML are written whole or not at all.

Options:
  --pdf <file>          The PDF to write (with --each-guild: a folder, or a path
                        with {guild} in it)
  --html <file>         Also write the printed HTML document (same rules)
${NOTEBOOK_OPTIONS_HELP}
  --pseudonymize        Replace every member name and ID in the outputs by a
                        stable pseudonym (same person, same pseudonym)
  --keep-staff-names    With --pseudonymize: keep members holding a staff role
                        named (roles given with --staff-role)
  --staff-role <role>   A role name or ID that makes a member staff (repeat)
  --each-guild          One report per guild in the database
${DB_HELP}
  -h, --help            Show this help

Chromium: GUILDAUDIT_CHROMIUM names the browser; default Debian's
chromium-headless-shell, else its chromium, else either on PATH.

Exit status: 0 when every report was written, 1 when a run, a guild or the
printing failed, 2 for a usage mistake.
`,
  options: {
    ...DB_OPTION,
    pdf: { type: 'string' },
    html: { type: 'string' },
    param: { type: 'string', multiple: true },
    timeout: { type: 'string' },
    pseudonymize: { type: 'boolean' },
    'keep-staff-names': { type: 'boolean' },
    'staff-role': { type: 'string', multiple: true },
    'each-guild': { type: 'boolean' },
  },
  async run(args, io) {
    const [notebook, ...extra] = args.positionals;
    if (!notebook) throw new CliError("name the notebook to report on. Run 'guildaudit report --help' for usage.", USAGE_EXIT_CODE);
    if (extra.length > 0) throw new CliError(`one notebook at a time (got also ${extra.join(' ')})`, USAGE_EXIT_CODE);
    const pdf = args.values.pdf as string | undefined;
    if (!pdf) throw new CliError('say where the PDF goes: --pdf <out.pdf>', USAGE_EXIT_CODE);
    const html = args.values.html as string | undefined;
    const parameters = parseParams((args.values.param as string[] | undefined) ?? []);
    const timeoutSeconds = parseTimeout(args.values.timeout as string | undefined);
    const eachGuild = args.values['each-guild'] === true;
    if (eachGuild && parameters.guild) throw new CliError('--each-guild reports on every guild: leave out --param guild', USAGE_EXIT_CODE);
    const staffRoles = (args.values['staff-role'] as string[] | undefined) ?? [];
    const keepStaff = args.values['keep-staff-names'] === true;
    if ((keepStaff || staffRoles.length > 0) && args.values.pseudonymize !== true) {
      throw new CliError('--keep-staff-names and --staff-role go with --pseudonymize', USAGE_EXIT_CODE);
    }
    if (keepStaff && staffRoles.length === 0) throw new CliError('--keep-staff-names needs the staff roles: --staff-role <name or ID>', USAGE_EXIT_CODE);
    checkNotebookParameters(notebook, { ...parameters, guild: parameters.guild ?? '' });

    const engine = await openDatabase(args, io);
    const databaseTarget = resolveDatabaseTarget(args.values.db as string | undefined, io.env);
    try {
      const guilds = eachGuild ? (await guildSummaries(engine.db)).map((g) => g.id) : [parameters.guild ?? ''];
      if (guilds.length === 0) throw new CliError('the database holds no guild yet: import an archive first (guildaudit ingest)');
      for (const guild of guilds) {
        const pdfPath = eachGuild ? perGuildPath(pdf, notebook, guild, 'pdf') : pdf;
        const htmlPath = html === undefined ? undefined : eachGuild ? perGuildPath(html, notebook, guild, 'html') : html;
        const bar = new ProgressBar(io, (rate) => `${rate.toFixed(1)} cells`);
        try {
          const report = await makeReport(engine, {
            notebook,
            parameters: guild ? { ...parameters, guild } : parameters,
            databaseTarget,
            pdfPath,
            htmlPath,
            pseudonymize: args.values.pseudonymize === true ? { keepStaff, staffRoles } : undefined,
            timeoutSeconds,
            onCell: (p) => bar.update(p.phase === 'end' ? p.ordinal : p.ordinal - 1, p.codeCells, `cell ${p.cellNumber}: ${p.firstLine}`),
          });
          bar.clear();
          io.out(`${report.guild.name}: ${report.pdfPath} (${formatBytes(report.bytes)}; ran ${report.cellsRun} cells in ` +
            `${report.runSeconds.toFixed(1)} s, printed in ${report.printSeconds.toFixed(1)} s)` +
            `${report.htmlPath ? ` and ${report.htmlPath}` : ''}\n`);
        } catch (error) {
          bar.clear();
          if (error instanceof QueryParamError || error instanceof ReportError) throw new CliError(`${notebook}: ${error.message}`);
          throw notebookRunError(error, notebook);
        }
      }
      return 0;
    } finally {
      await engine.close();
    }
  },
};
