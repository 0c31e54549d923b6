import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { byId } from '../../analysis/id-order';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { scopedMessages } from '../message-scope';
import type { LocalTime } from '../time-buckets';

/**
 * Interactions from one member to another (over the period, or on one local day), after
 * TogetherCrew's interaction graph:
 * - a reply: the reply's author → the author of the message replied to (found by its primary
 *   key; any message of the archive, system notices included, so "wave to say hi" counts);
 * - a mention: the author → the mentioned member, except the mention Discord adds to a reply
 *   to ping the replied-to author (already counted as the reply);
 * - a reaction: the reacting member → the message's author, only where the archive lists who
 *   reacted (`reaction_users`); reactions have no time of their own, so a reaction takes the
 *   time (and channel) of the message reacted to.
 * The acting message (the reply, the mentioning message, the message reacted to) must be in
 * scope: period, channels, not a system notice. Self-interactions are not edges.
 */
export interface InteractionCount {
  source: string;
  target: string;
  /** Local day number, when counted by day; null over the whole period. */
  day: number | null;
  replies: number;
  mentions: number;
  reactions: number;
}

/** Interaction counts, and how many listed reactions each author's messages had. */
export interface InteractionCounts {
  /** Sorted by source, target, day (JS string order), so float sums built on them come out the same on every engine. */
  counts: InteractionCount[];
  /**
   * Listed reactors per author of the message reacted to, self-reactions and excluded reactors
   * included: compared with the reactions' own counts it tells how many reactions the archive
   * does not attribute (see `unlistedReactions`). Empty with `withoutReactions`.
   */
  listedReactions: Map<string, number>;
}

export interface InteractionOptions {
  /** Accounts to leave out at either end (see `excludedUsers`). */
  excluded: ReadonlySet<string>;
  /** Count per local day in this time zone instead of over the whole period. */
  byDay?: LocalTime;
  /** Leave reactions out (a caller that reads them with more detail itself). */
  withoutReactions?: boolean;
}

interface PairRow {
  source: string;
  target: string;
  day: number;
}

/**
 * Interaction counts per (source, target[, day]).
 *
 * @example
 * const { counts } = await countInteractions(db, params, { excluded: await excludedUsers(db, params) });
 */
export async function countInteractions(db: Kysely<Database>, params: AuditParams, options: InteractionOptions): Promise<InteractionCounts> {
  // Bots and staff are dropped after grouping (see excludedUsers), so the scope keeps them here.
  const scope = () => scopedMessages(db, { ...params, includeBots: true, includeStaff: true });
  const day = (column: string): RawBuilder<number> => (options.byDay ? options.byDay.day(column) : sql<number>`0`);

  const replies = scope()
    .innerJoin('messages as r', 'r.id', 'm.reference_message_id')
    .where((eb) => eb.or([eb('m.reference_kind', 'is', null), eb('m.reference_kind', '!=', 'Forward')]))
    .whereRef('r.author_id', '!=', 'm.author_id')
    .select(['m.author_id as source', 'r.author_id as target', day('m.sent_at').as('day')]);
  const mentions = scope()
    .innerJoin('mentions as mn', 'mn.message_id', 'm.id')
    .leftJoin('messages as r', 'r.id', 'm.reference_message_id')
    .whereRef('mn.user_id', '!=', 'm.author_id')
    .where((eb) => eb.or([eb('r.author_id', 'is', null), eb('r.author_id', '!=', eb.ref('mn.user_id')), eb('m.reference_kind', '=', 'Forward')]))
    .select(['m.author_id as source', 'mn.user_id as target', day('m.sent_at').as('day')]);
  // Self-reactions are kept here to count listed reactors; they are dropped below.
  const reactions = scope()
    .innerJoin('reaction_users as ru', 'ru.message_id', 'm.id')
    .select(['ru.user_id as source', 'm.author_id as target', day('m.sent_at').as('day')]);

  const [r, mn, rx] = await Promise.all([replies, mentions, options.withoutReactions ? null : reactions].map((q) => (q ? countPairs(db, q) : [])));
  const listedReactions = new Map<string, number>();
  for (const row of rx) listedReactions.set(row.target, (listedReactions.get(row.target) ?? 0) + Number(row.n));
  const merged = new Map<string, InteractionCount>();
  const add = (rows: Array<PairRow & { n: number }>, field: 'replies' | 'mentions' | 'reactions') => {
    for (const row of rows) {
      if (row.source === row.target || options.excluded.has(row.source) || options.excluded.has(row.target)) continue;
      const d = options.byDay ? Number(row.day) : null;
      const key = `${row.source}\u0000${row.target}\u0000${d}`;
      let count = merged.get(key);
      if (!count) merged.set(key, (count = { source: row.source, target: row.target, day: d, replies: 0, mentions: 0, reactions: 0 }));
      count[field] += Number(row.n);
    }
  };
  add(r, 'replies');
  add(mn, 'mentions');
  add(rx, 'reactions');
  const counts = [...merged.values()].sort((a, b) => byId(a.source, b.source) || byId(a.target, b.target) || (a.day ?? 0) - (b.day ?? 0));
  return { counts, listedReactions };
}

function countPairs(db: Kysely<Database>, pairs: SelectQueryBuilder<any, any, PairRow>): Promise<Array<PairRow & { n: number }>> {
  return db
    .selectFrom(pairs.as('x'))
    .select(['x.source', 'x.target', 'x.day', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['x.source', 'x.target', 'x.day'])
    .execute();
}
