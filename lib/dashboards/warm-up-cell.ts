/**
 * The cell every pooled kernel runs before it is handed out: it makes tslab compile a cell that
 * imports `guildaudit/notebook` (what notebooks import) with its types (the slow part of a first
 * cell), requires the library, and opens and closes the database once so the driver is loaded too.
 * Its names are unusual so a notebook's own declarations never meet them.
 *
 * Resolving `kysely` from the notebooks folder first also lets tslab name kysely's types
 * `kysely` when that folder's `node_modules` is a symlink (a git worktree sharing the main
 * checkout's packages); otherwise a cell like `const db = engine.db` fails with "cannot be named
 * without a reference to 'guildaudit/node_modules/kysely'".
 */
export const WARM_UP_CELL = `import type { Kysely as GuildauditWarmUpKysely } from 'kysely';
import * as guildauditWarmUp from 'guildaudit/notebook';
{
  const guildauditWarmUpEngine = await guildauditWarmUp.openNotebookEngine();
  await guildauditWarmUp.dataVersion(guildauditWarmUpEngine.db);
  await guildauditWarmUpEngine.close();
}
`;
