/**
 * Lines up the descriptions of a help text's `Options:` block in one column, two spaces after
 * its longest option. Commands paste in shared lines (`--db`, `--param`, `--timeout`) written
 * for another width; this keeps each command's own list straight. A description's continuation
 * lines move with it. Text outside the block is left as written.
 *
 * @example
 * alignOptions('Options:\n  --db <target>  Where\n  -h, --help   Help\n')
 * // 'Options:\n  --db <target>  Where\n  -h, --help     Help\n'
 */
export function alignOptions(help: string): string {
  const lines = help.split('\n');
  const start = lines.indexOf('Options:');
  if (start < 0) return help;
  let end = lines.indexOf('', start);
  if (end < 0) end = lines.length;
  const block = lines.slice(start + 1, end);
  const options = block.map((line) => OPTION.exec(line));
  const column = Math.max(0, ...options.map((m) => (m ? m[1].length + 2 : 0)));
  let shift = 0; // how far the last option's description moved, for its continuation lines
  const aligned = block.map((line, i) => {
    const option = options[i];
    if (option) {
      shift = column - (option[1].length + option[2].length);
      return option[1].padEnd(column) + option[3];
    }
    const indent = /^ */.exec(line)![0].length;
    return ' '.repeat(Math.max(2, indent + shift)) + line.slice(indent);
  });
  return [...lines.slice(0, start + 1), ...aligned, ...lines.slice(end)].join('\n');
}

/** `  --flag <value>   Description`: the option (single spaces inside), the gap, the description. */
const OPTION = /^( {2}-\S*(?: \S+)*)( {2,})(\S.*)$/;
