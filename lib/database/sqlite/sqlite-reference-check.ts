import type BetterSqlite3 from 'better-sqlite3';
import { KnownRows, missingParent } from '../known-rows';

/**
 * The foreign keys of an import, checked in memory. SQLite's own enforcement is switched off
 * while an import writes (see `openSqliteEngine`): its parent lookups are a tenth of the write
 * time, for references the batch contract already guarantees (a message's guild, channel and
 * author come in the same batch or an earlier one). Rows the import wrote are remembered; any
 * other reference is looked up once in the database, and one that exists nowhere fails the
 * import just as the constraint would.
 *
 * References the writer itself makes (a reaction to the message it just wrote, a message to its
 * own `imports` row) are not checked here.
 */
export class SqliteReferenceCheck {
  readonly known = new KnownRows();
  readonly #exists: Record<'guilds' | 'channels' | 'users' | 'roles', BetterSqlite3.Statement>;

  constructor(handle: BetterSqlite3.Database) {
    const prepare = (sql: string) => handle.prepare(sql).pluck();
    this.#exists = {
      guilds: prepare('SELECT 1 FROM guilds WHERE id = ?'),
      channels: prepare('SELECT 1 FROM channels WHERE id = ?'),
      users: prepare('SELECT 1 FROM users WHERE id = ?'),
      roles: prepare('SELECT 1 FROM roles WHERE guild_id = ? AND id = ?'),
    };
  }

  /** Throws unless the guild exists; `column` names the referencing column for the error. */
  guild(id: string, column: string): void {
    if (!this.known.has('guilds', id)) this.#look('guilds', id, column);
  }

  channel(id: string, column: string): void {
    if (!this.known.has('channels', id)) this.#look('channels', id, column);
  }

  user(id: string, column: string): void {
    if (!this.known.has('users', id)) this.#look('users', id, column);
  }

  role(guildId: string, id: string, column: string): void {
    if (this.known.hasRole(guildId, id)) return;
    if (this.#exists.roles.get(guildId, id) === undefined) throw missingParent(column, id, 'roles');
    this.known.addRole(guildId, id);
  }

  #look(table: 'guilds' | 'channels' | 'users', id: string, column: string): void {
    if (this.#exists[table].get(id) === undefined) throw missingParent(column, id, table);
    this.known.add(table, id);
  }
}
