import { clearQueryCache } from '../../queries/run-query';
import { CliError, USAGE_EXIT_CODE } from '../cli-error';
import { DB_HELP, DB_OPTION, type Command } from '../command';
import { openDatabase } from '../open-database';

/** `guildaudit cache clear`: empty the query result cache. */
export const cacheCommand: Command = {
  name: 'cache',
  summary: 'Manage the query result cache (cache clear)',
  help: `Usage: guildaudit cache clear [--db <target>]

Empties the cache of query results kept in the database. Never needed for
correctness — every import changes the data version, so stale results are not
served — but frees space and forces the next queries to compute afresh.

Options:
${DB_HELP}
  -h, --help         Show this help
`,
  options: { ...DB_OPTION },
  async run(args, io) {
    if (args.positionals.join(' ') !== 'clear') {
      throw new CliError("the only cache action is 'clear': guildaudit cache clear", USAGE_EXIT_CODE);
    }
    const engine = await openDatabase(args, io);
    try {
      const dropped = await clearQueryCache(engine.db);
      io.out(`cleared ${dropped} cached result${dropped === 1 ? '' : 's'} from ${engine.location}\n`);
      return 0;
    } finally {
      await engine.close();
    }
  },
};
