import type { MessageRecord } from '../archives/records';
import { isSystemKind, MEMBER_JOIN_KIND } from '../archives/message-kinds';

/** First/last message and join time of one member, as seen in some messages. */
export interface MemberActivity {
  guildId: string;
  userId: string;
  firstMessageAt: number | null;
  lastMessageAt: number | null;
  joinedAt: number | null;
}

/**
 * Folds messages into per-member activity, to be merged into `members` with min/max (an
 * idempotent merge: importing the same messages twice gives the same result). System notices do
 * not count as messages; a join notice gives the join time.
 *
 * Writers keep one tally per imported file and merge it once at the end: min/max fold the same
 * whichever way the messages are grouped, and a few thousand member updates per file cost far
 * less than a few hundred per batch.
 *
 * @example
 * const tally = new MemberActivityTally();
 * tally.add(batch.messages);
 * for (const a of tally.rows()) merge(a);
 */
export class MemberActivityTally {
  /** By guild, then by user: no key strings to build per message. */
  readonly #byGuild = new Map<string, Map<string, MemberActivity>>();

  add(messages: readonly MessageRecord[]): void {
    let guildId: string | null = null;
    let members: Map<string, MemberActivity> | undefined;
    for (const m of messages) {
      if (m.guildId !== guildId) {
        guildId = m.guildId;
        members = this.#byGuild.get(guildId);
        if (!members) this.#byGuild.set(guildId, (members = new Map()));
      }
      let a = members!.get(m.authorId);
      if (!a) {
        a = { guildId: m.guildId, userId: m.authorId, firstMessageAt: null, lastMessageAt: null, joinedAt: null };
        members!.set(m.authorId, a);
      }
      if (m.kind === MEMBER_JOIN_KIND) {
        a.joinedAt = a.joinedAt === null ? m.sentAt : Math.min(a.joinedAt, m.sentAt);
      } else if (!isSystemKind(m.kind)) {
        a.firstMessageAt = a.firstMessageAt === null ? m.sentAt : Math.min(a.firstMessageAt, m.sentAt);
        a.lastMessageAt = a.lastMessageAt === null ? m.sentAt : Math.max(a.lastMessageAt, m.sentAt);
      }
    }
  }

  /** The members seen so far, one row each. */
  rows(): MemberActivity[] {
    return [...this.#byGuild.values()].flatMap((members) => [...members.values()]);
  }
}

/** Per-member activity of one group of messages (see `MemberActivityTally`). */
export function memberActivity(messages: readonly MessageRecord[]): MemberActivity[] {
  const tally = new MemberActivityTally();
  tally.add(messages);
  return tally.rows();
}
