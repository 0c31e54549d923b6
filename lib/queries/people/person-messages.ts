import { sql, type Kysely, type RawBuilder } from 'kysely';
import { CONVERSATIONAL_KINDS } from '../../archives/message-kinds';
import type { Database } from '../../database/schema';
import { DAY_MS, HOUR_MS } from '../time-buckets';
import { offsetSegments, type OffsetSegment } from '../time-zone';

/** A person's messages in one channel, of one sort, in one UTC hour and local hour of the day. */
export interface MessageCell {
  guild: string;
  author: string;
  channel: string;
  /** Conversational (true) or a system notice such as a join (false). */
  talk: boolean;
  utcHour: number;
  localHour: number;
  messages: number;
  /** First and last message of the cell, epoch ms. */
  first: number;
  last: number;
}

/**
 * Everything the dossier needs from a person's own messages, in one pass over them (by the author
 * index): counts grouped by guild, account, channel, conversational or not, UTC hour and local
 * hour of day, with first and last times. Local hours (meant for conversational messages) use the zone's offsets over the person's
 * span as a CASE in SQL (integer arithmetic, as `time-buckets.ts` does for a guild); the span
 * comes from the members table, so no extra pass is needed.
 *
 * @example
 * const cells = await messageCells(db, ['3001'], 'Europe/Berlin');
 * const perHour = cells.filter((c) => c.talk).reduce((h, c) => (h[c.localHour] += c.messages, h), new Array(24).fill(0));
 */
export async function messageCells(db: Kysely<Database>, ids: string[], timeZone: string): Promise<MessageCell[]> {
  const span = await db
    .selectFrom('members')
    .select((eb) => [eb.fn.min('first_message_at').as('first'), eb.fn.max('last_message_at').as('last')])
    .where('user_id', 'in', ids)
    .executeTakeFirst();
  // The span of conversational messages, the only ones counted per local hour.
  const first = span?.first == null ? 0 : Number(span.first);
  const last = span?.last == null ? first : Number(span.last);
  const segments = timeZone === 'UTC' ? [{ start: Number.NEGATIVE_INFINITY, offsetMs: 0 }] : offsetSegments(timeZone, first - DAY_MS, last + DAY_MS);

  // Literals, not parameters: PostgreSQL must see the same expression in SELECT and GROUP BY.
  const talk = sql<number>`case when m.kind in (${sql.join([...CONVERSATIONAL_KINDS].map((k) => sql.lit(k)))}) then 1 else 0 end`;
  const utcHour = sql<number>`(m.sent_at / ${sql.lit(HOUR_MS)}) % 24`;
  const localHour = sql<number>`((m.sent_at + ${offsetCase(segments)}) / ${sql.lit(HOUR_MS)}) % 24`;
  const rows = await db
    .selectFrom('messages as m')
    .select((eb) => [
      'm.guild_id', 'm.author_id', 'm.channel_id', talk.as('talk'), utcHour.as('utc_hour'), localHour.as('local_hour'),
      eb.fn.countAll<number>().as('n'), eb.fn.min<number>('m.sent_at').as('first'), eb.fn.max<number>('m.sent_at').as('last'),
    ])
    .where('m.author_id', 'in', ids)
    .groupBy(['m.guild_id', 'm.author_id', 'm.channel_id', talk, utcHour, localHour])
    .execute();
  return rows.map((r) => ({
    guild: r.guild_id, author: r.author_id, channel: r.channel_id, talk: Number(r.talk) === 1,
    utcHour: Number(r.utc_hour), localHour: Number(r.local_hour), messages: Number(r.n), first: Number(r.first), last: Number(r.last),
  }));
}

/** The zone's offset (ms) at `m.sent_at`, as SQL: a constant, or a CASE over the transitions. */
function offsetCase(segments: readonly OffsetSegment[]): RawBuilder<number> {
  if (segments.length === 1) return sql<number>`${sql.lit(segments[0].offsetMs)}`;
  const branches = segments.slice(1).map((s, i) => sql`WHEN m.sent_at < ${sql.lit(s.start)} THEN ${sql.lit(segments[i].offsetMs)}`);
  return sql<number>`(CASE ${sql.join(branches, sql` `)} ELSE ${sql.lit(segments[segments.length - 1].offsetMs)} END)`;
}
