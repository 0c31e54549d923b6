import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';
import { QueryParamError } from '../queries/query-error';
import { defaultAnalyst } from './analyst-name';
import { checkGuild, checkLabelText, checkUserId } from './label-input';
import { listLabels, type LabelRow } from './list-labels';

/** A label to set on a person. */
export interface AddLabelInput {
  /** The account's user ID (a string of digits); the account need not be imported yet. */
  user: string;
  /** The guild the label is about; omitted or null: the person across every guild. */
  guild?: string | null;
  label: string;
  /** Omitted: a new label has none and an existing one keeps its note; null or '': no note. */
  note?: string | null;
  /** Who labels (default: the OS user name). */
  by?: string;
  /** When, epoch ms (default: now). */
  now?: number;
}

/** What `addLabel` did. */
export interface AddedLabel {
  /** False when the label was already there and was updated. */
  created: boolean;
  /** The label as `listLabels` returns it; `userName` null means the account is not in the database. */
  row: LabelRow;
}

/**
 * Labels a person, in one guild or across every guild. A (user, guild, label) exists once:
 * labelling again updates that row's note (when one is given), who and when — the row tells who
 * last set it. Labels are analyst data, not archive data: the data version does not change.
 * Throws `QueryParamError` for a malformed user ID, an empty label or an unknown guild.
 *
 * @example
 * await addLabel(db, { user: '175928847299117063', label: 'sybil', guild: '755126265953910784', note: 'farmed joins' });
 */
export async function addLabel(db: Kysely<Database>, input: AddLabelInput): Promise<AddedLabel> {
  const user = checkUserId(input.user);
  const guild = input.guild === undefined || input.guild === null ? null : await checkGuild(db, input.guild);
  const label = checkLabelText(input.label);
  const note = input.note === undefined ? undefined : input.note === null ? null : input.note.trim() || null;
  const by = input.by === undefined ? defaultAnalyst() : checkLabelText(input.by, 'by');
  const now = input.now ?? Date.now();
  if (!Number.isSafeInteger(now) || now < 0) throw new QueryParamError(`now must be epoch milliseconds (got ${now})`);

  const created = await db.transaction().execute(async (trx) => {
    let existing = trx.selectFrom('labels').select('id').where('user_id', '=', user).where('label', '=', label);
    existing = guild === null ? existing.where('guild_id', 'is', null) : existing.where('guild_id', '=', guild);
    const found = await existing.executeTakeFirst();
    if (found) {
      await trx
        .updateTable('labels')
        .set({ created_by: by, created_at: now, ...(note === undefined ? {} : { note }) })
        .where('id', '=', found.id)
        .execute();
      return false;
    }
    await trx
      .insertInto('labels')
      .values({ user_id: user, guild_id: guild, label, note: note ?? null, created_by: by, created_at: now })
      .execute();
    return true;
  });
  const [row] = await listLabels(db, { user, guild, label });
  return { created, row };
}
