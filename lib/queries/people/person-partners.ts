import { sql, type Kysely } from 'kysely';
import { CONVERSATIONAL_KINDS } from '../../archives/message-kinds';
import type { Database } from '../../database/schema';
import { compareIds } from '../compare-ids';

/** Someone a person interacts with, both ways, over every guild. */
export interface Partner {
  userId: string;
  name: string | null;
  bot: boolean;
  /** The person replied to / mentioned / reacted to this partner's messages. */
  repliesTo: number;
  mentionsTo: number;
  reactionsTo: number;
  /** This partner replied to / mentioned / reacted to the person. */
  repliesFrom: number;
  mentionsFrom: number;
  reactionsFrom: number;
  total: number;
}

type Direction = 'repliesTo' | 'mentionsTo' | 'reactionsTo' | 'repliesFrom' | 'mentionsFrom' | 'reactionsFrom';

/**
 * The person's top interaction partners, after the TogetherCrew / SourceCred interaction graph
 * (replies, mentions and reactions, counted both ways). Replies and mentions count from
 * conversational messages only (a forward is not a reply); reactions count where the archive
 * lists who reacted. Interactions among the person's own accounts are left out. Largest total
 * first, ties by user ID.
 *
 * @example
 * const top = await interactionPartners(db, ['3001'], 10); // top[0].repliesTo, top[0].reactionsFrom
 */
export async function interactionPartners(db: Kysely<Database>, ids: string[], limit: number): Promise<Partner[]> {
  const talk = [...CONVERSATIONAL_KINDS];
  const counts = new Map<string, Record<Direction, number>>();
  const add = (direction: Direction, rows: Array<{ partner: string; n: number | string | bigint }>) => {
    for (const r of rows) {
      if (ids.includes(r.partner)) continue;
      let c = counts.get(r.partner);
      if (!c) counts.set(r.partner, (c = { repliesTo: 0, mentionsTo: 0, reactionsTo: 0, repliesFrom: 0, mentionsFrom: 0, reactionsFrom: 0 }));
      c[direction] += Number(r.n);
    }
  };
  const n = sql<number>`count(*)`.as('n');

  // Replied-to messages are found by their primary key, from the replies.
  add('repliesTo', await db.selectFrom('messages as m').innerJoin('messages as t', 't.id', 'm.reference_message_id')
    .select(['t.author_id as partner', n]).where('m.author_id', 'in', ids).where('m.kind', 'in', talk)
    .where('m.reference_kind', '=', 'Default').groupBy('t.author_id').execute());
  add('repliesFrom', await db.selectFrom('messages as m').innerJoin('messages as t', 't.id', 'm.reference_message_id')
    .select(['m.author_id as partner', n]).where('t.author_id', 'in', ids).where('m.kind', 'in', talk)
    .where('m.reference_kind', '=', 'Default').groupBy('m.author_id').execute());
  add('mentionsTo', await db.selectFrom('messages as m').innerJoin('mentions as mn', 'mn.message_id', 'm.id')
    .select(['mn.user_id as partner', n]).where('m.author_id', 'in', ids).where('m.kind', 'in', talk).groupBy('mn.user_id').execute());
  add('mentionsFrom', await db.selectFrom('mentions as mn').innerJoin('messages as m', 'm.id', 'mn.message_id')
    .select(['m.author_id as partner', n]).where('mn.user_id', 'in', ids).where('m.kind', 'in', talk).groupBy('m.author_id').execute());
  add('reactionsTo', await db.selectFrom('reaction_users as ru').innerJoin('messages as m', 'm.id', 'ru.message_id')
    .select(['m.author_id as partner', n]).where('ru.user_id', 'in', ids).groupBy('m.author_id').execute());
  add('reactionsFrom', await db.selectFrom('messages as m').innerJoin('reaction_users as ru', 'ru.message_id', 'm.id')
    .select(['ru.user_id as partner', n]).where('m.author_id', 'in', ids).groupBy('ru.user_id').execute());

  const ranked = [...counts.entries()]
    .map(([userId, c]) => ({ userId, ...c, total: c.repliesTo + c.mentionsTo + c.reactionsTo + c.repliesFrom + c.mentionsFrom + c.reactionsFrom }))
    .sort((a, b) => b.total - a.total || compareIds(a.userId, b.userId))
    .slice(0, limit);
  if (ranked.length === 0) return [];
  const users = await db.selectFrom('users').select(['id', 'name', 'is_bot']).where('id', 'in', ranked.map((p) => p.userId)).execute();
  const byId = new Map(users.map((u) => [u.id, u]));
  return ranked.map((p) => ({
    userId: p.userId,
    name: byId.get(p.userId)?.name ?? null,
    bot: byId.get(p.userId)?.is_bot === 1,
    repliesTo: p.repliesTo,
    mentionsTo: p.mentionsTo,
    reactionsTo: p.reactionsTo,
    repliesFrom: p.repliesFrom,
    mentionsFrom: p.mentionsFrom,
    reactionsFrom: p.reactionsFrom,
    total: p.total,
  }));
}
