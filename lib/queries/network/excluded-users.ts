import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { staffUsers, type GuildColumns } from '../columns';

/**
 * Accounts the parameters leave out of every interaction, as 1 per user number of the columns:
 * bots and webhooks unless `includeBots`, staff (holders of `staffRoles`) unless `includeStaff`
 * — the same tests as the message scope applies to authors, applied to whoever sits at either
 * end of an interaction (the replied-to author, the mentioned or reacting member).
 *
 * @example
 * const excluded = await excludedUsers(db, columns, params);
 * if (excluded[columns.messages.author[i]] === 1) continue;
 */
export async function excludedUsers(db: Kysely<Database>, columns: GuildColumns, params: AuditParams): Promise<Uint8Array> {
  const excluded = new Uint8Array(columns.users.ids.length);
  if (!params.includeBots) excluded.set(columns.users.isBot);
  if (!params.includeStaff) for (const u of await staffUsers(db, columns, params)) excluded[u] = 1;
  return excluded;
}
