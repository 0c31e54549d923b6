import type { MessageRecord } from '../archives/records';
import { isSystemKind, MEMBER_JOIN_KIND } from '../archives/message-kinds';

/** First/last message and join time of one member, as seen in one batch. */
export interface MemberActivity {
  guildId: string;
  userId: string;
  firstMessageAt: number | null;
  lastMessageAt: number | null;
  joinedAt: number | null;
}

/**
 * Folds a batch's messages into per-member activity, to be merged into `members` with min/max
 * (an idempotent merge: importing the same messages twice gives the same result).
 * System notices do not count as messages; a join notice gives the join time.
 */
export function memberActivity(messages: readonly MessageRecord[]): MemberActivity[] {
  const byMember = new Map<string, MemberActivity>();
  for (const m of messages) {
    const key = m.guildId + ':' + m.authorId;
    let a = byMember.get(key);
    if (!a) {
      a = { guildId: m.guildId, userId: m.authorId, firstMessageAt: null, lastMessageAt: null, joinedAt: null };
      byMember.set(key, a);
    }
    if (m.kind === MEMBER_JOIN_KIND) {
      a.joinedAt = a.joinedAt === null ? m.sentAt : Math.min(a.joinedAt, m.sentAt);
    } else if (!isSystemKind(m.kind)) {
      a.firstMessageAt = a.firstMessageAt === null ? m.sentAt : Math.min(a.firstMessageAt, m.sentAt);
      a.lastMessageAt = a.lastMessageAt === null ? m.sentAt : Math.max(a.lastMessageAt, m.sentAt);
    }
  }
  return [...byMember.values()];
}
