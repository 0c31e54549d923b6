import type { Kysely } from 'kysely';
import { MEMBER_JOIN_KIND } from '../../archives/message-kinds';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { channelMask, excludedUserMask, periodSlice, scopedIndexes, type GuildColumns } from '../columns';
import { authoredMessages } from './authored-messages';
import { memberFirsts } from './member-firsts';

/**
 * When each member was first seen, by user number (NaN: not before `to`, in scope). It looks
 * back to the start of the history, not to the period's start, so a member first seen before
 * `from` is never new; it stops at `to`. Bots and staff are left out as everywhere. With a
 * channels filter a member is first seen in those channels, and join notices count only where
 * they were posted (the guild's system channel).
 */
export interface Sightings {
  /** The earliest message of any kind each user authored before `to`. */
  firstSeen: Float64Array;
  /** Each user's earliest join notice before `to`. */
  joined: Float64Array;
}

/**
 * First sighting and join notice of every user. Over the whole guild they come from each
 * member's first messages (`memberFirsts`, one pass per data version); with a channels filter
 * from one pass over the messages in those channels before `to`. Both give the same values for
 * the same messages.
 *
 * @example
 * const { firstSeen } = await firstSightings(db, columns, params);
 * const isNew = firstSeen[user] >= params.from;
 */
export async function firstSightings(db: Kysely<Database>, columns: GuildColumns, params: AuditParams): Promise<Sightings> {
  const m = columns.messages;
  const users = columns.users.ids.length;
  const firstSeen = new Float64Array(users).fill(Number.NaN);
  const joined = new Float64Array(users).fill(Number.NaN);
  if (params.channels === null) {
    const { firstAny, firstJoin } = memberFirsts(columns);
    const out = await excludedUserMask(db, columns, params);
    const end = periodSlice(columns, params)[1];
    for (let u = 0; u < users; u++) {
      if (out[u] === 1) continue;
      if (firstAny[u] >= 0 && firstAny[u] < end) firstSeen[u] = m.sentAt[firstAny[u]];
      if (firstJoin[u] >= 0 && firstJoin[u] < end) joined[u] = m.sentAt[firstJoin[u]];
    }
    return { firstSeen, joined };
  }
  // Messages are in time order, so a user's first in the pass is their earliest.
  const joinKind = m.kinds.indexOf(MEMBER_JOIN_KIND);
  const scoped = await scopedIndexes(db, columns, { ...params, from: null }, { system: true });
  for (let k = 0; k < scoped.length; k++) {
    const i = scoped[k];
    const a = m.author[i];
    if (Number.isNaN(firstSeen[a])) firstSeen[a] = m.sentAt[i];
    if (m.kind[i] === joinKind && Number.isNaN(joined[a])) joined[a] = m.sentAt[i];
  }
  return { firstSeen, joined };
}

/**
 * Each user's first counted message before `to` (in the channels, when filtered), as a message
 * position by user number (-1: none), looking back to the start of the history.
 *
 * @example
 * const first = await firstCountedMessages(db, columns, params);
 * const cohortDay = first[user] >= 0 ? columns.messages.sentAt[first[user]] : null;
 */
export async function firstCountedMessages(db: Kysely<Database>, columns: GuildColumns, params: AuditParams): Promise<Int32Array> {
  const users = columns.users.ids.length;
  const { start, values } = authoredMessages(columns);
  const out = await excludedUserMask(db, columns, params);
  const inChannels = params.channels === null ? null : channelMask(columns, params.channels);
  const channel = columns.messages.channel;
  const end = periodSlice(columns, params)[1];
  const first = new Int32Array(users).fill(-1);
  for (let u = 0; u < users; u++) {
    if (out[u] === 1) continue;
    for (let k = start[u]; k < start[u + 1] && values[k] < end; k++) {
      if (inChannels === null || inChannels[channel[values[k]]] === 1) {
        first[u] = values[k];
        break;
      }
    }
  }
  return first;
}
