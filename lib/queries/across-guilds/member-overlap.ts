import { sql, type Kysely } from 'kysely';
import { CONVERSATIONAL_KINDS } from '../../archives/message-kinds';
import type { Database } from '../../database/schema';
import { flag } from '../audit-params';
import { parsePeriod, type Period, type TimeInput } from '../period';
import type { QueryDefinition } from '../query-definition';
import { compareIds } from '../compare-ids';
import { checkTimeZone } from '../time-zone';

/** Parameters of `member-overlap`. */
export interface MemberOverlapInput {
  /** Period of the *active* figures (members are everyone the archive ever saw). */
  from?: TimeInput;
  to?: TimeInput;
  /** How dates in from/to are read (midnight in this zone); default UTC. */
  timeZone?: string;
  /** Count bot and webhook accounts (default false). */
  includeBots?: boolean | string;
}

/** Two guilds and the accounts they share. */
export interface MemberOverlapRow {
  /** The pair, lower guild ID first. */
  guildA: string;
  guildAName: string;
  guildB: string;
  guildBName: string;
  /** Accounts the archive saw in each guild (authors, mentioned, reacting, command users). */
  membersA: number;
  membersB: number;
  sharedMembers: number;
  /** shared / (A + B − shared); null when both are empty. */
  jaccard: number | null;
  /** Communicators of the period (≥ 1 conversational message) in each, and in both. */
  activeA: number;
  activeB: number;
  sharedActive: number;
  activeJaccard: number | null;
}

type Counts = Map<string, number>;

/**
 * Member overlap between every pair of guilds, after the project's "identity across servers"
 * definition: Discord user IDs are global, so the same ID in two guilds is the same account.
 * Members are the accounts the archive saw in a guild (a scraped history has no member list, so
 * silent members who never posted, reacted or were mentioned are missing); active members are
 * communicators (CHAOSS / Discord Server Insights: at least one conversational message in the
 * period). Jaccard = shared / union. Bots are left out unless `includeBots`.
 * Rows for every pair of guilds in the database, by guild IDs.
 *
 * @example
 * const rows = await memberOverlap(db, { from: '2024-01-01' });
 * rows[0].sharedActive, rows[0].activeJaccard
 */
export async function memberOverlap(db: Kysely<Database>, input: MemberOverlapInput = {}): Promise<MemberOverlapRow[]> {
  const period = parsePeriod(input, checkTimeZone(input.timeZone ?? 'UTC'));
  const includeBots = flag(input.includeBots, 'includeBots');
  const guilds = (await db.selectFrom('guilds').select(['id', 'name']).execute()).sort((a, b) => compareIds(a.id, b.id));
  const bots = includeBots ? new Set<string>() : await botIds(db);
  const members = await memberPairs(db, bots);
  const active = await activePairs(db, bots, period, guilds.map((g) => g.id));

  const rows: MemberOverlapRow[] = [];
  for (let i = 0; i < guilds.length; i++) {
    for (let j = i + 1; j < guilds.length; j++) {
      const [a, b] = [guilds[i], guilds[j]];
      const get = (counts: Counts, x: string, y: string) => counts.get(`${x}:${y}`) ?? 0;
      const membersA = get(members, a.id, a.id);
      const membersB = get(members, b.id, b.id);
      const shared = get(members, a.id, b.id);
      const activeA = get(active, a.id, a.id);
      const activeB = get(active, b.id, b.id);
      const sharedActive = get(active, a.id, b.id);
      rows.push({
        guildA: a.id, guildAName: a.name, guildB: b.id, guildBName: b.name,
        membersA, membersB, sharedMembers: shared, jaccard: jaccard(membersA, membersB, shared),
        activeA, activeB, sharedActive, activeJaccard: jaccard(activeA, activeB, sharedActive),
      });
    }
  }
  return rows;
}

/** Bot and webhook accounts (few), to leave out in JS rather than by a subquery per row. */
async function botIds(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom('users').select('id').where('is_bot', '=', 1).execute();
  return new Set(rows.map((r) => r.id));
}

function jaccard(a: number, b: number, shared: number): number | null {
  const union = a + b - shared;
  return union === 0 ? null : shared / union;
}

/**
 * Accounts shared by each ordered pair of guilds (`a:b`; `g:g` holds a guild's own count): the
 * members table joined to itself on the user index.
 */
async function memberPairs(db: Kysely<Database>, bots: Set<string>): Promise<Counts> {
  const rows = await db
    .selectFrom('members as a')
    .innerJoin('members as b', 'b.user_id', 'a.user_id')
    .select(['a.guild_id as ga', 'b.guild_id as gb', sql<number>`count(*)`.as('n')])
    .groupBy(['a.guild_id', 'b.guild_id'])
    .$if(bots.size > 0, (q) => q.where('a.user_id', 'not in', [...bots]))
    .execute();
  return new Map(rows.map((r) => [`${r.ga}:${r.gb}`, Number(r.n)]));
}

/**
 * Communicators per guild: members with a first message when there is no period (stored at import
 * from the same messages), else the authors of conversational messages in the period, found
 * through the guild/time index. Pairs are counted in JS from the (guild, account) list.
 */
async function activePairs(db: Kysely<Database>, bots: Set<string>, period: Period, guilds: string[]): Promise<Counts> {
  let active: Array<{ guild_id: string; user_id: string }>;
  if (period.from === null && period.to === null) {
    active = await db.selectFrom('members').select(['guild_id', 'user_id']).where('first_message_at', 'is not', null).execute();
  } else if (guilds.length === 0) {
    active = [];
  } else {
    let q = db
      .selectFrom('messages as m')
      .select(['m.guild_id', 'm.author_id as user_id'])
      .distinct()
      .where('m.guild_id', 'in', guilds)
      .where('m.kind', 'in', [...CONVERSATIONAL_KINDS]);
    if (period.from !== null) q = q.where('m.sent_at', '>=', period.from);
    if (period.to !== null) q = q.where('m.sent_at', '<', period.to);
    active = await q.execute();
  }
  const byUser = new Map<string, string[]>();
  for (const a of active) {
    if (bots.has(a.user_id)) continue;
    const list = byUser.get(a.user_id);
    if (list) list.push(a.guild_id);
    else byUser.set(a.user_id, [a.guild_id]);
  }
  return countPairs([...byUser.values()].flatMap((gs) => gs.flatMap((x) => gs.map((y) => [x, y] as const))));
}

function countPairs(pairs: ReadonlyArray<readonly [string, string]>): Counts {
  const counts: Counts = new Map();
  for (const [x, y] of pairs) counts.set(`${x}:${y}`, (counts.get(`${x}:${y}`) ?? 0) + 1);
  return counts;
}

export const memberOverlapQuery: QueryDefinition = {
  name: 'member-overlap',
  summary: 'For every pair of guilds: members and active members of each, shared, Jaccard',
  follows: 'Identity across servers: user IDs are global; active = communicator (>= 1 message in the period); Jaccard = shared / union',
  scope: 'global',
  params: [
    { name: 'from', type: 'string', description: 'start of the active period, inclusive: date or ISO time' },
    { name: 'to', type: 'string', description: 'end of the active period, exclusive: date or ISO time' },
    { name: 'timeZone', type: 'string', default: 'UTC', description: 'zone in which from/to dates start' },
    { name: 'includeBots', type: 'boolean', default: false, description: 'count bots and webhooks' },
  ],
  run: memberOverlap,
};
