import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';
import { compareIds } from '../queries/compare-ids';
import { checkGuildFilter, checkLabelText, checkUserId } from './label-input';

/** Which labels to list; every field narrows, none lists all. */
export interface ListLabelsInput {
  /** A user ID. */
  user?: string;
  /** A guild ID for that guild's labels only; `null` for labels across every guild only. */
  guild?: string | null;
  label?: string;
}

/** One label, with the names the database knows. */
export interface LabelRow {
  user: string;
  /** The account's username; null when the account is not in the database (yet). */
  userName: string | null;
  /** The guild the label is about; null when it is about the person across every guild. */
  guild: string | null;
  guildName: string | null;
  label: string;
  note: string | null;
  /** Who last set it. */
  by: string;
  /** When it was last set, ISO-8601 UTC. */
  at: string;
}

/**
 * Analysts' labels, ordered by user ID (numerically), then labels across every guild before
 * those of one guild (by guild ID), then label text (by code point) — the same order on both
 * engines. Throws `QueryParamError` for a malformed user ID or an unknown guild.
 *
 * @example
 * const labels = await listLabels(db, { user: '175928847299117063' });
 * // [{ user: '175928847299117063', userName: 'wren', guild: null, guildName: null, label: 'sybil', … }]
 */
export async function listLabels(db: Kysely<Database>, input: ListLabelsInput = {}): Promise<LabelRow[]> {
  const user = input.user === undefined ? undefined : checkUserId(input.user);
  const guild = await checkGuildFilter(db, input.guild);
  const label = input.label === undefined ? undefined : checkLabelText(input.label);

  let query = db
    .selectFrom('labels')
    .leftJoin('users', 'users.id', 'labels.user_id')
    .leftJoin('guilds', 'guilds.id', 'labels.guild_id')
    .select([
      'labels.id', 'labels.user_id', 'users.name as user_name', 'labels.guild_id', 'guilds.name as guild_name',
      'labels.label', 'labels.note', 'labels.created_by', 'labels.created_at',
    ]);
  if (user !== undefined) query = query.where('labels.user_id', '=', user);
  if (guild === null) query = query.where('labels.guild_id', 'is', null);
  else if (guild !== undefined) query = query.where('labels.guild_id', '=', guild);
  if (label !== undefined) query = query.where('labels.label', '=', label);
  const rows = await query.execute();

  // Sorted here: text collation and NULL order differ between the engines.
  rows.sort((a, b) =>
    compareIds(a.user_id, b.user_id) ||
    compareScopes(a.guild_id, b.guild_id) ||
    (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) ||
    a.id - b.id);
  return rows.map((r) => ({
    user: r.user_id,
    userName: r.user_name,
    guild: r.guild_id,
    guildName: r.guild_name,
    label: r.label,
    note: r.note,
    by: r.created_by,
    at: new Date(Number(r.created_at)).toISOString(),
  }));
}

/** Every-guild labels first, then by guild ID. */
function compareScopes(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return compareIds(a, b);
}
