import type { ExpressionBuilder, Kysely } from 'kysely';
import { CONVERSATIONAL_KINDS } from '../archives/message-kinds';
import type { Database } from '../database/schema';
import type { AuditParams } from './audit-params';

/** The tables a scoped message query sees: messages as `m`. */
export type ScopedDb = Database & { m: Database['messages'] };

/**
 * Messages of one guild that a metric counts by default: in the period and channels, not
 * system notices (joins, pins, thread created...), and, unless included, not from bots or staff.
 * Every metric starts here, so "what counts as a message" is decided in one place.
 *
 * @example
 * const n = await scopedMessages(db, params).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
 */
export function scopedMessages(db: Kysely<Database>, params: AuditParams, options: { system?: boolean } = {}) {
  let query = db.selectFrom('messages as m').where('m.guild_id', '=', params.guild);
  if (params.from !== null) query = query.where('m.sent_at', '>=', params.from);
  if (params.to !== null) query = query.where('m.sent_at', '<', params.to);
  if (params.channels !== null) query = query.where('m.channel_id', 'in', params.channels);
  if (!options.system) query = query.where('m.kind', 'in', [...CONVERSATIONAL_KINDS]);
  if (!params.includeBots) query = query.where((eb) => eb.not(isBot(eb, 'm.author_id')));
  if (!params.includeStaff && params.staffRoles.length > 0) query = query.where((eb) => eb.not(isStaff(eb, params, 'm.author_id')));
  return query;
}

/**
 * True when the user in `column` is a bot or webhook account. An uncorrelated `IN (subquery)`:
 * both engines evaluate it once into a hash or index, instead of a lookup per message.
 */
export function isBot(eb: ExpressionBuilder<any, any>, column: string) {
  return eb(eb.ref(column), 'in', eb.selectFrom('users as bot').select('bot.id').where('bot.is_bot', '=', 1));
}

/** True when the user in `column` holds one of the guild's staff roles (by role name or ID). */
export function isStaff(eb: ExpressionBuilder<any, any>, params: AuditParams, column: string) {
  return eb(
    eb.ref(column),
    'in',
    eb
      .selectFrom('member_roles as staff_mr')
      .innerJoin('roles as staff_r', (j) => j.onRef('staff_r.id', '=', 'staff_mr.role_id').onRef('staff_r.guild_id', '=', 'staff_mr.guild_id'))
      .select('staff_mr.user_id')
      .where('staff_mr.guild_id', '=', params.guild)
      .where((w) => w.or([w('staff_r.id', 'in', params.staffRoles), w('staff_r.name', 'in', params.staffRoles)])),
  );
}
