import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { quantile } from '../../analysis/percentiles';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParams, type AuditParamsInput } from '../audit-params';
import { scopedMessages } from '../message-scope';
import type { QueryDefinition } from '../query-definition';
import { compareIds } from '../compare-ids';
import { channelNames, gapMs, staffUserIds, widen } from './conversation-params';
import { numberParam } from '../param-values';

/** Parameters of `responsiveness` besides the common ones. */
export interface ResponsivenessInput extends AuditParamsInput {
  /** Silence (minutes) that ends a conversation; default 30. */
  gapMinutes?: number | string;
  /** How long (hours) after an opening the next message by someone else still counts as its response; default 24. */
  windowHours?: number | string;
}

/** How fast conversations get a first response, in one channel or (channel null) in all. */
export interface ResponsivenessRow {
  /** Channel ID; null on the overall row. */
  channel: string | null;
  channelName: string | null;
  /** Conversations opened in the period by a counted member (staff openings only with includeStaff). */
  openings: number;
  /** Openings that got a first response (within the window, or a later reply). */
  answered: number;
  unanswered: number;
  /** unanswered / openings; null when there were no openings. */
  unansweredShare: number | null;
  /** Of the answered: how many only through a reply that came after the window. */
  answeredByLateReply: number;
  /** Median and 90th percentile of the time to first response (minutes, linear interpolation); null when none was answered. */
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** First responses by staff (holders of staffRoles) and by everyone else. */
  staffResponses: number;
  communityResponses: number;
  /** False when no staffRoles were given: then nobody is staff and every response is "community". */
  staffDefined: boolean;
}

/** One opening and its first response: `response` = sent_at × 2 + (responder is staff ? 1 : 0), null if none. */
interface Opening {
  id: string;
  channel: string;
  sentAt: number;
  response: number | null;
  lateReply: boolean;
}

/**
 * Time to first response, after Common Room and CHAOSS ("Time to First Response"), as the
 * project's metric definitions state it:
 * - A conversation is a run of counted messages in one channel (thread, forum post) with no
 *   silence over `gapMinutes` (default 30). Its first message is an *opening*; only openings wait
 *   for a response. Messages inside a conversation are already part of an exchange, so counting
 *   each unreplied one would call ordinary chat "unanswered".
 * - The first response to an opening is the earliest of: the next message in the same channel by
 *   someone other than its author within `windowHours` (default 24), and a reply to it by someone
 *   else at any later time (within the window a reply can never come before the next message by
 *   someone else in the same channel, so replies matter after the window: forum-style answers).
 * - Counted messages follow `scopedMessages` (no system notices; no bots unless includeBots),
 *   with one deliberate difference: staff messages always count as *responses*, because
 *   "staff vs community responders" is part of the definition; `includeStaff` decides whether
 *   conversations opened by staff count as openings. With no `staffRoles`, nobody is staff.
 * - An opening belongs to the period when it is sent in it; silence is measured against messages
 *   before `from` too, and responses may come after `to`.
 * One row per channel with openings, largest first, after an overall row (`channel` null).
 *
 * @example
 * const rows = await responsiveness(db, { guild, staffRoles: 'Moderator', windowHours: 12 });
 * const all = rows[0]; // all.medianMinutes, all.unansweredShare, all.staffResponses
 */
export async function responsiveness(db: Kysely<Database>, input: ResponsivenessInput): Promise<ResponsivenessRow[]> {
  const params = await resolveAuditParams(db, input);
  const gap = gapMs(input.gapMinutes);
  const window = Math.round(numberParam(input.windowHours, 'windowHours', { default: 24, min: 0.01, max: 24 * 365 }) * 3_600_000);
  const staff = await staffUserIds(db, params);

  const openings = await findOpenings(db, params, staff, gap, window);
  const unanswered = openings.filter((o) => o.response === null);
  if (unanswered.length > 0) {
    const late = await lateReplies(db, params, staff, window, unanswered.reduce((min, o) => Math.min(min, o.sentAt), Infinity));
    for (const o of unanswered) {
      const reply = late.get(o.id);
      if (reply !== undefined) {
        o.response = reply;
        o.lateReply = true;
      }
    }
  }
  const names = await channelNames(db, params.guild);
  return summarise(openings, names, staff.size > 0);
}

/** `author_id` is one of `staff`, as SQL 1/0 (a literal 0 when there is no staff). */
function staffFlag(column: string, staff: Set<string>) {
  return staff.size === 0 ? sql<number>`0` : sql<number>`case when ${sql.ref(column)} in (${sql.join([...staff])}) then 1 else 0 end`;
}

/**
 * The openings of the period with their first response within the window, in one pass over the
 * channel streams: LAG finds openings, LEAD the next message; only when that next message is by
 * the opener again does a lookup (served by the channel/time index) find the next other author.
 */
async function findOpenings(db: Kysely<Database>, params: AuditParams, staff: Set<string>, gap: number, window: number): Promise<Opening[]> {
  const streamParams = { ...widen(params, gap, window), includeStaff: true };
  const code = (column: string) => sql<number>`(${sql.ref(column)} * 2 + ${staffFlag('m.author_id', staff)})`;
  // Three window functions in one pass; the next message's time and staff flag travel as one code.
  const stream = scopedMessages(db, streamParams).select((eb) => {
    const over = <T>(fn: string, column: Expression<T> | string) =>
      eb.fn.agg<T>(fn, [column as never]).over((ob) => ob.partitionBy('m.channel_id').orderBy('m.sent_at').orderBy('m.id'));
    return [
      'm.id', 'm.channel_id', 'm.author_id', 'm.sent_at', staffFlag('m.author_id', staff).as('staff'),
      over<number>('lag', 'm.sent_at').as('prev_at'),
      over<string>('lead', 'm.author_id').as('next_author'),
      over<number>('lead', code('m.sent_at')).as('next_code'),
    ];
  });

  // The next message by someone else when the opener spoke again first: same scope, same channel.
  const nextOther = scopedMessages(db, { ...streamParams, from: null, to: null, channels: null })
    .select(sql<number>`min(${code('m.sent_at')})`.as('code'))
    .where('m.channel_id', '=', sql.ref<string>('s.channel_id'))
    .where('m.sent_at', '>=', sql.ref<number>('s.sent_at'))
    .where('m.sent_at', '<=', sql<number>`s.sent_at + ${sql.lit(window)}`)
    .where('m.author_id', '<>', sql.ref<string>('s.author_id'));

  let query = db
    .selectFrom(stream.as('s'))
    .select([
      's.id', 's.channel_id', 's.sent_at',
      sql<number | string | null>`case
        when s.next_code is null or s.next_code > (s.sent_at + ${sql.lit(window)}) * 2 + 1 then null
        when s.next_author <> s.author_id then s.next_code
        else (${nextOther}) end`.as('response'),
    ])
    .where(sql<SqlBool>`(s.prev_at is null or s.sent_at - s.prev_at > ${sql.lit(gap)})`);
  if (params.from !== null) query = query.where('s.sent_at', '>=', params.from);
  if (params.to !== null) query = query.where('s.sent_at', '<', params.to);
  if (!params.includeStaff) query = query.where('s.staff', '=', 0);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id, channel: r.channel_id, sentAt: Number(r.sent_at),
    response: r.response === null ? null : Number(r.response), lateReply: false,
  }));
}

/**
 * First reply by someone else to each message of the period, for replies sent more than
 * `window` after it (earlier ones are already found as the next message by someone else), among
 * replies sent after `earliest` + `window`. Starts
 * from the replies and finds the replied-to message by its primary key.
 */
async function lateReplies(
  db: Kysely<Database>, params: AuditParams, staff: Set<string>, window: number, earliest: number,
): Promise<Map<string, number>> {
  // No late reply can come before the earliest waiting opening plus the window.
  let query = scopedMessages(db, { ...params, from: earliest + window + 1, to: null, includeStaff: true })
    .innerJoin('messages as o', 'o.id', 'm.reference_message_id')
    .select(['o.id', sql<number | string>`min(m.sent_at * 2 + ${staffFlag('m.author_id', staff)})`.as('code')])
    .where('m.reference_message_id', 'is not', null)
    .where('o.guild_id', '=', params.guild)
    .whereRef('m.author_id', '<>', 'o.author_id')
    .where('m.sent_at', '>', sql<number>`o.sent_at + ${sql.lit(window)}`)
    .groupBy('o.id');
  if (params.from !== null) query = query.where('o.sent_at', '>=', params.from);
  if (params.to !== null) query = query.where('o.sent_at', '<', params.to);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.id, Number(r.code)]));
}

/** Per-channel rows and the overall row; percentiles and shares in JS. */
function summarise(openings: Opening[], names: Map<string, string>, staffDefined: boolean): ResponsivenessRow[] {
  const byChannel = new Map<string, Opening[]>();
  for (const o of openings) {
    const list = byChannel.get(o.channel);
    if (list) list.push(o);
    else byChannel.set(o.channel, [o]);
  }
  const channels = [...byChannel.entries()]
    .map(([channel, list]) => row(channel, names.get(channel) ?? null, list, staffDefined))
    .sort((a, b) => b.openings - a.openings || compareIds(a.channel!, b.channel!));
  return [row(null, null, openings, staffDefined), ...channels];
}

function row(channel: string | null, channelName: string | null, openings: Opening[], staffDefined: boolean): ResponsivenessRow {
  const answered = openings.filter((o) => o.response !== null);
  const minutes = answered.map((o) => (Math.floor(o.response! / 2) - o.sentAt) / 60_000);
  const staffResponses = answered.filter((o) => o.response! % 2 === 1).length;
  return {
    channel,
    channelName,
    openings: openings.length,
    answered: answered.length,
    unanswered: openings.length - answered.length,
    unansweredShare: openings.length === 0 ? null : (openings.length - answered.length) / openings.length,
    answeredByLateReply: answered.filter((o) => o.lateReply).length,
    medianMinutes: quantile(minutes, 0.5),
    p90Minutes: quantile(minutes, 0.9),
    staffResponses,
    communityResponses: answered.length - staffResponses,
    staffDefined,
  };
}

export const responsivenessQuery: QueryDefinition = {
  name: 'responsiveness',
  summary: 'Time to first response per channel: openings, unanswered share, median/p90 minutes, staff vs community responders',
  follows: 'Common Room / CHAOSS time to first response; conversations = runs with no gap over gapMinutes',
  scope: 'guild',
  params: [
    { name: 'gapMinutes', type: 'number', default: 30, description: 'silence (minutes) that ends a conversation; the next message opens one' },
    { name: 'windowHours', type: 'number', default: 24, description: 'hours after an opening in which the next message by someone else counts as its response (replies count any time)' },
  ],
  run: responsiveness,
};
