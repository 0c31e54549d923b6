import type { Kysely } from 'kysely';
import { CONVERSATIONAL_KINDS } from '../../archives/message-kinds';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { scopedMessages } from '../message-scope';

/** Members seen in the period, with their counted messages. */
export interface MembersWithMessages {
  /** See `membersSeen`. */
  seen: Set<string>;
  /** Counted messages (no system notices) per author; only authors with at least one. */
  messages: Map<string, number>;
}

/**
 * Members seen in the period through their messages: the authors of every message in scope
 * (system notices such as joins included, as overview counts members) and the members who
 * invoked a command answered in scope; excluded accounts left out. Mentioned and reacting
 * members are seen through the interactions instead. One DISTINCT pass, cheaper than grouping.
 *
 * @example
 * const seen = await membersSeen(db, params, excluded);
 */
export async function membersSeen(db: Kysely<Database>, params: AuditParams, excluded: ReadonlySet<string>): Promise<Set<string>> {
  const rows = await scopedMessages(db, { ...params, includeBots: true, includeStaff: true }, { system: true })
    .select(['m.author_id', 'm.interaction_user_id'])
    .distinct()
    .execute();
  return seenIn(rows, excluded);
}

/**
 * Members seen (as `membersSeen`) and their counted messages, in one grouped pass.
 *
 * @example
 * const { seen, messages } = await membersWithMessages(db, params, excluded);
 */
export async function membersWithMessages(db: Kysely<Database>, params: AuditParams, excluded: ReadonlySet<string>): Promise<MembersWithMessages> {
  const talk = [...CONVERSATIONAL_KINDS];
  const rows = await scopedMessages(db, { ...params, includeBots: true, includeStaff: true }, { system: true })
    .select((eb) => ['m.author_id', 'm.interaction_user_id', eb.fn.sum<number>(eb.case().when('m.kind', 'in', talk).then(1).else(0).end()).as('messages')])
    .groupBy(['m.author_id', 'm.interaction_user_id'])
    .execute();
  const messages = new Map<string, number>();
  for (const r of rows) {
    const n = Number(r.messages ?? 0);
    if (n > 0 && !excluded.has(r.author_id)) messages.set(r.author_id, (messages.get(r.author_id) ?? 0) + n);
  }
  return { seen: seenIn(rows, excluded), messages };
}

function seenIn(rows: ReadonlyArray<{ author_id: string; interaction_user_id: string | null }>, excluded: ReadonlySet<string>): Set<string> {
  const seen = new Set<string>();
  for (const r of rows) {
    if (!excluded.has(r.author_id)) seen.add(r.author_id);
    if (r.interaction_user_id !== null && !excluded.has(r.interaction_user_id)) seen.add(r.interaction_user_id);
  }
  return seen;
}
