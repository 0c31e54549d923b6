import { sql, type Kysely } from 'kysely';
import { meanOfCounts, quantileOfCounts } from '../../analysis/percentiles';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import { scopedMessages } from '../message-scope';
import type { QueryDefinition } from '../query-definition';
import { QueryParamError } from '../query-error';
import { bucketLabel, localTime, type Granularity } from '../time-buckets';
import { compareIds } from '../compare-ids';
import { channelNames, gapMs, widen } from './conversation-params';

/** How `conversations` groups its rows. */
export type ConversationGrouping = 'channel' | Granularity;

const GROUPINGS: readonly ConversationGrouping[] = ['channel', 'day', 'week', 'month'];

/** Parameters of `conversations` besides the common ones. */
export interface ConversationsInput extends AuditParamsInput {
  /** Rows per channel (default) or per local day, week (from Monday) or month of the opening. */
  by?: ConversationGrouping | string;
  /** Silence (minutes) that ends a conversation; default 30. */
  gapMinutes?: number | string;
}

/** Conversations of one channel, one period, or (both null) all of them. */
export interface ConversationsRow {
  /** Channel ID when grouped by channel; null otherwise and on the overall row. */
  channel: string | null;
  channelName: string | null;
  /** Day `YYYY-MM-DD`, week (its Monday) or month `YYYY-MM` of the openings; null when grouped by channel and on the overall row. */
  period: string | null;
  conversations: number;
  /** Counted messages in these conversations. */
  messages: number;
  /** Messages per conversation: mean and median (linear interpolation). */
  meanMessages: number;
  medianMessages: number;
  /** Participants = distinct authors of counted messages in a conversation: mean and median. */
  meanParticipants: number;
  medianParticipants: number;
  /** Share of conversations with one participant only (nobody joined in). */
  singleParticipantShare: number;
  /** Minutes from a conversation's first to its last message, on average (0 for a single message). */
  meanDurationMinutes: number;
}

/** One histogram cell from SQL: conversations of the same bucket, length and participants. */
interface Cell {
  bucket: string;
  length: number;
  participants: number;
  conversations: number;
  durationMs: number;
}

/**
 * Conversations, after Common Room / CHAOSS as the project's metric definitions state them: a
 * conversation is a run of counted messages (`scopedMessages`: no system notices, bots or
 * excluded staff) in one channel, thread or forum post with no silence over `gapMinutes`
 * (default 30). It belongs to the period, channel and day of its first message; the silence
 * before it is checked against messages before `from` too, and its messages after `to` are not
 * counted. Participants are the distinct authors of its messages (mentions and reactions do not
 * make a participant). Two window passes number the conversations of each channel; SQL returns
 * a histogram (bucket × length × participants), means and medians are computed from it in JS.
 *
 * @example
 * const rows = await conversations(db, { guild, by: 'week', timeZone: 'Europe/Berlin' });
 * rows[0] // overall: { conversations, meanMessages, medianParticipants, ... }
 */
export async function conversations(db: Kysely<Database>, input: ConversationsInput): Promise<ConversationsRow[]> {
  const params = await resolveAuditParams(db, input);
  const by = grouping(input.by);
  const gap = gapMs(input.gapMinutes);
  const t = await localTime(db, params);

  // Pass 1: the time of the previous message in the channel; pass 2: a running count of openings
  // numbers each channel's conversations.
  const stream = scopedMessages(db, widen(params, gap, 0)).select((eb) => [
    'm.id', 'm.channel_id', 'm.author_id', 'm.sent_at',
    eb.fn.agg<number>('lag', ['m.sent_at']).over((ob) => ob.partitionBy('m.channel_id').orderBy('m.sent_at').orderBy('m.id')).as('prev_at'),
  ]);
  const numbered = db.selectFrom(stream.as('s')).select((eb) => [
    's.channel_id', 's.author_id', 's.sent_at',
    eb.fn
      .sum<number>(sql`case when s.prev_at is null or s.sent_at - s.prev_at > ${sql.lit(gap)} then 1 else 0 end`)
      .over((ob) => ob.partitionBy('s.channel_id').orderBy('s.sent_at').orderBy('s.id'))
      .as('conversation'),
  ]);
  const perConversation = db
    .selectFrom(numbered.as('n'))
    .select((eb) => [
      'n.channel_id',
      eb.fn.countAll<number>().as('length'),
      eb.fn.count<number>('n.author_id').distinct().as('participants'),
      eb.fn.min<number>('n.sent_at').as('first_at'),
      eb.fn.max<number>('n.sent_at').as('last_at'),
    ])
    .groupBy(['n.channel_id', 'n.conversation']);
  const bucket = by === 'channel' ? sql<string>`c.channel_id` : sql<string>`${t.day('c.first_at')}`;
  let histogramQuery = db
    .selectFrom(perConversation.as('c'))
    .select((eb) => [
      bucket.as('bucket'), 'c.length', 'c.participants',
      eb.fn.countAll<number>().as('conversations'),
      eb.fn.sum<number>(sql`c.last_at - c.first_at`).as('duration'),
    ])
    .groupBy([bucket, 'c.length', 'c.participants']);
  // Conversations already running at `from` belong to the time before.
  if (params.from !== null) histogramQuery = histogramQuery.where('c.first_at', '>=', params.from);
  const cells = await histogramQuery.execute();

  const histogram: Cell[] = cells.map((c) => ({
    bucket: by === 'channel' ? String(c.bucket) : bucketLabel(Number(c.bucket), by),
    length: Number(c.length),
    participants: Number(c.participants),
    conversations: Number(c.conversations),
    durationMs: Number(c.duration),
  }));
  const names = by === 'channel' ? await channelNames(db, params.guild) : new Map<string, string>();
  const groups = new Map<string, Cell[]>();
  for (const cell of histogram) {
    const list = groups.get(cell.bucket);
    if (list) list.push(cell);
    else groups.set(cell.bucket, [cell]);
  }
  const rows = [...groups.entries()].map(([key, list]) =>
    by === 'channel' ? summarise(list, key, names.get(key) ?? null, null) : summarise(list, null, null, key));
  rows.sort(by === 'channel'
    ? (a, b) => b.conversations - a.conversations || compareIds(a.channel!, b.channel!)
    : (a, b) => (a.period! < b.period! ? -1 : 1));
  return [summarise(histogram, null, null, null), ...rows];
}

function grouping(value: string | undefined): ConversationGrouping {
  const by = (value ?? 'channel').trim() as ConversationGrouping;
  if (!GROUPINGS.includes(by)) throw new QueryParamError(`by must be one of ${GROUPINGS.join(', ')} (got '${value}')`);
  return by;
}

function summarise(cells: Cell[], channel: string | null, channelName: string | null, period: string | null): ConversationsRow {
  const count = cells.reduce((sum, c) => sum + c.conversations, 0);
  const lengths = cells.map((c) => [c.length, c.conversations] as const);
  const participants = cells.map((c) => [c.participants, c.conversations] as const);
  const share = (part: number) => (count === 0 ? 0 : part / count);
  return {
    channel,
    channelName,
    period,
    conversations: count,
    messages: cells.reduce((sum, c) => sum + c.length * c.conversations, 0),
    meanMessages: meanOfCounts(lengths) ?? 0,
    medianMessages: quantileOfCounts(lengths, 0.5) ?? 0,
    meanParticipants: meanOfCounts(participants) ?? 0,
    medianParticipants: quantileOfCounts(participants, 0.5) ?? 0,
    singleParticipantShare: share(cells.filter((c) => c.participants === 1).reduce((sum, c) => sum + c.conversations, 0)),
    meanDurationMinutes: share(cells.reduce((sum, c) => sum + c.durationMs, 0)) / 60_000,
  };
}

export const conversationsQuery: QueryDefinition = {
  name: 'conversations',
  summary: 'Conversations per channel or per day/week/month: count, mean/median messages and participants, duration',
  follows: 'Common Room / CHAOSS: conversation = run of messages in a channel with no gap over gapMinutes',
  scope: 'guild',
  params: [
    { name: 'by', type: 'string', default: 'channel', description: 'channel, day, week or month (of the opening, in timeZone)' },
    { name: 'gapMinutes', type: 'number', default: 30, description: 'silence (minutes) that ends a conversation' },
  ],
  run: conversations,
};
