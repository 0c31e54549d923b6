import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParams, type AuditParamsInput } from '../audit-params';
import { guildColumns, scopedIndexes } from '../columns';
import type { QueryDefinition } from '../query-definition';
import { isoTime } from '../time-buckets';
import { groupTotals, type GroupTotals } from './group-totals';

/** Counted messages in one channel, thread or forum post. */
export interface ChannelActivityRow {
  channelId: string;
  name: string;
  /** DiscordChatExporter's channel type (`GuildTextChat`, `GuildPublicThread`...); null when known only by reference. */
  kind: string | null;
  /** For a thread or forum post: its parent channel. */
  parentId: string | null;
  parentName: string | null;
  /** The channel's category; a thread's is its parent's. Null when it has none (or it is unknown). */
  categoryId: string | null;
  categoryName: string | null;
  messages: number;
  /** Distinct authors of those messages. */
  communicators: number;
  /** Share of all counted messages in scope. */
  share: number;
  /** First and last counted message (ISO), null when there is none. */
  first: string | null;
  last: string | null;
}

/** A channel of the guild with where it sits. */
export interface ChannelPlace {
  id: string;
  name: string;
  kind: string | null;
  parentId: string | null;
  parentName: string | null;
  categoryId: string | null;
  categoryName: string | null;
}

/**
 * Every channel, thread and forum post in scope (not categories), each with its parent and its
 * category, a thread taking its parent's category.
 */
export async function channelPlaces(db: Kysely<Database>, params: AuditParams): Promise<ChannelPlace[]> {
  const all = await db.selectFrom('channels').select(['id', 'name', 'kind', 'parent_id', 'category_id']).where('guild_id', '=', params.guild).execute();
  const byId = new Map(all.map((c) => [c.id, c]));
  const wanted = params.channels === null ? null : new Set(params.channels);
  return all
    .filter((c) => c.kind !== 'GuildCategory' && (wanted === null || wanted.has(c.id)))
    .map((c) => {
      const parent = c.parent_id === null ? undefined : byId.get(c.parent_id);
      const categoryId = c.parent_id === null ? c.category_id : parent?.category_id ?? null;
      return {
        id: c.id, name: c.name, kind: c.kind,
        parentId: c.parent_id, parentName: parent?.name ?? null,
        categoryId, categoryName: categoryId === null ? null : byId.get(categoryId)?.name ?? null,
      };
    });
}

/** Activity per group of channels, from `activityByChannelGroup`. */
export interface ChannelGroupActivity {
  /** Indexed by group number. */
  totals: GroupTotals;
  /** Counted messages in all groups. */
  all: number;
  /** Counted messages in one channel (0 for an unknown one). */
  channelMessages: (channelId: string) => number;
}

/**
 * Counted messages, communicators and first and last time per group of channels:
 * `groupOf(channelId)` is the group (0 to `groups - 1`) a channel's messages count in (the
 * channel's own row, its category's...).
 *
 * @example
 * const { totals } = await activityByChannelGroup(db, params, (id) => (id === '5201' ? 0 : 1), 2);
 */
export async function activityByChannelGroup(
  db: Kysely<Database>,
  params: AuditParams,
  groupOf: (channelId: string) => number,
  groups: number,
): Promise<ChannelGroupActivity> {
  const columns = await guildColumns(db, params.guild);
  const counted = await scopedIndexes(db, columns, params);
  // Resolved once per channel, then read per message from an array by channel number.
  const ofChannel = Int32Array.from(columns.channels.ids, groupOf);
  const perChannel = new Int32Array(columns.channels.ids.length);
  const channel = columns.messages.channel;
  const group = new Int32Array(counted.length);
  for (let k = 0; k < counted.length; k++) {
    const c = channel[counted[k]];
    group[k] = ofChannel[c];
    perChannel[c]++;
  }
  return {
    totals: groupTotals(columns, counted, group, groups),
    all: counted.length,
    channelMessages: (id) => {
      const c = columns.channels.index.get(id);
      return c === undefined ? 0 : perChannel[c];
    },
  };
}

/** Orders rows by messages, most first, then by name and ID. */
export function byMessagesThenName<T extends { messages: number }>(name: (r: T) => string, id: (r: T) => string) {
  return (a: T, b: T) => b.messages - a.messages || compareText(name(a), name(b)) || compareText(id(a), id(b));
}

/** Code-point order: the same on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Counted messages and communicators per channel, thread and forum post in scope, with its kind,
 * parent and category (a thread's category is its parent's), share of all counted messages, and
 * first and last message. Channels without a counted message are rows too, with zeros: a quiet
 * channel is a finding. Most messages first.
 *
 * @example
 * const channels = await channelActivity(db, { guild, from: '2024-01-01' });
 */
export async function channelActivity(db: Kysely<Database>, input: AuditParamsInput): Promise<ChannelActivityRow[]> {
  const params = await resolveAuditParams(db, input);
  const places = await channelPlaces(db, params);
  // Channels without a place (not in the channels table) share one last group no row reads.
  const placeNumber = new Map(places.map((p, g) => [p.id, g]));
  const { totals, all } = await activityByChannelGroup(db, params, (id) => placeNumber.get(id) ?? places.length, places.length + 1);
  return places
    .map((p, g): ChannelActivityRow => {
      const messages = totals.messages[g];
      return {
        channelId: p.id, name: p.name, kind: p.kind, parentId: p.parentId, parentName: p.parentName,
        categoryId: p.categoryId, categoryName: p.categoryName,
        messages, communicators: totals.communicators[g], share: all > 0 ? messages / all : 0,
        first: messages > 0 ? isoTime(totals.first[g]) : null, last: messages > 0 ? isoTime(totals.last[g]) : null,
      };
    })
    .sort(byMessagesThenName((r) => r.name, (r) => r.channelId));
}

export const channelActivityQuery: QueryDefinition = {
  name: 'channel-activity',
  summary: 'Messages, communicators, share, first/last per channel, thread and forum post, with parent and category',
  follows: 'Discord Server Insights / Statbot messages per channel; a thread belongs to its parent\'s category',
  scope: 'guild',
  params: [],
  run: channelActivity,
};
