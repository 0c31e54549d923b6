import { sql, type Kysely } from 'kysely';
import { CONVERSATIONAL_KINDS } from '../../archives/message-kinds';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParams, type AuditParamsInput } from '../audit-params';
import { isBot, isStaff, scopedMessages } from '../message-scope';
import type { QueryDefinition } from '../query-definition';
import { isoTime } from '../time-buckets';

/** The headline figures of a guild over a period. */
export interface OverviewRow {
  /** Messages, system notices and (by default) bots and staff left out. */
  messages: number;
  /** Accounts seen in the period: authors (joins included), mentioned, reacting and command users. */
  members: number;
  /** Members who sent at least one counted message. */
  communicators: number;
  /** Channels, threads and forum posts with at least one counted message. */
  channels: number;
  /** First and last counted message (ISO time), null when there is none. */
  first: string | null;
  last: string | null;
  /** Share of the period's non-system messages sent by bots and webhooks. */
  botShare: number;
  /** Share of the period's messages (bots included) that are system notices. */
  systemShare: number;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/**
 * Guild overview, after Discord Server Insights and CHAOSS: a communicator is a member who sent
 * at least one message in the period; system notices are never messages.
 *
 * @example
 * const [o] = await overview(db, { guild: '755126265953910784' });
 * console.log(o.messages, o.communicators);
 */
export async function overview(db: Kysely<Database>, input: AuditParamsInput): Promise<OverviewRow[]> {
  const params = await resolveAuditParams(db, input);
  const counted = await scopedMessages(db, params)
    .select((eb) => [
      eb.fn.countAll<number>().as('messages'),
      eb.fn.count<number>('m.author_id').distinct().as('communicators'),
      eb.fn.count<number>('m.channel_id').distinct().as('channels'),
      eb.fn.min('m.sent_at').as('first'),
      eb.fn.max('m.sent_at').as('last'),
    ])
    .executeTakeFirstOrThrow();

  // Shares are over everything in the period and channels, whatever the bot/staff filters.
  const talk = [...CONVERSATIONAL_KINDS];
  const mix = await scopedMessages(db, { ...params, includeBots: true, includeStaff: true }, { system: true })
    .select((eb) => [
      eb.fn.countAll<number>().as('all'),
      eb.fn.sum<number>(eb.case().when('m.kind', 'in', talk).then(0).else(1).end()).as('system'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('m.kind', 'in', talk), isBot(eb, 'm.author_id')])).then(1).else(0).end()).as('botTalk'),
    ])
    .executeTakeFirstOrThrow();
  const all = Number(mix.all);
  const system = Number(mix.system ?? 0);

  const members = await membersSeen(db, params);
  return [{
    messages: Number(counted.messages),
    members,
    communicators: Number(counted.communicators),
    channels: Number(counted.channels),
    first: isoTime(counted.first),
    last: isoTime(counted.last),
    botShare: share(Number(mix.botTalk ?? 0), all - system),
    systemShare: share(system, all),
  }];
}

/** Distinct accounts that authored, were mentioned in, reacted to or invoked a command in a message in scope. */
async function membersSeen(db: Kysely<Database>, params: AuditParams): Promise<number> {
  const inScope = scopedMessages(db, { ...params, includeBots: true, includeStaff: true }, { system: true });
  const people = inScope
    .select('m.author_id as user_id')
    .union(inScope.innerJoin('mentions as mn', 'mn.message_id', 'm.id').select('mn.user_id'))
    .union(inScope.innerJoin('reaction_users as ru', 'ru.message_id', 'm.id').select('ru.user_id'))
    .union(inScope.where('m.interaction_user_id', 'is not', null).select(sql<string>`m.interaction_user_id`.as('user_id')));
  let counted = db.selectFrom(people.as('p')).select((eb) => eb.fn.countAll<number>().as('n'));
  if (!params.includeBots) counted = counted.where((eb) => eb.not(isBot(eb, 'p.user_id')));
  if (!params.includeStaff && params.staffRoles.length > 0) counted = counted.where((eb) => eb.not(isStaff(eb, params, 'p.user_id')));
  const row = await counted.executeTakeFirstOrThrow();
  return Number(row.n);
}

export const overviewQuery: QueryDefinition = {
  name: 'overview',
  summary: 'Messages, members seen, communicators, active channels, first/last message, bot and system shares',
  follows: 'Discord Server Insights / CHAOSS: communicator = member with >= 1 message in the period',
  scope: 'guild',
  params: [],
  run: overview,
};
