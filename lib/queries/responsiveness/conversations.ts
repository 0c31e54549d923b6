import type { Kysely } from 'kysely';
import { meanOfCounts, quantileOfCounts } from '../../analysis/percentiles';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import { guildColumns, scopedIndexes } from '../columns';
import { zoneSegments } from '../columns/zone-segments';
import { compareIds } from '../compare-ids';
import type { QueryDefinition } from '../query-definition';
import { QueryParamError } from '../query-error';
import { bucketLabel, DAY_MS, type Granularity } from '../time-buckets';
import { toLocal } from '../time-zone';
import { channelStreams } from './channel-streams';
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

/** One histogram cell: conversations of the same bucket, length and participants. */
interface Cell {
  length: number;
  participants: number;
  conversations: number;
  durationMs: number;
}

/**
 * Conversations, after Common Room / CHAOSS as the project's metric definitions state them: a
 * conversation is a run of counted messages (`scopedIndexes`: no system notices, bots or
 * excluded staff) in one channel, thread or forum post with no silence over `gapMinutes`
 * (default 30). It belongs to the period, channel and day of its first message; the silence
 * before it is checked against messages before `from` too, and its messages after `to` are not
 * counted. Participants are the distinct authors of its messages (mentions and reactions do not
 * make a participant). Each channel's stream of counted messages is walked once over the guild's
 * columns into a histogram (bucket × length × participants); means and medians come from it.
 *
 * @example
 * const rows = await conversations(db, { guild, by: 'week', timeZone: 'Europe/Berlin' });
 * rows[0] // overall: { conversations, meanMessages, medianParticipants, ... }
 */
export async function conversations(db: Kysely<Database>, input: ConversationsInput): Promise<ConversationsRow[]> {
  const params = await resolveAuditParams(db, input);
  const by = grouping(input.by);
  const gap = gapMs(input.gapMinutes);
  const columns = await guildColumns(db, params.guild);
  const segments = zoneSegments(columns, params.timeZone);
  const sentAt = columns.messages.sentAt;
  const author = columns.messages.author;
  const { start, order } = channelStreams(columns, await scopedIndexes(db, columns, widen(params, gap, 0)));
  // Conversations already running at `from` belong to the time before.
  const from = params.from ?? Number.NEGATIVE_INFINITY;

  // Bucket (channel number or local day of the opening) → (length, participants) → cell.
  const buckets = new Map<number, Map<number, Cell>>();
  const cellKey = (length: number, participants: number) => length * (columns.users.ids.length + 1) + participants;
  // seen[user] = the last conversation the user was counted in: distinct authors without a set per conversation.
  const seen = new Int32Array(columns.users.ids.length).fill(-1);
  let conversation = 0;
  // The cells of the last bucket used: a channel's conversations mostly share a bucket with the previous one.
  let bucket = Number.NaN;
  let cells = new Map<number, Cell>();
  for (let c = 0; c + 1 < start.length; c++) {
    const end = start[c + 1];
    let k = start[c];
    while (k < end) {
      const first = sentAt[order[k]];
      let last = first;
      let length = 0;
      let participants = 0;
      do {
        const i = order[k];
        if (seen[author[i]] !== conversation) {
          seen[author[i]] = conversation;
          participants++;
        }
        last = sentAt[i];
        length++;
        k++;
      } while (k < end && sentAt[order[k]] - last <= gap);
      conversation++;
      if (first < from) continue;
      const opened = by === 'channel' ? c : Math.floor(toLocal(first, segments) / DAY_MS);
      if (opened !== bucket) {
        bucket = opened;
        cells = buckets.get(bucket) ?? buckets.set(bucket, new Map()).get(bucket)!;
      }
      addCell(cells, cellKey(length, participants), length, participants, 1, last - first);
    }
  }

  // Days of one week or month share a row; the overall row merges every bucket.
  const groups = new Map<string, Map<number, Cell>>();
  const overall = new Map<number, Cell>();
  for (const [opened, openedCells] of buckets) {
    const label = by === 'channel' ? columns.channels.ids[opened] : bucketLabel(opened, by);
    const group = groups.get(label) ?? groups.set(label, new Map()).get(label)!;
    for (const [key, cell] of openedCells) {
      addCell(group, key, cell.length, cell.participants, cell.conversations, cell.durationMs);
      addCell(overall, key, cell.length, cell.participants, cell.conversations, cell.durationMs);
    }
  }
  const names = by === 'channel' ? await channelNames(db, params.guild) : new Map<string, string>();
  const rows = [...groups.entries()].map(([label, cells]) =>
    by === 'channel' ? summarise([...cells.values()], label, names.get(label) ?? null, null) : summarise([...cells.values()], null, null, label));
  rows.sort(by === 'channel'
    ? (a, b) => b.conversations - a.conversations || compareIds(a.channel!, b.channel!)
    : (a, b) => (a.period! < b.period! ? -1 : 1));
  return [summarise([...overall.values()], null, null, null), ...rows];
}

/** Adds conversations of one length and participant count (`key`) to a histogram. */
function addCell(cells: Map<number, Cell>, key: number, length: number, participants: number, conversations: number, durationMs: number): void {
  const cell = cells.get(key);
  if (cell) {
    cell.conversations += conversations;
    cell.durationMs += durationMs;
  } else {
    cells.set(key, { length, participants, conversations, durationMs });
  }
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
