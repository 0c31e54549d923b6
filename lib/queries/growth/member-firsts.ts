import { MEMBER_JOIN_KIND } from '../../archives/message-kinds';
import type { GuildColumns } from '../columns';
import { perColumns } from '../columns/columns-memo';

/**
 * Each user's first message and first join notice over the whole guild (every channel, the
 * whole history), as message positions (-1: none), and where the join notices are. This is what
 * `members` kept for the SQL queries: without a channels filter a member's first message before
 * `to` is their first overall when that is before `to`, so growth queries read these instead of
 * passing over every message again.
 */
export interface MemberFirsts {
  /** First message of any kind, join notices included. */
  firstAny: Int32Array;
  /** First join notice. */
  firstJoin: Int32Array;
  /** Positions of every join notice, in time order. */
  joinNotices: Int32Array;
}

/**
 * The members' first messages and join notices of a guild's columns, worked out once per
 * columns (one pass; the columns are immutable, and this is dropped with them).
 *
 * @example
 * const { firstAny } = memberFirsts(columns);
 * const firstSeen = firstAny[user] >= 0 ? columns.messages.sentAt[firstAny[user]] : null;
 */
export const memberFirsts: (columns: GuildColumns) => MemberFirsts = perColumns((columns) => {
  const m = columns.messages;
  const users = columns.users.ids.length;
  const joinKind = m.kinds.indexOf(MEMBER_JOIN_KIND);
  const author = m.author;
  const kind = m.kind;
  const firstAny = new Int32Array(users).fill(-1);
  const firstJoin = new Int32Array(users).fill(-1);
  const joins: number[] = [];
  for (let i = 0; i < m.count; i++) {
    const a = author[i];
    if (firstAny[a] < 0) firstAny[a] = i;
    if (kind[i] === joinKind) {
      joins.push(i);
      if (firstJoin[a] < 0) firstJoin[a] = i;
    }
  }
  return { firstAny, firstJoin, joinNotices: Int32Array.from(joins) };
});
