import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { guildColumns, type GuildColumns } from '../columns';
import { compareIds } from '../compare-ids';

/** One guild a person appears in, as columns, with which of its user numbers are the person's. */
export interface PersonGuild {
  columns: GuildColumns;
  /** 1 for the user numbers of the person's accounts. */
  mine: Uint8Array;
}

/**
 * The columns of every guild where one of the accounts appears, in guild-ID order. The archive
 * writes a member row for every user a guild's messages name (authors, mentioned, reacting,
 * command users), so the members table says which guilds to read without touching the messages.
 *
 * @example
 * for (const { columns, mine } of await personGuilds(db, ['3001'])) console.log(columns.guild, mine.indexOf(1));
 */
export async function personGuilds(db: Kysely<Database>, ids: string[]): Promise<PersonGuild[]> {
  const rows = await db.selectFrom('members').select('guild_id').distinct().where('user_id', 'in', ids).execute();
  const out: PersonGuild[] = [];
  for (const guild of rows.map((r) => r.guild_id).sort(compareIds)) {
    const columns = await guildColumns(db, guild);
    const mine = new Uint8Array(columns.users.ids.length);
    let found = false;
    for (const id of ids) {
      const u = columns.users.index.get(id);
      if (u === undefined) continue;
      mine[u] = 1;
      found = true;
    }
    if (found) out.push({ columns, mine });
  }
  return out;
}

/** Positions of the messages the person wrote in the guild, in time order. */
export function ownMessages({ columns, mine }: PersonGuild): Int32Array {
  const author = columns.messages.author;
  const out = new Int32Array(author.length);
  let n = 0;
  for (let i = 0; i < author.length; i++) if (mine[author[i]] === 1) out[n++] = i;
  return out.slice(0, n);
}
