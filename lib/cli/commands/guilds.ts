import { guildSummaries } from '../../queries/guild-summaries';
import { isoTime } from '../../queries/time-buckets';
import { DB_HELP, DB_OPTION, type Command } from '../command';
import { openDatabase } from '../open-database';
import { renderTable } from '../table';


/** `guildaudit guilds`: the guilds in the database. */
export const guildsCommand: Command = {
  name: 'guilds',
  summary: 'List the guilds in the audit database',
  help: `Usage: guildaudit guilds [--json] [--db <target>]

Lists the guilds in the audit database with their id, name, number of channels
(threads and forum posts included, categories not), number of stored messages
(system notices included) and the time of the first and last message.

Options:
  --json             A JSON array of {id, name, channels, messages, first, last}
                     with ISO-8601 UTC times; usable as the id→name manifest of
                     a data folder
${DB_HELP}
  -h, --help         Show this help
`,
  options: { ...DB_OPTION, json: { type: 'boolean' } },
  async run(args, io) {
    const engine = await openDatabase(args, io);
    try {
      const guilds = await guildSummaries(engine.db);
      if (args.values.json) {
        const rows = guilds.map((g) => ({ ...g, first: isoTime(g.first), last: isoTime(g.last) }));
        io.out(JSON.stringify(rows, null, 2) + '\n');
      } else if (guilds.length === 0) {
        io.out(`No guilds in ${engine.location} yet. Import archives with 'guildaudit ingest <files or folders>'.\n`);
      } else {
        io.out(renderTable(
          ['id', 'name', 'channels', 'messages', 'first', 'last'],
          guilds.map((g) => [g.id, g.name, g.channels, g.messages, isoTime(g.first)?.slice(0, 16) ?? null, isoTime(g.last)?.slice(0, 16) ?? null]),
        ));
      }
      return 0;
    } finally {
      await engine.close();
    }
  },
};
