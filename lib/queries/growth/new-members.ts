import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { isoTime } from '../time-buckets';
import { numberParam } from '../param-values';
import { resolveAuditParams, type AuditParams, type AuditParamsInput } from '../audit-params';
import { channelMask, guildColumns, periodSlice } from '../columns';
import type { QueryDefinition } from '../query-definition';
import { DAY_MS, HOUR_MS } from '../time-buckets';
import { ANSWERED_BY_BOT, ANSWERED_BY_PERSON, answeredMessages } from './answered-messages';
import { lowerBound } from '../../analysis/lower-bound';
import { authoredMessages } from './authored-messages';
import { firstSightings } from './first-sightings';
import { IDS_PER_IN_LIST, inListSlices } from '../in-list';

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
  const columns = await guildColumns(db, params.guild);
  const m = columns.messages;
  const { firstSeen, joined } = await firstSightings(db, columns, params);
  const fresh: number[] = [];
  for (let u = 0; u < firstSeen.length; u++) if (firstSeen[u] >= (params.from ?? Number.NEGATIVE_INFINITY)) fresh.push(u);

  // Their counted messages within the horizon, from their own message lists: how many, and
  // which was first. The horizon ends at a message position, found by binary search on time.
  const horizonMs = options.horizonDays === null ? null : Math.round(options.horizonDays * DAY_MS);
  const [, end] = periodSlice(columns, horizonMs === null ? params : { ...params, to: null });
  const inChannels = params.channels === null ? null : channelMask(columns, params.channels);
  const { start, values } = authoredMessages(columns);
  const messages = new Int32Array(firstSeen.length);
  const firstMessage = new Int32Array(firstSeen.length).fill(-1);
  for (const u of fresh) {
    const until = horizonMs === null ? end : Math.min(end, periodSlice(columns, { from: null, to: firstSeen[u] + horizonMs })[1]);
    const upTo = lowerBound(values, until, start[u], start[u + 1]);
    if (inChannels === null) {
      messages[u] = upTo - start[u];
      if (upTo > start[u]) firstMessage[u] = values[start[u]];
      continue;
    }
    for (let k = start[u]; k < upTo; k++) {
      if (inChannels[m.channel[values[k]]] === 0) continue;
      messages[u]++;
      if (firstMessage[u] < 0) firstMessage[u] = values[k];
    }
  }
  const replied = answeredMessages(columns);
  const answeredBy = params.includeBots ? ANSWERED_BY_PERSON | ANSWERED_BY_BOT : ANSWERED_BY_PERSON;

  const names = await namesOf(db, params.guild, fresh.map((u) => columns.users.ids[u]));
  const ids = columns.users.ids;
  fresh.sort((a, b) => firstSeen[a] - firstSeen[b] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  return fresh.map((u) => {
    const first = firstMessage[u] < 0 ? null : m.sentAt[firstMessage[u]];
    const name = names.get(ids[u]);
    return {
      userId: ids[u],
      name: name?.name ?? null,
      nickname: name?.nickname ?? null,
      joinedAt: isoTime(Number.isNaN(joined[u]) ? null : joined[u]),
      firstSeen: isoTime(firstSeen[u])!,
      firstMessageAt: isoTime(first),
      hoursToFirstMessage: first === null ? null : (first - firstSeen[u]) / HOUR_MS,
      messages: messages[u],
      activated: messages[u] >= options.minMessages,
      answered: first === null ? null : (replied[firstMessage[u]] & answeredBy) !== 0,
    };
  });
}

/** Username and guild nickname of each of `userIds` (missing when the tables have neither). */
async function namesOf(db: Kysely<Database>, guild: string, userIds: readonly string[]) {
  const names = new Map<string, { name: string | null; nickname: string | null }>();
  const members = db
    .selectFrom('members as mb')
    .leftJoin('users as u', 'u.id', 'mb.user_id')
    .select(['mb.user_id', 'u.name', 'mb.nickname'])
    .where('mb.guild_id', '=', guild);
  // A few members by ID; many, with the whole guild's list (one read instead of many lists).
  const rows = userIds.length === 0 ? [] : await (userIds.length <= IDS_PER_IN_LIST ? members.where('mb.user_id', 'in', userIds) : members).execute();
  for (const r of rows) names.set(r.user_id, { name: r.name, nickname: r.nickname });
  // Authors always have a member row; should one not, their username is still shown.
  const missing = userIds.filter((id) => !names.has(id));
  for (const slice of inListSlices(missing)) {
    for (const u of await db.selectFrom('users').select(['id', 'name']).where('id', 'in', slice).execute()) {
      names.set(u.id, { name: u.name, nickname: null });
    }
  }
  return names;
}

export const newMembersQuery: QueryDefinition = {
  name: 'new-members',
  summary: 'Each member first seen in the period: joined, first seen, first message, hours to it, messages, activated, answered',
  follows: 'new-member activation (Discord Server Insights, CHAOSS): >= 3 messages, time to first message, first message answered',
  scope: 'guild',
  params: ACTIVATION_PARAMS,
  run: newMembers,
};
