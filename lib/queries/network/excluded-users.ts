import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';

/**
 * Accounts the parameters leave out of every interaction: bots and webhooks unless
 * `includeBots`, staff (holders of `staffRoles`) unless `includeStaff` — the same tests as
 * `isBot` and `isStaff` in message-scope.ts, applied to whoever sits at either end of an
 * interaction (the replied-to author, the mentioned or reacting member), not only to authors.
 *
 * Interaction queries filter these ids in JS after grouping: a small set checked once per
 * grouped row costs far less than an EXISTS probe per message on a million-message guild.
 *
 * @example
 * const excluded = await excludedUsers(db, params);
 * edges.filter((e) => !excluded.has(e.source) && !excluded.has(e.target));
 */
export async function excludedUsers(db: Kysely<Database>, params: AuditParams): Promise<Set<string>> {
  const excluded = new Set<string>();
  if (!params.includeBots) {
    const bots = await db.selectFrom('users').select('id').where('is_bot', '=', 1).execute();
    for (const b of bots) excluded.add(b.id);
  }
  if (!params.includeStaff && params.staffRoles.length > 0) {
    const staff = await db
      .selectFrom('member_roles as mr')
      .innerJoin('roles as r', (j) => j.onRef('r.id', '=', 'mr.role_id').onRef('r.guild_id', '=', 'mr.guild_id'))
      .select('mr.user_id')
      .where('mr.guild_id', '=', params.guild)
      .where((w) => w.or([w('r.id', 'in', params.staffRoles), w('r.name', 'in', params.staffRoles)]))
      .execute();
    for (const s of staff) excluded.add(s.user_id);
  }
  return excluded;
}
