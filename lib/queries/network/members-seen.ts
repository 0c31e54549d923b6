import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { scopedIndexes, scopeKey, type GuildColumns } from '../columns';
import { PARAMETER_SETS_KEPT, perColumnsAndKey } from '../columns/columns-memo';

/** Members seen in the period, with their counted messages, by user number. */
export interface MembersWithMessages {
  /** 1 per member seen (see `membersSeen`). */
  seen: Uint8Array;
  /** Counted messages (no system notices) per author. */
  messages: Int32Array;
}

const kept = perColumnsAndKey<Promise<MembersWithMessages>>(PARAMETER_SETS_KEPT);

/**
 * Members seen in the period through their messages, and their counted messages: the authors of
 * every message in scope (system notices such as joins included, as overview counts members) and
 * the members who invoked a command answered in scope; excluded accounts left out. Mentioned and
 * reacting members are seen through the interactions instead. Worked out once per columns,
 * period, channels and accounts left out, and shared: read-only.
 *
 * @example
 * const { seen, messages } = await membersWithMessages(db, columns, params, excluded);
 */
export function membersWithMessages(db: Kysely<Database>, columns: GuildColumns, params: AuditParams, excluded: Uint8Array): Promise<MembersWithMessages> {
  return kept(columns, scopeKey(params, excluded), () => membersSeen(db, columns, params, excluded));
}

async function membersSeen(db: Kysely<Database>, columns: GuildColumns, params: AuditParams, excluded: Uint8Array): Promise<MembersWithMessages> {
  const m = columns.messages;
  const seen = new Uint8Array(columns.users.ids.length);
  const messages = new Int32Array(columns.users.ids.length);
  for (const i of await scopedIndexes(db, columns, { ...params, includeBots: true, includeStaff: true }, { system: true })) {
    const a = m.author[i];
    seen[a] = 1;
    messages[a] += m.conversational[i];
    if (m.interactionUser[i] >= 0) seen[m.interactionUser[i]] = 1;
  }
  for (let u = 0; u < seen.length; u++) {
    if (excluded[u] === 0) continue;
    seen[u] = 0;
    messages[u] = 0;
  }
  return { seen, messages };
}
