import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParams, type AuditParamsInput } from '../audit-params';
import { guildColumns, scopedIndexes, type GuildColumns } from '../columns';
import { compareIds } from '../compare-ids';
import { numberParam } from '../param-values';
import type { QueryDefinition } from '../query-definition';
import { channelStreams } from './channel-streams';
import { channelNames, gapMs, staffUserIds, widen } from './conversation-params';
import { lowerBound } from '../../analysis/lower-bound';
import { quantilesInPlace } from '../../analysis/percentiles';

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

/**
 * The openings of the period, one entry per opening in each array: the message position, its
 * channel number and time, its first response as `sent_at × 2 + (responder is staff ? 1 : 0)`
 * (-1 if none), and whether that response is a reply that came after the window.
 */
interface Openings {
  count: number;
  at: Int32Array;
  channel: Int32Array;
  sentAt: Float64Array;
  response: Float64Array;
  lateReply: Uint8Array;
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
 * - Counted messages follow `scopedIndexes` (no system notices; no bots unless includeBots),
 *   with one deliberate difference: staff messages always count as *responses*, because
 *   "staff vs community responders" is part of the definition; `includeStaff` decides whether
 *   conversations opened by staff count as openings. With no `staffRoles`, nobody is staff.
 * - An opening belongs to the period when it is sent in it; silence is measured against messages
 *   before `from` too, and responses may come after `to`.
 * One row per channel with openings, largest first, after an overall row (`channel` null).
 * Computed over the guild's columns: one walk of each channel's stream, then one pass over the
 * replies for the openings still unanswered.
 *
 * @example
 * const rows = await responsiveness(db, { guild, staffRoles: 'Moderator', windowHours: 12 });
 * const all = rows[0]; // all.medianMinutes, all.unansweredShare, all.staffResponses
 */
export async function responsiveness(db: Kysely<Database>, input: ResponsivenessInput): Promise<ResponsivenessRow[]> {
  const params = await resolveAuditParams(db, input);
  const gap = gapMs(input.gapMinutes);
  const window = Math.round(numberParam(input.windowHours, 'windowHours', { default: 24, min: 0.01, max: 24 * 365 }) * 3_600_000);
  const staffIds = await staffUserIds(db, params);
  const columns = await guildColumns(db, params.guild);
  const staff = new Uint8Array(columns.users.ids.length);
  for (const id of staffIds) {
    const u = columns.users.index.get(id);
    if (u !== undefined) staff[u] = 1;
  }

  // Counted messages from `gap` before the period (for silences) to the guild's last (responses and
  // late replies may come after `to`), staff always included: they respond.
  const stream = await scopedIndexes(db, columns, { ...widen(params, gap, 0), to: null, includeStaff: true });
  const openings = findOpenings(columns, stream, params, staff, gap, window);
  addLateReplies(columns, stream, staff, window, openings);
  const names = await channelNames(db, params.guild);
  return summarise(columns, openings, names, staffIds.size > 0);
}

/**
 * The openings of the period with their first response within the window, walking each
 * channel's stream of `stream` messages: an opening follows a silence over `gap`; its response is
 * the next message when someone else sent it, else the first message by someone else further on
 * (at equal times, a non-staff one first).
 */
function findOpenings(
  columns: GuildColumns, stream: Int32Array, params: AuditParams, staff: Uint8Array, gap: number, window: number,
): Openings {
  const { sentAt, author } = columns.messages;
  const code = (i: number) => sentAt[i] * 2 + staff[author[i]];
  const { start, order } = channelStreams(columns, stream);
  const from = params.from ?? Number.NEGATIVE_INFINITY;
  const to = params.to ?? Number.POSITIVE_INFINITY;
  // Sized for a quarter of the messages opening a conversation (a busy guild has fewer), doubled when more do.
  const capacity = Math.max(1024, stream.length >> 2);
  let at = new Int32Array(capacity);
  let channel = new Int32Array(capacity);
  let time = new Float64Array(capacity);
  let response = new Float64Array(capacity);
  let n = 0;
  for (let c = 0; c + 1 < start.length; c++) {
    const end = start[c + 1];
    let previous = Number.NEGATIVE_INFINITY;
    for (let k = start[c]; k < end; k++) {
      const i = order[k];
      const t = sentAt[i];
      if (t >= to) break; // no more openings in this channel
      const silence = t - previous;
      previous = t;
      if (silence <= gap) continue;
      if (t < from || (!params.includeStaff && staff[author[i]] === 1)) continue;
      if (n === at.length) {
        at = resized(at, 2 * n);
        channel = resized(channel, 2 * n);
        time = resized(time, 2 * n);
        response = resized(response, 2 * n);
      }
      at[n] = i;
      channel[n] = c;
      time[n] = t;
      response[n] = -1;
      let next = k + 1;
      while (next < end && sentAt[order[next]] <= t + window && author[order[next]] === author[i]) next++;
      if (next < end && sentAt[order[next]] <= t + window) {
        const first = order[next];
        response[n] = code(first);
        // The next message was the opener's own: the earliest other answer wins, non-staff on a tie.
        if (next > k + 1) {
          for (let j = next + 1; j < end && sentAt[order[j]] === sentAt[first] && response[n] % 2 === 1; j++) {
            if (author[order[j]] !== author[i]) response[n] = Math.min(response[n], code(order[j]));
          }
        }
      }
      n++;
    }
  }
  return {
    count: n, at: at.subarray(0, n), channel: channel.subarray(0, n), sentAt: time.subarray(0, n),
    response: response.subarray(0, n), lateReply: new Uint8Array(n),
  };
}

/** A copy of `a` with room for `length` entries. */
function resized<T extends Int32Array | Float64Array>(a: T, length: number): T {
  const copy = new (a.constructor as new (length: number) => T)(length);
  copy.set(a);
  return copy;
}

/**
 * Answers the openings still waiting with the first reply by someone else sent more than
 * `window` after them (earlier ones were found as the next message by someone else), among the
 * `stream` messages (counted, staff included, in any later period).
 */
function addLateReplies(columns: GuildColumns, stream: Int32Array, staff: Uint8Array, window: number, openings: Openings): void {
  const { sentAt, author, referenced } = columns.messages;
  // The unanswered openings in message order, found by binary search from a reply's target.
  const waiting: number[] = [];
  for (let o = 0; o < openings.count; o++) if (openings.response[o] < 0) waiting.push(o);
  if (waiting.length === 0) return;
  const waitingAt = Int32Array.from(waiting, (o) => openings.at[o]).sort();
  waiting.sort((a, b) => openings.at[a] - openings.at[b]);
  const waitingIndex = (target: number) => {
    const lo = lowerBound(waitingAt, target);
    return lo < waitingAt.length && waitingAt[lo] === target ? waiting[lo] : -1;
  };
  for (const i of stream) {
    const target = referenced[i];
    if (target < waitingAt[0]) continue; // not a reply, or to a message before every waiting opening
    const o = waitingIndex(target);
    if (o < 0 || author[i] === author[target] || sentAt[i] <= sentAt[target] + window) continue;
    const code = sentAt[i] * 2 + staff[author[i]];
    if (openings.lateReply[o] === 0 || code < openings.response[o]) {
      openings.response[o] = code;
      openings.lateReply[o] = 1;
    }
  }
}

/** Per-channel rows and the overall row, counted over the openings by channel number; percentiles and shares in JS. */
function summarise(columns: GuildColumns, openings: Openings, names: Map<string, string>, staffDefined: boolean): ResponsivenessRow[] {
  const { channel, sentAt } = openings;
  const channels = columns.channels.ids.length;
  const count = new Int32Array(channels);
  const staffCount = new Int32Array(channels);
  const lateCount = new Int32Array(channels);
  // The response times, channel by channel: channel c's are minutes[first[c]] up to minutes[first[c + 1]].
  const first = new Int32Array(channels + 1);
  for (let o = 0; o < openings.count; o++) {
    const c = channel[o];
    count[c]++;
    const response = openings.response[o];
    if (response < 0) continue;
    first[c + 1]++;
    staffCount[c] += response % 2;
    lateCount[c] += openings.lateReply[o];
  }
  for (let c = 0; c < channels; c++) first[c + 1] += first[c];
  const minutes = new Float64Array(first[channels]);
  const fill = first.slice(0, channels);
  for (let o = 0; o < openings.count; o++) {
    const response = openings.response[o];
    if (response >= 0) minutes[fill[channel[o]]++] = (Math.floor(response / 2) - sentAt[o]) / 60_000;
  }

  const sum = (a: Int32Array) => a.reduce((total, x) => total + x, 0);
  const overall = row(null, null, openings.count, minutes.slice(), sum(staffCount), sum(lateCount), staffDefined);
  const rows: ResponsivenessRow[] = [];
  for (let c = 0; c < channels; c++) {
    if (count[c] === 0) continue;
    const id = columns.channels.ids[c];
    rows.push(row(id, names.get(id) ?? null, count[c], minutes.subarray(first[c], first[c + 1]), staffCount[c], lateCount[c], staffDefined));
  }
  rows.sort((a, b) => b.openings - a.openings || compareIds(a.channel!, b.channel!));
  return [overall, ...rows];
}

/** The row of `openings` openings; `minutes` (reordered here) are the answered ones' times to first response. */
function row(
  channel: string | null, channelName: string | null, openings: number, minutes: Float64Array, staffResponses: number, late: number, staffDefined: boolean,
): ResponsivenessRow {
  const answered = minutes.length;
  const [medianMinutes, p90Minutes] = quantilesInPlace(minutes, [0.5, 0.9]);
  return {
    channel,
    channelName,
    openings,
    answered,
    unanswered: openings - answered,
    unansweredShare: openings === 0 ? null : (openings - answered) / openings,
    answeredByLateReply: late,
    medianMinutes,
    p90Minutes,
    staffResponses,
    communityResponses: answered - staffResponses,
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
