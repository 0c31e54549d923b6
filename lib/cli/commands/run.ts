import { resolveDatabaseTarget } from '../../database/open-engine';
import { NOTEBOOK_DATABASE_ENV, targetForKernel } from '../../notebooks/notebook-database';
import { runNotebook } from '../../notebooks/run-notebook';
import { dataVersion } from '../../queries/data-version';
import { CliError, USAGE_EXIT_CODE } from '../cli-error';
import { DB_HELP, DB_OPTION, type Command } from '../command';
import { checkNotebookParameters, NOTEBOOK_OPTIONS_HELP, notebookRunError, parseParams, parseTimeout } from '../notebook-options';
import { openDatabase } from '../open-database';
import { ProgressBar } from '../progress';

/** The executed notebook's default path: next to the input, `.ipynb` → `.out.ipynb`. */
export function defaultOutputPath(input: string): string {
  return input.replace(/\.ipynb$/i, '') + '.out.ipynb';
}

/** `guildaudit run`: execute a notebook unattended and write the executed copy. */
export const runCommand: Command = {
  name: 'run',
  summary: 'Run a tslab notebook unattended and save it with its outputs',
  help: `Usage: guildaudit run <notebook.ipynb> [--param name=value ...] [--out <file>]
                      [--timeout <seconds>] [--db <target>]

Runs every code cell of a tslab notebook from top to bottom in a fresh kernel
started from the project's own tslab (no Jupyter or Python needed), and writes
the executed notebook with its outputs. The kernel runs in the notebook's
folder; notebooks open the audit database with openNotebookEngine(), which reads
the database this command was given.

Parameters follow papermill: the first cell tagged 'parameters' declares the
defaults, one per line, as  const name: Type = value;  (or let). Each --param
value is converted by the declared type (number, boolean, string — snowflake IDs
stay strings — else JSON) and written into a new cell tagged
'injected-parameters' right after it; the values are recorded in the notebook's
metadata (papermill.parameters and guildaudit).

The run stops at the first cell that fails, unless the cell is tagged
'raises-exception'; the executed notebook is still written, up to that cell. A
cell running longer than --timeout is interrupted and fails the run.

Options:
  --out <file>         Where to write the executed notebook
                       (default: next to the input, .ipynb → .out.ipynb)
${NOTEBOOK_OPTIONS_HELP}
${DB_HELP}
  -h, --help           Show this help

Exit status: 0 when every cell ran, 1 when a cell failed or the notebook cannot
be read, 2 for a usage mistake (unknown parameter, value of the wrong type).
`,
  options: {
    ...DB_OPTION,
    param: { type: 'string', multiple: true },
    out: { type: 'string' },
    timeout: { type: 'string' },
  },
  async run(args, io) {
    const [input, ...extra] = args.positionals;
    if (!input) throw new CliError("name the notebook to run. Run 'guildaudit run --help' for usage.", USAGE_EXIT_CODE);
    if (extra.length > 0) throw new CliError(`one notebook at a time (got also ${extra.join(' ')})`, USAGE_EXIT_CODE);
    const parameters = parseParams((args.values.param as string[] | undefined) ?? []);
    const timeoutSeconds = parseTimeout(args.values.timeout as string | undefined);
    const output = (args.values.out as string | undefined) ?? defaultOutputPath(input);

    checkNotebookParameters(input, parameters);

    // opening validates the database and applies migrations before the kernel reads it
    const engine = await openDatabase(args, io);
    let version: string;
    try {
      version = await dataVersion(engine.db);
    } finally {
      await engine.close();
    }
    const target = targetForKernel(resolveDatabaseTarget(args.values.db as string | undefined, io.env));

    const bar = new ProgressBar(io, (rate) => `${rate.toFixed(1)} cells`);
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    try {
      const result = await runNotebook({
        input,
        output,
        parameters,
        timeoutSeconds,
        env: { [NOTEBOOK_DATABASE_ENV]: target },
        dataVersion: version,
        signal: abort.signal,
        onCell: (p) => bar.update(p.phase === 'end' ? p.ordinal : p.ordinal - 1, p.codeCells, `cell ${p.cellNumber}: ${p.firstLine}`),
      });
      bar.clear();
      io.out(`ran ${result.cellsRun} cell${result.cellsRun === 1 ? '' : 's'} of ${input} in ${result.seconds.toFixed(1)} s → ${output}\n`);
      return 0;
    } catch (error) {
      bar.clear();
      throw notebookRunError(error, input, output);
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  },
};
