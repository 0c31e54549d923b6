import type pg from 'pg';
import { KnownRows, missingParent, type ParentTable } from '../known-rows';

/**
 * The foreign keys of an import, checked by the writer when PostgreSQL's per-row checks are off
 * (see `openPostgresEngine`: they take more server time than the inserts themselves). Rows the
 * import wrote are remembered; references to anything else are collected and looked up in one
 * query per table before the rows that make them are written, and one that exists nowhere fails
 * the import as the constraint would.
 */
export class PostgresReferenceCheck {
  readonly known = new KnownRows();
  /** References not known yet: table → id → the referencing column (for the error). */
  readonly #unknown = new Map<Exclude<ParentTable, 'roles'>, Map<string, string>>();
  readonly #unknownRoles = new Map<string, { guildId: string; id: string; column: string }>();

  need(table: Exclude<ParentTable, 'roles'>, id: string, column: string): void {
    if (this.known.has(table, id)) return;
    let ids = this.#unknown.get(table);
    if (!ids) this.#unknown.set(table, (ids = new Map()));
    if (!ids.has(id)) ids.set(id, column);
  }

  needRole(guildId: string, id: string, column: string): void {
    if (!this.known.hasRole(guildId, id)) this.#unknownRoles.set(guildId + '\0' + id, { guildId, id, column });
  }

  /** Looks up the references collected so far; throws for the first that exists nowhere. */
  async resolve(client: pg.ClientBase): Promise<void> {
    for (const [table, ids] of this.#unknown) {
      if (ids.size === 0) continue;
      const found = await client.query(`SELECT id FROM ${table} WHERE id = ANY($1::text[])`, [[...ids.keys()]]);
      for (const { id } of found.rows as Array<{ id: string }>) {
        this.known.add(table, id);
        ids.delete(id);
      }
      for (const [id, column] of ids) throw missingParent(column, id, table);
    }
    if (this.#unknownRoles.size === 0) return;
    const roles = [...this.#unknownRoles.values()];
    const found = await client.query(
      `SELECT r.guild_id, r.id FROM roles r JOIN unnest($1::text[], $2::text[]) AS input(guild_id, id)
       ON r.guild_id = input.guild_id AND r.id = input.id`,
      [roles.map((r) => r.guildId), roles.map((r) => r.id)],
    );
    for (const r of found.rows as Array<{ guild_id: string; id: string }>) {
      this.known.addRole(r.guild_id, r.id);
      this.#unknownRoles.delete(r.guild_id + '\0' + r.id);
    }
    for (const { id, column } of this.#unknownRoles.values()) throw missingParent(column, id, 'roles');
  }
}
