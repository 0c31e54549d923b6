import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { byId } from '../../analysis/id-order';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { scopedMessages } from '../message-scope';
import type { LocalTime } from '../time-buckets';

/**
 * Interactions from one member to another over the period, after
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
  replies: number;
  mentions: number;
  reactions: number;
}

/** Interaction counts, and how many listed reactions each author's messages had. */
export interface InteractionCounts {
  /** Sorted by source, then target (JS string order), so float sums built on them come out the same on every engine. */
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

/** How often `source` did one kind of interaction towards `target` (on `day`, when by day). */
export interface PairCount {
  source: string;
  target: string;
  day: number | null;
  n: number;
}

/** Interactions of each kind, self-interactions and excluded accounts left out. */
export interface InteractionRows {
  replies: PairCount[];
  mentions: PairCount[];
  reactions: PairCount[];
  /** See `InteractionCounts.listedReactions`. */
  listedReactions: Map<string, number>;
}

/**
 * Interactions of each kind, grouped in SQL by (source, target[, local day]), in no particular
 * order: for callers that fold them themselves.
 *
 * @example
 * const { replies, mentions, reactions } = await interactionRows(db, params, { excluded, byDay: t });
 */
export async function interactionRows(db: Kysely<Database>, params: AuditParams, options: InteractionOptions): Promise<InteractionRows> {
  // Bots and staff are dropped after grouping (see excludedUsers), so the scope keeps them here.
  const scope = () => scopedMessages(db, { ...params, includeBots: true, includeStaff: true });
  const replies = scope()
    .innerJoin('messages as r', 'r.id', 'm.reference_message_id')
    .where((eb) => eb.or([eb('m.reference_kind', 'is', null), eb('m.reference_kind', '!=', 'Forward')]))
    .whereRef('r.author_id', '!=', 'm.author_id');
  const mentions = scope()
    .innerJoin('mentions as mn', 'mn.message_id', 'm.id')
    .leftJoin('messages as r', 'r.id', 'm.reference_message_id')
    .whereRef('mn.user_id', '!=', 'm.author_id')
    .where((eb) => eb.or([eb('r.author_id', 'is', null), eb('r.author_id', '!=', eb.ref('mn.user_id')), eb('m.reference_kind', '=', 'Forward')]));
  // Self-reactions are kept here to count listed reactors; they are dropped below.
  const reactions = scope().innerJoin('reaction_users as ru', 'ru.message_id', 'm.id');

  const [r, mn, rx] = await Promise.all([
    countPairs(db, replies, 'm.author_id', 'r.author_id', options.byDay),
    countPairs(db, mentions, 'm.author_id', 'mn.user_id', options.byDay),
    options.withoutReactions ? [] : countPairs(db, reactions, 'ru.user_id', 'm.author_id', options.byDay),
  ]);
  const listedReactions = new Map<string, number>();
  for (const row of rx) listedReactions.set(row.target, (listedReactions.get(row.target) ?? 0) + row.n);
  const kept = (rows: PairCount[]) => rows.filter((row) => row.source !== row.target && !options.excluded.has(row.source) && !options.excluded.has(row.target));
  return { replies: kept(r), mentions: kept(mn), reactions: kept(rx), listedReactions };
}

/**
 * Interaction counts per (source, target) over the period.
 *
 * @example
 * const { counts } = await countInteractions(db, params, { excluded: await excludedUsers(db, params) });
 */
export async function countInteractions(
  db: Kysely<Database>,
  params: AuditParams,
  options: Omit<InteractionOptions, 'byDay'>,
): Promise<InteractionCounts> {
  const rows = await interactionRows(db, params, options);
  const bySource = new Map<string, Map<string, InteractionCount>>();
  const add = (list: PairCount[], field: 'replies' | 'mentions' | 'reactions') => {
    for (const row of list) {
      const targets = bySource.get(row.source) ?? bySource.set(row.source, new Map()).get(row.source)!;
      let count = targets.get(row.target);
      if (!count) targets.set(row.target, (count = { source: row.source, target: row.target, replies: 0, mentions: 0, reactions: 0 }));
      count[field] += row.n;
    }
  };
  add(rows.replies, 'replies');
  add(rows.mentions, 'mentions');
  add(rows.reactions, 'reactions');
  const counts = [...bySource.keys()]
    .sort(byId)
    .flatMap((source) => [...bySource.get(source)!.values()].sort((a, b) => byId(a.target, b.target)));
  return { counts, listedReactions: rows.listedReactions };
}

/** Groups a join by its two ends (and the local day of the acting message), in SQL. */
async function countPairs(
  db: Kysely<Database>,
  joined: SelectQueryBuilder<any, any, object>,
  source: string,
  target: string,
  byDay: LocalTime | undefined,
): Promise<PairCount[]> {
  if (!byDay) {
    const rows = await joined
      .select([sql.ref<string>(source).as('source'), sql.ref<string>(target).as('target'), sql<number>`count(*)`.as('n')])
      .groupBy([sql.ref(source), sql.ref(target)])
      .execute();
    return rows.map((row) => ({ source: row.source, target: row.target, day: null, n: Number(row.n) }));
  }
  // The day is an expression: group on it through a subquery, the same on both engines.
  const inner = joined.select([sql.ref<string>(source).as('source'), sql.ref<string>(target).as('target'), byDay.day('m.sent_at').as('day')]);
  const rows = await db
    .selectFrom(inner.as('x'))
    .select(['x.source', 'x.target', 'x.day', sql<number>`count(*)`.as('n')])
    .groupBy(['x.source', 'x.target', 'x.day'])
    .execute();
  return rows.map((row) => ({ source: row.source, target: row.target, day: Number(row.day), n: Number(row.n) }));
}
