import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { scopedMessages } from '../message-scope';

/**
 * The first and last message (epoch ms) of any kind and author in the period and channels: the
 * stretch of time the history observed. A growth series runs over all of it, so months without a
 * join still show as zeros, and a cohort's later buckets past its end are unobserved, not empty.
 * Null when there is no message.
 */
export async function historySpan(db: Kysely<Database>, params: AuditParams): Promise<{ first: number; last: number } | null> {
  const row = await scopedMessages(db, { ...params, includeBots: true, includeStaff: true }, { system: true })
    .select((eb) => [eb.fn.min('m.sent_at').as('first'), eb.fn.max('m.sent_at').as('last')])
    .executeTakeFirst();
  return row?.first == null || row.last == null ? null : { first: Number(row.first), last: Number(row.last) };
}
