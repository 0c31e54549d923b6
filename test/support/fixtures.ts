import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../../lib/database/engine';
import type { Database } from '../../lib/database/schema';

/** Folder of the hand-made DiscordChatExporter fixtures (see its README for what each covers). */
export const DCE_FIXTURES = path.resolve(__dirname, '../../../test/fixtures/dce');

/** Path of one DCE fixture. */
export const dceFixture = (name: string) => path.join(DCE_FIXTURES, name);

/** A fixture read with plain `JSON.parse`: the independent oracle for what an import stores. */
export function readFixture(name: string): any {
  return JSON.parse(fs.readFileSync(dceFixture(name), 'utf8'));
}

/** Number of rows in a table. */
export async function countRows(engine: Engine, table: keyof Database): Promise<number> {
  const row = await engine.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Every row of every data table (not `imports`, and not which import wrote a message), sorted,
 * so two databases can be compared whole.
 */
export async function dumpData(engine: Engine): Promise<Record<string, unknown[]>> {
  const tables: Array<keyof Database> = ['guilds', 'channels', 'users', 'members', 'roles', 'member_roles', 'messages',
    'reactions', 'reaction_users', 'mentions', 'attachments', 'embeds'];
  const dump: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows = (await engine.db.selectFrom(table).selectAll().execute()) as Array<Record<string, unknown>>;
    dump[table] = rows
      .map((r) => {
        const { import_id: _ignored, ...rest } = r;
        return JSON.stringify(rest, Object.keys(rest).sort());
      })
      .sort();
  }
  return dump;
}
