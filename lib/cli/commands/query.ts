import { QueryParamError } from '../../queries/query-error';
import { QUERIES } from '../../queries/registry';
import { acceptedParams, runQuery } from '../../queries/run-query';
import { CliError, USAGE_EXIT_CODE } from '../cli-error';
import { DB_HELP, DB_OPTION, type Command } from '../command';
import { toCsv } from '../csv';
import { openDatabase } from '../open-database';
import { renderTable } from '../table';

function listQueries(): string {
  return QUERIES.map((q) => {
    const params = acceptedParams(q)
      .map((p) => `    ${p.name}${p.required ? ' (required)' : ''}: ${p.type}${p.default !== undefined ? ` = ${p.default}` : ''} — ${p.description}`)
      .join('\n');
    return `${q.name} — ${q.summary}\n  follows: ${q.follows}\n  parameters:\n${params || '    (none)'}`;
  }).join('\n\n') + '\n';
}

/** `--param key=value` pairs as an object; a repeated key collects a list. */
function parseParams(pairs: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--param takes key=value (got '${pair}')`, USAGE_EXIT_CODE);
    const key = pair.slice(0, eq);
    params[key] = key in params ? `${params[key]},${pair.slice(eq + 1)}` : pair.slice(eq + 1);
  }
  return params;
}

function cellValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toFixed(4));
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** `guildaudit query`: run a named audit query. */
export const queryCommand: Command = {
  name: 'query',
  summary: 'Run a named audit query and print its rows',
  help: `Usage: guildaudit query --list
       guildaudit query <name> [--guild <id>] [--param key=value ...]
                        [--json | --csv] [--db <target>]

Runs one of the audit library's named queries — the same names notebooks and
dashboards call — and prints its rows: a table, or JSON, or CSV. Results are
cached in the database per query, parameters and data version; any import
changes the data version, so a stale result is never served.

Options:
  --list             Name every query with its parameters
  --guild <id>       The guild (queries across guilds do not need it)
  --param key=value  A parameter (repeat for more), e.g. --param from=2024-01-01
                     --param timeZone=Europe/Berlin
  --json             One object {query, params, dataVersion, cached, rows}
  --csv              The rows as CSV
  --no-cache         Compute afresh and leave the cache alone
${DB_HELP}
  -h, --help         Show this help
`,
  options: {
    ...DB_OPTION,
    list: { type: 'boolean' },
    guild: { type: 'string' },
    param: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
    'no-cache': { type: 'boolean' },
  },
  async run(args, io) {
    if (args.values.list) {
      io.out(listQueries());
      return 0;
    }
    const [name, ...extra] = args.positionals;
    if (!name) throw new CliError("name a query, or use --list. Run 'guildaudit query --help' for usage.", USAGE_EXIT_CODE);
    if (extra.length > 0) throw new CliError(`one query at a time (got also ${extra.join(' ')})`, USAGE_EXIT_CODE);
    if (args.values.json && args.values.csv) throw new CliError('choose --json or --csv, not both', USAGE_EXIT_CODE);
    const params: Record<string, string> = parseParams((args.values.param as string[] | undefined) ?? []);
    if (args.values.guild !== undefined) params.guild = args.values.guild as string;

    const engine = await openDatabase(args, io);
    try {
      const result = await runQuery(engine.db, name, params, { cache: !args.values['no-cache'] });
      if (args.values.json) io.out(JSON.stringify(result, null, 2) + '\n');
      else if (args.values.csv) io.out(toCsv(result.rows));
      else if (result.rows.length === 0) io.out('(no rows)\n');
      else {
        const headers = Object.keys(result.rows[0]);
        io.out(renderTable(headers, result.rows.map((r) => headers.map((h) => cellValue((r as Record<string, unknown>)[h])))));
      }
      return 0;
    } catch (error) {
      if (error instanceof QueryParamError) throw new CliError(error.message);
      throw error;
    } finally {
      await engine.close();
    }
  },
};
