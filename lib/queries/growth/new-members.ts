import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { CONVERSATIONAL_KINDS } from '../../archives/message-kinds';
import type { Database } from '../../database/schema';
import { isoTime } from '../time-buckets';
import { numberParam } from '../param-values';
import { resolveAuditParams, type AuditParams, type AuditParamsInput } from '../audit-params';
import { isBot, scopedMessages } from '../message-scope';
import type { QueryDefinition } from '../query-definition';
import { DAY_MS, HOUR_MS } from '../time-buckets';
import { newcomers } from './first-sightings';

/** What one new member did after they were first seen. */
export interface NewMemberRow {
  userId: string;
  /** Username. */
  name: string | null;
  /** Guild nickname when last observed. */
  nickname: string | null;
  /** Earliest join notice (ISO), null when the history has none. */
  joinedAt: string | null;
  /** First sighting (ISO): the earliest message of any kind they authored, join notice included. */
  firstSeen: string;
  /** First counted message within the horizon (ISO), null when none. */
  firstMessageAt: string | null;
  /** Hours from first sighting to first counted message; null when none. */
  hoursToFirstMessage: number | null;
  /** Counted messages within the horizon. */
  messages: number;
  /** messages >= minMessages. */
  activated: boolean;
  /** Whether another account (not a bot, unless bots are included) replied to the first counted message; null when there is none. */
  answered: boolean | null;
}

export interface NewMembersInput extends AuditParamsInput {
  /** Count each member's messages over this many days from first sighting (default: to the end of the period). */
  horizonDays?: number | string | null;
  /** Counted messages that make a member activated (default 3). */
  minMessages?: number | string;
}

/** The activation parameters as checked values. */
export interface ActivationOptions {
  /** null: the horizon is the end of the period (`to`, or the end of the history). */
  horizonDays: number | null;
  minMessages: number;
}

/** Reads `horizonDays` and `minMessages`, with errors naming the bad one. */
export function activationOptions(input: NewMembersInput): ActivationOptions {
  return {
    horizonDays: numberParam(input.horizonDays, 'horizonDays', { default: null, min: 0 }),
    minMessages: numberParam(input.minMessages, 'minMessages', { default: 3, min: 1, integer: true }),
  };
}

export const ACTIVATION_PARAMS: QueryDefinition['params'] = [
  { name: 'horizonDays', type: 'number', description: 'count messages this many days from first sighting (default: to the end of the period)' },
  { name: 'minMessages', type: 'number', description: 'counted messages that make a new member activated', default: 3 },
];

/**
 * The new members of the period and what each did: a member is new when their first sighting
 * (see `firstSightings`) falls inside the period. Their counted messages are taken over the
 * horizon: from first sighting to the end of the period by default, or over `horizonDays` days
 * from first sighting (then past `to` where the history goes on), so members first seen late
 * get the same time as early ones. Time to first message runs from the first sighting, which is
 * the join notice when it came before any message, else the first message of any kind.
 * `answered`: a conversational, non-forward message by another account whose reference is the
 * first counted message, at any time and in any channel (staff replies count; bots' only with
 * includeBots). Ordered by first sighting.
 *
 * @example
 * const members = await newMembers(db, { guild, from: '2024-03-01', to: '2024-04-01', horizonDays: 30 });
 */
export async function newMembers(db: Kysely<Database>, input: NewMembersInput): Promise<NewMemberRow[]> {
  const options = activationOptions(input);
  const params = await resolveAuditParams(db, input);
  return newMemberRows(db, params, options);
}

/** `newMembers` for checked parameters. */
export async function newMemberRows(db: Kysely<Database>, params: AuditParams, options: ActivationOptions): Promise<NewMemberRow[]> {
  // Named subqueries, each reading the ones before: the new members; their counted messages
  // within the horizon (how many, and when the first was); the first message itself (found by
  // its time through the guild-time index); the replies to those; whose first was answered.
  // Materialized: each is read more than once, or inside a loop over messages.
  const horizonMs = options.horizonDays === null ? null : Math.round(options.horizonDays * DAY_MS);
  const inHorizon = { ...params, from: null, to: horizonMs === null ? params.to : null };
  const fresh = sql<{ author_id: string; first_seen: number }>`${sql.table('fresh')}`.as('n');
  let counted = scopedMessages(db, inHorizon).innerJoin(fresh, 'n.author_id', 'm.author_id');
  if (horizonMs !== null) counted = counted.where(sql<boolean>`${sql.ref('m.sent_at')} < ${sql.ref('n.first_seen')} + ${sql.lit(horizonMs)}`);

  const rows = await db
    .with((cte) => cte('fresh').materialized(), () => newcomers(db, params))
    .with((cte) => cte('counted').materialized(), () => counted
      .select((eb) => ['m.author_id', eb.fn.countAll<number>().as('messages'), eb.fn.min<number>('m.sent_at').as('first_at')])
      .groupBy('m.author_id'))
    .with((cte) => cte('firsts').materialized(), (qc) => qc
      .selectFrom('counted as c')
      .select((eb) => ['c.author_id', firstMessageId(eb, params).as('id')]))
    // From the reply's side, with IN rather than a join so that each engine looks the reference
    // up in the first messages: there is no index on reference_message_id to go the other way.
    .with((cte) => cte('replies').materialized(), (qc) => {
      let replies = qc
        .selectFrom('messages as r')
        .where('r.guild_id', '=', params.guild)
        .where('r.reference_message_id', 'in', qc.selectFrom('firsts').select('firsts.id'))
        .where('r.kind', 'in', [...CONVERSATIONAL_KINDS])
        .where((w) => w.or([w('r.reference_kind', 'is', null), w('r.reference_kind', '!=', 'Forward')]));
      if (!params.includeBots) replies = replies.where((w) => w.not(isBot(w, 'r.author_id')));
      return replies.select(['r.reference_message_id as id', 'r.author_id']);
    })
    .with('answered', (qc) => qc
      .selectFrom('firsts as f')
      .innerJoin('replies as x', 'x.id', 'f.id')
      .whereRef('x.author_id', '!=', 'f.author_id')
      .select('f.author_id')
      .distinct())
    .selectFrom('fresh as n')
    .leftJoin('counted as c', 'c.author_id', 'n.author_id')
    .leftJoin('answered as a', 'a.author_id', 'n.author_id')
    .leftJoin('users as u', 'u.id', 'n.author_id')
    .leftJoin('members as mb', (j) => j.onRef('mb.user_id', '=', 'n.author_id').on('mb.guild_id', '=', params.guild))
    .select(['n.author_id', 'n.first_seen', 'n.joined', 'c.first_at', 'c.messages', 'a.author_id as answered_by', 'u.name', 'mb.nickname'])
    .orderBy('n.first_seen')
    .orderBy('n.author_id')
    .execute();
  return rows.map((r) => {
    const firstSeen = Number(r.first_seen);
    const firstMessage = r.first_at === null ? null : Number(r.first_at);
    const messages = Number(r.messages ?? 0);
    return {
      userId: r.author_id,
      name: r.name,
      nickname: r.nickname,
      joinedAt: isoTime(r.joined === null ? null : Number(r.joined)),
      firstSeen: isoTime(firstSeen)!,
      firstMessageAt: isoTime(firstMessage),
      hoursToFirstMessage: firstMessage === null ? null : (firstMessage - firstSeen) / HOUR_MS,
      messages,
      activated: messages >= options.minMessages,
      answered: firstMessage === null ? null : r.answered_by !== null,
    };
  });
}

/** The ID of the counted message `c.author_id` sent at `c.first_at`. */
function firstMessageId(eb: ExpressionBuilder<any, any>, params: AuditParams) {
  let query = eb
    .selectFrom('messages as fm')
    .select((e) => e.fn.min<string>('fm.id').as('id'))
    .where('fm.guild_id', '=', params.guild)
    .whereRef('fm.sent_at', '=', 'c.first_at')
    .whereRef('fm.author_id', '=', 'c.author_id')
    .where('fm.kind', 'in', [...CONVERSATIONAL_KINDS]);
  if (params.channels !== null) query = query.where('fm.channel_id', 'in', params.channels);
  return query;
}

export const newMembersQuery: QueryDefinition = {
  name: 'new-members',
  summary: 'Each member first seen in the period: joined, first seen, first message, hours to it, messages, activated, answered',
  follows: 'new-member activation (Discord Server Insights, CHAOSS): >= 3 messages, time to first message, first message answered',
  scope: 'guild',
  params: ACTIVATION_PARAMS,
  run: newMembers,
};
