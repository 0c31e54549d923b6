import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';
import { checkGuildFilter, checkLabelText, checkUserId } from './label-input';

/** Which of a person's labels to remove. */
export interface RemoveLabelsInput {
  user: string;
  /** Omitted: in every scope; a guild ID: that guild's labels only; null: labels across every guild only. */
  guild?: string | null;
  /** Omitted: every label in the scope. */
  label?: string;
}

/**
 * Removes a person's labels and returns how many it removed (0 when none matched). Throws
 * `QueryParamError` for a malformed user ID or an unknown guild.
 *
 * @example
 * await removeLabels(db, { user: '175928847299117063', label: 'sybil' }); // in every scope
 */
export async function removeLabels(db: Kysely<Database>, input: RemoveLabelsInput): Promise<number> {
  const user = checkUserId(input.user);
  const guild = await checkGuildFilter(db, input.guild);
  const label = input.label === undefined ? undefined : checkLabelText(input.label);

  let query = db.deleteFrom('labels').where('user_id', '=', user);
  if (guild === null) query = query.where('guild_id', 'is', null);
  else if (guild !== undefined) query = query.where('guild_id', '=', guild);
  if (label !== undefined) query = query.where('label', '=', label);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
