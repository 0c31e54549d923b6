import type BetterSqlite3 from 'better-sqlite3';

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
  readonly #guilds = new Set<string>();
  readonly #channels = new Set<string>();
  readonly #users = new Set<string>();
  /** Roles by guild. */
  readonly #roles = new Map<string, Set<string>>();
  readonly #exists: Record<'guild' | 'channel' | 'user' | 'role', BetterSqlite3.Statement>;

  constructor(handle: BetterSqlite3.Database) {
    const prepare = (sql: string) => handle.prepare(sql).pluck();
    this.#exists = {
      guild: prepare('SELECT 1 FROM guilds WHERE id = ?'),
      channel: prepare('SELECT 1 FROM channels WHERE id = ?'),
      user: prepare('SELECT 1 FROM users WHERE id = ?'),
      role: prepare('SELECT 1 FROM roles WHERE guild_id = ? AND id = ?'),
    };
  }

  wroteGuild(id: string): void {
    this.#guilds.add(id);
  }

  wroteChannel(id: string): void {
    this.#channels.add(id);
  }

  wroteUser(id: string): void {
    this.#users.add(id);
  }

  wroteRole(guildId: string, id: string): void {
    this.#rolesOf(guildId).add(id);
  }

  /** Throws unless the guild exists; `column` names the referencing column for the error. */
  guild(id: string, column: string): void {
    if (!this.#guilds.has(id)) this.#look(this.#guilds, id, this.#exists.guild.get(id), column, 'guilds');
  }

  channel(id: string, column: string): void {
    if (!this.#channels.has(id)) this.#look(this.#channels, id, this.#exists.channel.get(id), column, 'channels');
  }

  user(id: string, column: string): void {
    if (!this.#users.has(id)) this.#look(this.#users, id, this.#exists.user.get(id), column, 'users');
  }

  role(guildId: string, id: string, column: string): void {
    const roles = this.#rolesOf(guildId);
    if (!roles.has(id)) this.#look(roles, id, this.#exists.role.get(guildId, id), column, 'roles');
  }

  #rolesOf(guildId: string): Set<string> {
    let roles = this.#roles.get(guildId);
    if (!roles) this.#roles.set(guildId, (roles = new Set()));
    return roles;
  }

  #look(known: Set<string>, id: string, found: unknown, column: string, table: string): void {
    if (found === undefined) throw new Error(`FOREIGN KEY constraint failed: ${column} ${id} is not in ${table}`);
    known.add(id);
  }
}
