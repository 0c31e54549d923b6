import { sql, type Kysely } from 'kysely';
import { CONVERSATIONAL_KINDS, MEMBER_JOIN_KIND } from '../../archives/message-kinds';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { isBot, isStaff, scopedMessages } from '../message-scope';

/**
 * When each member was first seen, and first posted. Both look back to the start of the history,
 * not to the period's start, so a member first seen before `from` is never new; both stop at
 * `to`. Bots and staff are left out as everywhere.
 *
 * Over the whole guild the answers come from `members` (first counted message and join time,
 * kept by every import) and one pass over the system notices; with a channels filter they come
 * from the messages in those channels (a member is then first seen in those channels, and join
 * notices count only where they were posted: the guild's system channel). Both ways give the
 * same rows for the same messages; the first is what keeps a large guild fast.
 */

/**
 * Per member (`author_id`): `first_seen`, the earliest message of any kind they authored before
 * `to`, and `joined`, their earliest join notice before `to`.
 *
 * @example
 * db.selectFrom(firstSightings(db, params).as('s')).select(['s.author_id', 's.first_seen'])
 */
export function firstSightings(db: Kysely<Database>, params: AuditParams) {
  const upTo = { ...params, from: null };
  const joined = sql<number | null>`min(CASE WHEN ${sql.ref('m.kind')} = ${MEMBER_JOIN_KIND} THEN ${sql.ref('m.sent_at')} END)`;
  if (params.channels !== null) {
    return db.selectFrom(
      scopedMessages(db, upTo, { system: true })
        .select((eb) => ['m.author_id', eb.fn.min<number>('m.sent_at').as('first_seen'), joined.as('joined')])
        .groupBy('m.author_id')
        .as('s'),
    ).selectAll('s');
  }
  const notices = scopedMessages(db, upTo, { system: true })
    .where('m.kind', 'not in', [...CONVERSATIONAL_KINDS])
    .select((eb) => ['m.author_id', eb.fn.min<number>('m.sent_at').as('first_notice'), joined.as('joined')])
    .groupBy('m.author_id');
  const message = sql.ref('mb.first_message_at');
  const notice = sql.ref('sys.first_notice');
  const firstSeen = sql<number>`CASE WHEN ${notice} IS NULL THEN ${message} WHEN ${message} IS NULL OR ${notice} < ${message} THEN ${notice} ELSE ${message} END`;
  const seen = countedMembers(db, params)
    .leftJoin(notices.as('sys'), 'sys.author_id', 'mb.user_id')
    .select(['mb.user_id as author_id', firstSeen.as('first_seen'), 'sys.joined']);
  let query = db.selectFrom(seen.as('s')).selectAll('s').where('s.first_seen', 'is not', null);
  if (params.to !== null) query = query.where('s.first_seen', '<', params.to);
  return query;
}

/**
 * Per member (`author_id`): `first`, their first counted message before `to` (in the channels,
 * when filtered).
 */
export function firstMessages(db: Kysely<Database>, params: AuditParams) {
  if (params.channels !== null) {
    return db.selectFrom(
      scopedMessages(db, { ...params, from: null })
        .select((eb) => ['m.author_id', eb.fn.min<number>('m.sent_at').as('first')])
        .groupBy('m.author_id')
        .as('f'),
    ).selectAll('f');
  }
  let query = countedMembers(db, params)
    .where('mb.first_message_at', 'is not', null)
    .select(['mb.user_id as author_id', sql<number>`${sql.ref('mb.first_message_at')}`.as('first')]);
  if (params.to !== null) query = query.where('mb.first_message_at', '<', params.to);
  return db.selectFrom(query.as('f')).selectAll('f');
}

/** The guild's members the metrics count: bots and staff left out unless included. */
function countedMembers(db: Kysely<Database>, params: AuditParams) {
  let query = db.selectFrom('members as mb').where('mb.guild_id', '=', params.guild);
  if (!params.includeBots) query = query.where((eb) => eb.not(isBot(eb, 'mb.user_id')));
  if (!params.includeStaff && params.staffRoles.length > 0) query = query.where((eb) => eb.not(isStaff(eb, params, 'mb.user_id')));
  return query;
}

/** Members first seen inside the period: `firstSightings` from `from` on. */
export function newcomers(db: Kysely<Database>, params: AuditParams) {
  const query = db.selectFrom(firstSightings(db, params).as('s')).select(['s.author_id', 's.first_seen', 's.joined']);
  return params.from === null ? query : query.where('s.first_seen', '>=', params.from);
}
