import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParams, type AuditParamsInput } from '../audit-params';
import { scopedMessages } from '../message-scope';
import type { QueryDefinition } from '../query-definition';
import { isoTime } from '../time-buckets';

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

/** Messages, first and last time of one author in one channel. */
export interface ChannelAuthorStats {
  channelId: string;
  authorId: string;
  messages: number;
  first: number;
  last: number;
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

/** Counted messages per (channel, author) with their first and last time: enough for both channel and category roll-ups. */
export async function channelAuthorStats(db: Kysely<Database>, params: AuditParams): Promise<ChannelAuthorStats[]> {
  const rows = await scopedMessages(db, params)
    .select((eb) => ['m.channel_id', 'm.author_id', eb.fn.countAll<number>().as('n'), eb.fn.min('m.sent_at').as('first'), eb.fn.max('m.sent_at').as('last')])
    .groupBy(['m.channel_id', 'm.author_id'])
    .execute();
  return rows.map((r) => ({ channelId: r.channel_id, authorId: r.author_id, messages: Number(r.n), first: Number(r.first), last: Number(r.last) }));
}

/** Totals of a group of (channel, author) stats. */
export interface ActivityTotals {
  messages: number;
  authors: Set<string>;
  first: number | null;
  last: number | null;
}

/** Folds (channel, author) stats into totals per group key (a channel, a category...). */
export function totalsBy(stats: readonly ChannelAuthorStats[], keyOf: (s: ChannelAuthorStats) => string): Map<string, ActivityTotals> {
  const totals = new Map<string, ActivityTotals>();
  for (const s of stats) {
    const key = keyOf(s);
    let t = totals.get(key);
    if (!t) totals.set(key, (t = { messages: 0, authors: new Set(), first: null, last: null }));
    t.messages += s.messages;
    t.authors.add(s.authorId);
    t.first = t.first === null ? s.first : Math.min(t.first, s.first);
    t.last = t.last === null ? s.last : Math.max(t.last, s.last);
  }
  return totals;
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
  const [places, stats] = await Promise.all([channelPlaces(db, params), channelAuthorStats(db, params)]);
  const totals = totalsBy(stats, (s) => s.channelId);
  const all = stats.reduce((sum, s) => sum + s.messages, 0);
  return places
    .map((p): ChannelActivityRow => {
      const t = totals.get(p.id);
      const messages = t?.messages ?? 0;
      return {
        channelId: p.id, name: p.name, kind: p.kind, parentId: p.parentId, parentName: p.parentName,
        categoryId: p.categoryId, categoryName: p.categoryName,
        messages, communicators: t?.authors.size ?? 0, share: all > 0 ? messages / all : 0,
        first: isoTime(t?.first ?? null), last: isoTime(t?.last ?? null),
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
