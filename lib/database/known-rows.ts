/** The tables an import's rows reference. */
export type ParentTable = 'guilds' | 'channels' | 'users' | 'roles';

/**
 * The parent rows an import knows to exist: those it wrote, and those it has looked up. Lets a
 * writer check its references in memory (see each engine's reference check) and ask the
 * database only about the rest. Roles are keyed by guild, as in their table.
 */
export class KnownRows {
  readonly #ids: Record<Exclude<ParentTable, 'roles'>, Set<string>> = { guilds: new Set(), channels: new Set(), users: new Set() };
  readonly #roles = new Map<string, Set<string>>();

  add(table: Exclude<ParentTable, 'roles'>, id: string): void {
    this.#ids[table].add(id);
  }

  has(table: Exclude<ParentTable, 'roles'>, id: string): boolean {
    return this.#ids[table].has(id);
  }

  addRole(guildId: string, id: string): void {
    let roles = this.#roles.get(guildId);
    if (!roles) this.#roles.set(guildId, (roles = new Set()));
    roles.add(id);
  }

  hasRole(guildId: string, id: string): boolean {
    return this.#roles.get(guildId)?.has(id) === true;
  }
}

/** The error a missing parent row gives, worded as the constraint's own. */
export function missingParent(column: string, id: string, table: ParentTable): Error {
  return new Error(`FOREIGN KEY constraint failed: ${column} ${id} is not in ${table}`);
}
