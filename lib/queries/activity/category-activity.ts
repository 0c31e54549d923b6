import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import type { QueryDefinition } from '../query-definition';
import { isoTime } from '../time-buckets';
import { activityByChannelGroup, byMessagesThenName, channelPlaces } from './channel-activity';

/** Counted messages in one category, its channels' threads and forum posts included. */
export interface CategoryActivityRow {
  /** Null for the channels that sit in no category (or whose category is unknown). */
  categoryId: string | null;
  categoryName: string | null;
  /** Channels, threads and forum posts in scope under it, quiet ones included. */
  channels: number;
  /** Of those, the ones with at least one counted message. */
  activeChannels: number;
  messages: number;
  /** Distinct authors across the category (an author of two of its channels counts once). */
  communicators: number;
  share: number;
  first: string | null;
  last: string | null;
}

const NO_CATEGORY = '';

/**
 * `channel-activity` rolled up by category: a thread or forum post counts in its parent's
 * category, communicators are distinct across the whole category, and channels in no category
 * share one row with a null `categoryId`. Most messages first.
 *
 * @example
 * const categories = await categoryActivity(db, { guild });
 */
export async function categoryActivity(db: Kysely<Database>, input: AuditParamsInput): Promise<CategoryActivityRow[]> {
  const params = await resolveAuditParams(db, input);
  const places = await channelPlaces(db, params);
  const categories = new Map<string, { group: number; name: string | null; channels: number; activeChannels: number }>();
  for (const p of places) {
    const key = p.categoryId ?? NO_CATEGORY;
    const c = categories.get(key) ?? { group: categories.size, name: p.categoryName, channels: 0, activeChannels: 0 };
    c.channels += 1;
    categories.set(key, c);
  }
  // Channels with no place, and so no category, count with the uncategorized ones.
  const uncategorized = categories.get(NO_CATEGORY)?.group ?? categories.size;
  const placeOf = new Map(places.map((p) => [p.id, p]));
  const groupOf = (id: string) => {
    const p = placeOf.get(id);
    return p?.categoryId == null ? uncategorized : categories.get(p.categoryId)!.group;
  };
  const { totals, all, channelMessages } = await activityByChannelGroup(db, params, groupOf, categories.size + 1);
  for (const p of places) if (channelMessages(p.id) > 0) categories.get(p.categoryId ?? NO_CATEGORY)!.activeChannels += 1;
  return [...categories]
    .map(([key, c]): CategoryActivityRow => {
      const messages = totals.messages[c.group];
      return {
        categoryId: key === NO_CATEGORY ? null : key, categoryName: c.name,
        channels: c.channels, activeChannels: c.activeChannels,
        messages, communicators: totals.communicators[c.group], share: all > 0 ? messages / all : 0,
        first: messages > 0 ? isoTime(totals.first[c.group]) : null, last: messages > 0 ? isoTime(totals.last[c.group]) : null,
      };
    })
    .sort(byMessagesThenName((r) => r.categoryName ?? '', (r) => r.categoryId ?? ''));
}

export const categoryActivityQuery: QueryDefinition = {
  name: 'category-activity',
  summary: 'Messages, communicators, share, first/last per category (threads in their parent\'s category)',
  follows: 'Discord Server Insights / Statbot messages per category; communicators distinct across the category',
  scope: 'guild',
  params: [],
  run: categoryActivity,
};
