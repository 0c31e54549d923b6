import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { addLabel } from '../../labels/add-label';
import { listLabels, type LabelRow } from '../../labels/list-labels';
import { removeLabels } from '../../labels/remove-labels';
import { QueryParamError } from '../../queries/query-error';
import { CliError, USAGE_EXIT_CODE } from '../cli-error';
import { DB_HELP, DB_OPTION, type Args, type Command } from '../command';
import { toCsv } from '../csv';
import type { Io } from '../io';
import { openDatabase } from '../open-database';
import { renderTable } from '../table';

const COLUMNS: ReadonlyArray<keyof LabelRow> = ['user', 'userName', 'guild', 'guildName', 'label', 'note', 'by', 'at'];

/** One action of `label`: how many positionals it takes, which options, what it does. */
interface Action {
  positionals: { min: number; max: number; usage: string };
  options: string[];
  run(db: Kysely<Database>, args: Args, io: Io): Promise<number>;
}

const ACTIONS: Record<string, Action> = {
  add: {
    positionals: { min: 2, max: 2, usage: 'label add <user> <label> (quote a label with spaces)' },
    options: ['guild', 'note', 'by'],
    async run(db, args, io) {
      const [user, label] = args.positionals;
      const guild = args.values.guild as string | undefined;
      const { created, row } = await addLabel(db, { user, label, guild, note: args.values.note as string | undefined, by: args.values.by as string | undefined });
      io.out(`${created ? 'labelled' : 'updated the label of'} ${person(row)} '${row.label}' ${scope(row)}\n`);
      if (row.userName === null) io.err(`note: user ${row.user} is not in the database yet; the label shows with their name once their archives are imported\n`);
      return 0;
    },
  },
  rm: {
    positionals: { min: 1, max: 2, usage: 'label rm <user> [<label>]' },
    options: ['guild', 'global'],
    async run(db, args, io) {
      const [user, label] = args.positionals;
      const removed = await removeLabels(db, { user, label, guild: guildFilter(args) });
      const what = `${label === undefined ? 'no labels' : `no label '${label}'`} of user ${user.trim()}`;
      if (removed === 0) throw new CliError(`${what} ${scopeOfFilter(args)}: nothing removed`);
      io.out(`removed ${removed} label${removed === 1 ? '' : 's'}\n`);
      return 0;
    },
  },
  ls: {
    positionals: { min: 0, max: 1, usage: 'label ls [<user>]' },
    options: ['guild', 'global', 'label', 'json', 'csv'],
    async run(db, args, io) {
      const rows = await listLabels(db, { user: args.positionals[0], guild: guildFilter(args), label: args.values.label as string | undefined });
      if (args.values.json) io.out(JSON.stringify(rows, null, 2) + '\n');
      else if (args.values.csv) io.out(rows.length > 0 ? toCsv(rows) : `${COLUMNS.join(',')}\r\n`);
      else if (rows.length === 0) io.out('(no labels)\n');
      else io.out(renderTable([...COLUMNS], rows.map((r) => COLUMNS.map((c) => (c === 'at' ? r.at.slice(0, 16) : r[c])))));
      return 0;
    },
  },
};

/** `--guild <id>` or `--global` as a library scope filter; neither matches every scope. */
function guildFilter(args: Args): string | null | undefined {
  return args.values.global ? null : (args.values.guild as string | undefined);
}

function scopeOfFilter(args: Args): string {
  return args.values.global ? 'across every guild' : args.values.guild !== undefined ? `in guild ${args.values.guild}` : 'in any guild';
}

function person(row: LabelRow): string {
  return row.userName === null ? row.user : `${row.user} (${row.userName})`;
}

function scope(row: LabelRow): string {
  return row.guild === null ? 'across every guild' : `in ${row.guild} (${row.guildName})`;
}

/** `guildaudit label add|rm|ls`: analysts' labels on individuals. */
export const labelCommand: Command = {
  name: 'label',
  summary: 'Label individuals as you investigate (label add|rm|ls)',
  help: `Usage: guildaudit label add <user> <label> [--guild <id>] [--note <text>]
                           [--by <name>]
       guildaudit label rm <user> [<label>] [--guild <id> | --global]
       guildaudit label ls [<user>] [--guild <id> | --global] [--label <label>]
                           [--json | --csv]
       (each also takes --db <target>)

Analysts' labels on individuals ('sybil', 'core contributor', 'alt of 5001'...),
about one guild (--guild) or about the person across every guild (the default).
A <user> is the account's user ID (find it with 'guildaudit query person
--param user=<name>'); the account need not be imported yet. Labels are kept in
the audit database but are not archive data: they never change the data
version, so cached query results stay valid.

  add   Labels a person. The same user, guild and label exist once: adding it
        again replaces the note (when --note is given; --note '' clears it) and
        records who and when.
  rm    Removes the person's label, or all their labels without <label>; in
        every guild and across guilds unless --guild or --global narrows it.
        Exits 1 when nothing matched.
  ls    Lists labels (all, or one person's), ordered by user ID, then labels
        across guilds before those of one guild, then label.

Options:
  --guild <id>       add: the guild the label is about; rm, ls: that guild's
                     labels only
  --global           rm, ls: only labels about the person across every guild
  --note <text>      add: a note (why, evidence)
  --by <name>        add: who labels (default: your OS user name)
  --label <label>    ls: only this label
  --json             ls: a JSON array of {user, userName, guild, guildName,
                     label, note, by, at}, at as ISO-8601 UTC
  --csv              ls: the same columns as CSV
${DB_HELP}
  -h, --help         Show this help
`,
  options: {
    ...DB_OPTION,
    guild: { type: 'string' },
    global: { type: 'boolean' },
    note: { type: 'string' },
    by: { type: 'string' },
    label: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
  },
  async run(args, io) {
    const [name, ...positionals] = args.positionals;
    const action = name === undefined ? undefined : ACTIONS[name];
    if (!action) {
      const got = name === undefined ? 'none' : `'${name}'`;
      throw new CliError(`name an action: add, rm or ls (got ${got}). Run 'guildaudit label --help' for usage.`, USAGE_EXIT_CODE);
    }
    const { min, max, usage } = action.positionals;
    if (positionals.length < min || positionals.length > max) {
      throw new CliError(`expected: guildaudit ${usage} (got ${positionals.length} argument${positionals.length === 1 ? '' : 's'})`, USAGE_EXIT_CODE);
    }
    const stray = Object.keys(args.values).filter((o) => o !== 'db' && o !== 'debug' && args.values[o] !== undefined && !action.options.includes(o));
    if (stray.length > 0) throw new CliError(`--${stray[0]} is not an option of 'label ${name}'. Run 'guildaudit label --help' for usage.`, USAGE_EXIT_CODE);
    if (args.values.json && args.values.csv) throw new CliError('choose --json or --csv, not both', USAGE_EXIT_CODE);
    if (args.values.global && args.values.guild !== undefined) throw new CliError('choose --guild or --global, not both', USAGE_EXIT_CODE);

    const engine = await openDatabase(args, io);
    try {
      return await action.run(engine.db, { values: args.values, positionals }, io);
    } catch (error) {
      if (error instanceof QueryParamError) throw new CliError(error.message);
      throw error;
    } finally {
      await engine.close();
    }
  },
};
