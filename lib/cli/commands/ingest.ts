import { findArchives, MissingInputError } from '../../ingest/find-archives';
import { ingest } from '../../ingest/ingest';
import { CliError, USAGE_EXIT_CODE } from '../cli-error';
import { DB_HELP, DB_OPTION, type Command } from '../command';
import { openDatabase } from '../open-database';
import { formatBytes, formatCount, ProgressBar } from '../progress';

/** `guildaudit ingest`: import archives. */
export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Import Discord archives into the audit database',
  help: `Usage: guildaudit ingest <files, folders or globs...> [--db <target>] [--json]

Imports DiscordChatExporter JSON exports (one file per channel or thread) into
the audit database. Folders are walked for *.json files; quote glob patterns
('exports/**/*.json') to have them expanded the same way on every shell.

Each file is one transaction: a malformed or truncated file is reported with
its line and column and leaves nothing behind, and the other files still import.
Importing the same file again changes nothing; a newer export of a channel adds
its new messages and updates edited ones.

Options:
${DB_HELP}
  --json             Print one JSON object per run: totals and each file's outcome
  -h, --help         Show this help

Exit status: 0 when every file imported (or was unchanged), 1 when any failed.
`,
  options: { ...DB_OPTION, json: { type: 'boolean' } },
  async run(args, io) {
    if (args.positionals.length === 0) {
      throw new CliError("name at least one file, folder or glob to import. Run 'guildaudit ingest --help' for usage.", USAGE_EXIT_CODE);
    }
    let files: string[];
    try {
      files = findArchives(args.positionals);
    } catch (error) {
      if (error instanceof MissingInputError) throw new CliError(error.message);
      throw error;
    }
    if (files.length === 0) throw new CliError(`no *.json archives found in ${args.positionals.join(', ')}`);

    const engine = await openDatabase(args, io);
    const bar = new ProgressBar(io);
    let reported = 0;
    try {
      const result = await ingest(engine, files, (p) => {
        bar.update(p.bytesDone, p.bytesTotal, `${formatCount(p.messages)} messages${p.indexing ? ', building indexes' : ''}`);
      }).finally(() => bar.clear());
      for (const outcome of result.outcomes.slice(reported)) {
        if (outcome.status === 'failed') io.err(`guildaudit: failed: ${outcome.error}\n`);
      }
      reported = result.outcomes.length;
      const seconds = bar.elapsed;
      if (args.values.json) {
        io.out(JSON.stringify({ database: engine.location, seconds, ...result }, null, 2) + '\n');
      } else {
        const parts = [`imported ${formatCount(result.imported)} of ${formatCount(files.length)} files`];
        if (result.unchanged > 0) parts.push(`${formatCount(result.unchanged)} unchanged`);
        if (result.failed > 0) parts.push(`${formatCount(result.failed)} failed`);
        const rate = seconds > 0 && result.messages > 0 ? ` — ${formatCount(result.messages / seconds)} messages/s` : '';
        io.out(
          `${parts.join(', ')}: ${formatCount(result.messages)} messages, ${formatBytes(result.bytes)} ` +
            `in ${seconds.toFixed(1)} s${rate} → ${engine.location}\n`,
        );
      }
      return result.failed > 0 ? 1 : 0;
    } finally {
      await engine.close();
    }
  },
};
