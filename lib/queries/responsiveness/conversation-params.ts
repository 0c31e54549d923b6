import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { numberParam } from '../param-values';

/** Default silence that ends a conversation, after Common Room / CHAOSS: 30 minutes. */
export const DEFAULT_GAP_MINUTES = 30;

/** Milliseconds of silence after which the next message in a channel opens a new conversation. */
export function gapMs(value: unknown): number {
  return Math.round(numberParam(value, 'gapMinutes', { default: DEFAULT_GAP_MINUTES, min: 1, max: 7 * 24 * 60 }) * 60_000);
}

/**
 * The scope of a conversation stream: the period widened by `before` ms at its start, so a
 * message just after `from` can see the messages just before it and is only called the opening
 * of a conversation when there really was a silence (and by `after` ms at its end, for
 * responses that come after the period).
 *
 * @example
 * widen(params, 30 * 60_000, 0) // from 30 minutes earlier, same end
 */
export function widen(params: AuditParams, before: number, after: number): AuditParams {
  return {
    ...params,
    from: params.from === null ? null : params.from - before,
    to: params.to === null ? null : params.to + after,
  };
}

/**
 * User IDs holding one of the guild's staff roles (by role ID or name), as
 * `staffUsers` (columns/scoped-indexes.ts) defines staff; empty when no staff roles are given, so nobody is
 * staff. Fetched once so a query can mark staff messages without a subquery per message.
 *
 * @example
 * const staff = await staffUserIds(db, params); // Set { '3001', '3005' }
 */
export async function staffUserIds(db: Kysely<Database>, params: AuditParams): Promise<Set<string>> {
  if (params.staffRoles.length === 0) return new Set();
  const rows = await db
    .selectFrom('member_roles as mr')
    .innerJoin('roles as r', (j) => j.onRef('r.id', '=', 'mr.role_id').onRef('r.guild_id', '=', 'mr.guild_id'))
    .select('mr.user_id')
    .distinct()
    .where('mr.guild_id', '=', params.guild)
    .where((w) => w.or([w('r.id', 'in', params.staffRoles), w('r.name', 'in', params.staffRoles)]))
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** Channel names of a guild by ID, for labelling rows. */
export async function channelNames(db: Kysely<Database>, guild: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('channels').select(['id', 'name']).where('guild_id', '=', guild).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
