import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import type { QueryDefinition } from '../query-definition';
import { isoTime } from '../time-buckets';
import { byMessagesThenName, channelAuthorStats, channelPlaces, totalsBy } from './channel-activity';

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
  const [places, stats] = await Promise.all([channelPlaces(db, params), channelAuthorStats(db, params)]);
  const placeOf = new Map(places.map((p) => [p.id, p]));
  const categoryKey = (channelId: string) => placeOf.get(channelId)?.categoryId ?? NO_CATEGORY;
  const totals = totalsBy(stats, (s) => categoryKey(s.channelId));
  const active = new Set(stats.map((s) => s.channelId));
  const all = stats.reduce((sum, s) => sum + s.messages, 0);

  const categories = new Map<string, { name: string | null; channels: number; activeChannels: number }>();
  for (const p of places) {
    const key = p.categoryId ?? NO_CATEGORY;
    const c = categories.get(key) ?? { name: p.categoryName, channels: 0, activeChannels: 0 };
    c.channels += 1;
    if (active.has(p.id)) c.activeChannels += 1;
    categories.set(key, c);
  }
  return [...categories]
    .map(([key, c]): CategoryActivityRow => {
      const t = totals.get(key);
      const messages = t?.messages ?? 0;
      return {
        categoryId: key === NO_CATEGORY ? null : key, categoryName: c.name,
        channels: c.channels, activeChannels: c.activeChannels,
        messages, communicators: t?.authors.size ?? 0, share: all > 0 ? messages / all : 0,
        first: isoTime(t?.first ?? null), last: isoTime(t?.last ?? null),
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
