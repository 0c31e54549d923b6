import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { staffUsers, type GuildColumns } from '../columns';

/**
 * 1 for each user number the metrics leave out: bots and staff, unless included (the same rule
 * as `scopedIndexes`, for passes over users rather than messages).
 *
 * @example
 * const out = await excludedUsers(db, columns, params);
 * if (out[user] === 0) counted++;
 */
export async function excludedUsers(db: Kysely<Database>, columns: GuildColumns, params: AuditParams): Promise<Uint8Array> {
  const out = new Uint8Array(columns.users.ids.length);
  if (!params.includeBots) out.set(columns.users.isBot);
  if (!params.includeStaff) for (const u of await staffUsers(db, columns, params)) out[u] = 1;
  return out;
}
