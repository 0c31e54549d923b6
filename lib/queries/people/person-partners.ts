import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { REPLY } from '../columns';
import { compareIds } from '../compare-ids';
import { personGuilds, type PersonGuild } from './person-guilds';

/** Someone a person interacts with, both ways, over every guild. */
export interface Partner {
  userId: string;
  name: string | null;
  bot: boolean;
  /** The person replied to / mentioned / reacted to this partner's messages. */
  repliesTo: number;
  mentionsTo: number;
  reactionsTo: number;
  /** This partner replied to / mentioned / reacted to the person. */
  repliesFrom: number;
  mentionsFrom: number;
  reactionsFrom: number;
  total: number;
}

type Direction = 'repliesTo' | 'mentionsTo' | 'reactionsTo' | 'repliesFrom' | 'mentionsFrom' | 'reactionsFrom';

const DIRECTIONS: Direction[] = ['repliesTo', 'mentionsTo', 'reactionsTo', 'repliesFrom', 'mentionsFrom', 'reactionsFrom'];

/**
 * The person's top interaction partners, after the TogetherCrew / SourceCred interaction graph
 * (replies, mentions and reactions, counted both ways), in one pass over the columns of each
 * guild they appear in. Replies and mentions count from conversational messages only (a forward
 * is not a reply), replies where the replied-to message is in the same guild; reactions count
 * where the archive lists who reacted. Interactions among the person's own accounts are left
 * out. Largest total first, ties by user ID.
 *
 * @example
 * const top = await interactionPartners(db, ['3001'], 10); // top[0].repliesTo, top[0].reactionsFrom
 */
export async function interactionPartners(db: Kysely<Database>, ids: string[], limit: number): Promise<Partner[]> {
  return interactionPartnersOf(db, await personGuilds(db, ids), limit);
}

/** `interactionPartners` over guilds already read, so the dossier reads them once for cells and partners. */
export async function interactionPartnersOf(db: Kysely<Database>, guilds: PersonGuild[], limit: number): Promise<Partner[]> {
  const counts = new Map<string, Record<Direction, number>>();
  for (const guild of guilds) {
    const { columns, mine } = guild;
    const perUser = guildCounts(guild);
    const users = columns.users.ids.length;
    for (let u = 0; u < users; u++) {
      if (mine[u] === 1) continue;
      let any = false;
      for (let d = 0; d < DIRECTIONS.length && !any; d++) any = perUser[d * users + u] > 0;
      if (!any) continue;
      const id = columns.users.ids[u];
      let c = counts.get(id);
      if (!c) counts.set(id, (c = { repliesTo: 0, mentionsTo: 0, reactionsTo: 0, repliesFrom: 0, mentionsFrom: 0, reactionsFrom: 0 }));
      for (let d = 0; d < DIRECTIONS.length; d++) c[DIRECTIONS[d]] += perUser[d * users + u];
    }
  }

  const ranked = [...counts.entries()]
    .map(([userId, c]) => ({ userId, ...c, total: c.repliesTo + c.mentionsTo + c.reactionsTo + c.repliesFrom + c.mentionsFrom + c.reactionsFrom }))
    .sort((a, b) => b.total - a.total || compareIds(a.userId, b.userId))
    .slice(0, limit);
  if (ranked.length === 0) return [];
  const users = await db.selectFrom('users').select(['id', 'name', 'is_bot']).where('id', 'in', ranked.map((p) => p.userId)).execute();
  const byId = new Map(users.map((u) => [u.id, u]));
  return ranked.map((p) => ({
    userId: p.userId,
    name: byId.get(p.userId)?.name ?? null,
    bot: byId.get(p.userId)?.is_bot === 1,
    repliesTo: p.repliesTo,
    mentionsTo: p.mentionsTo,
    reactionsTo: p.reactionsTo,
    repliesFrom: p.repliesFrom,
    mentionsFrom: p.mentionsFrom,
    reactionsFrom: p.reactionsFrom,
    total: p.total,
  }));
}

/** Interactions with each user of one guild, `DIRECTIONS[d]` of user `u` at `d * users + u`. */
function guildCounts({ columns, mine }: PersonGuild): Uint32Array {
  const users = columns.users.ids.length;
  const counts = new Uint32Array(users * DIRECTIONS.length);
  const [repliesTo, mentionsTo, reactionsTo, repliesFrom, mentionsFrom, reactionsFrom] = DIRECTIONS.map((_, d) => d * users);
  // Locals, not property reads, in the loop over every message of the guild.
  const { author, conversational, referenceKind, referenced, count } = columns.messages;
  const { start: mentionStart, values: mentioned } = columns.mentions;
  const { start: reactorStart, values: reactors } = columns.reactors;
  for (let i = 0; i < count; i++) {
    const a = author[i];
    const own = mine[a] === 1;
    for (let k = reactorStart[i], end = reactorStart[i + 1]; k < end; k++) {
      const v = reactors[k];
      if (own) counts[reactionsFrom + v]++;
      if (mine[v] === 1) counts[reactionsTo + a]++;
    }
    if (conversational[i] === 0) continue;
    const target = referenceKind[i] === REPLY ? referenced[i] : -1;
    if (target >= 0) {
      if (own) counts[repliesTo + author[target]]++;
      if (mine[author[target]] === 1) counts[repliesFrom + a]++;
    }
    for (let k = mentionStart[i], end = mentionStart[i + 1]; k < end; k++) {
      const v = mentioned[k];
      if (own) counts[mentionsTo + v]++;
      if (mine[v] === 1) counts[mentionsFrom + a]++;
    }
  }
  return counts;
}
