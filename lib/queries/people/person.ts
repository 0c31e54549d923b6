import type { Kysely } from 'kysely';
import { estimateUtcOffset, type TimeZoneEstimate } from '../../analysis/time-zone-estimate';
import type { Database } from '../../database/schema';
import type { QueryDefinition } from '../query-definition';
import { compareIds } from '../compare-ids';
import { isoTime } from '../time-buckets';
import { checkTimeZone } from '../time-zone';
import { personGuilds } from './person-guilds';
import { messageCellsOf, type MessageCell } from './person-messages';
import { interactionPartnersOf, type Partner } from './person-partners';
import { resolveUser, type MatchedUser } from './resolve-user';

/** Parameters of `person`. */
export interface PersonInput {
  /** A user ID, or a username / display name / nickname (case-insensitive; every matching account). */
  user: string;
  /** IANA time zone of `activityByHour` (default UTC). */
  timeZone?: string;
}

/** One account's presence in one guild. */
export interface GuildPresence {
  guild: string;
  guildName: string;
  userId: string;
  nickname: string | null;
  /** Role names held when last observed, highest position first. */
  roles: string[];
  /** From the archive's join notice; null when it holds none (member lists are not in scraped histories). */
  joined: string | null;
  /** First and last message of any kind (join notices too), ISO; null when none. */
  firstSeen: string | null;
  lastSeen: string | null;
  /** Conversational messages (system notices apart). */
  messages: number;
  systemNotices: number;
}

/** A channel the person talks in. */
export interface ChannelActivity {
  guild: string;
  guildName: string;
  channel: string;
  channelName: string;
  messages: number;
}

/** A person's dossier: one row with nested JSON. */
export interface PersonRow {
  /** The `user` parameter as given. */
  query: string;
  /** The matching accounts, with how each matched. */
  accounts: MatchedUser[];
  /** Every username, display name and nickname of these accounts, sorted. */
  names: string[];
  /** Conversational messages and system notices in all guilds. */
  messages: number;
  systemNotices: number;
  firstSeen: string | null;
  lastSeen: string | null;
  guilds: GuildPresence[];
  timeZone: string;
  /** Messages per local hour (index 0 = 00:00–01:00 in `timeZone`). */
  activityByHour: number[];
  /** Messages per UTC hour, the basis of the estimate. */
  activityByUtcHour: number[];
  timeZoneEstimate: TimeZoneEstimate;
  /** Up to 10 channels with the most messages. */
  topChannels: ChannelActivity[];
  /** Up to 10 people with the most interactions, both ways. */
  partners: Partner[];
  /** What the archive cannot say. */
  notes: string[];
}

const TOP = 10;

/**
 * A dossier of one person across every guild in the database, as the project's "identity across
 * servers" definitions describe it (Discord user IDs are global). Holds their accounts and names;
 * for each guild the nickname, roles, join time, first/last seen and messages; activity per hour
 * of day with a time-zone estimate (`estimateUtcOffset`: the quietest 6 hours taken as 01:00–07:00
 * local); top channels; and top interaction partners after the TogetherCrew interaction graph
 * (replies, mentions, reactions, both ways). When a name matches several accounts, the dossier
 * covers them together and each guild entry says which account it is.
 *
 * @example
 * const [p] = await person(db, { user: 'tinkerwren', timeZone: 'America/New_York' });
 * p.timeZoneEstimate.utcOffset // 'UTC-05:00'
 */
export async function person(db: Kysely<Database>, input: PersonInput): Promise<PersonRow[]> {
  const who = await resolveUser(db, input.user);
  const timeZone = checkTimeZone(input.timeZone ?? 'UTC');
  const columns = await personGuilds(db, who.ids);
  const cells = messageCellsOf(columns, timeZone);
  const guilds = await presence(db, who.ids, cells);
  const names = new Set<string>();
  for (const u of who.users) {
    names.add(u.name);
    if (u.displayName !== null) names.add(u.displayName);
  }
  for (const g of guilds) if (g.nickname !== null) names.add(g.nickname);
  const seen = guilds.flatMap((g) => [g.firstSeen, g.lastSeen]).filter((t): t is string => t !== null).sort();
  const talk = cells.filter((c) => c.talk);
  const perHour = (hour: (c: MessageCell) => number) => {
    const counts = new Array<number>(24).fill(0);
    for (const c of talk) counts[hour(c)] += c.messages;
    return counts;
  };
  const activityByUtcHour = perHour((c) => c.utcHour);
  return [{
    query: who.query,
    accounts: who.users,
    names: [...names].sort(),
    messages: guilds.reduce((sum, g) => sum + g.messages, 0),
    systemNotices: guilds.reduce((sum, g) => sum + g.systemNotices, 0),
    firstSeen: seen[0] ?? null,
    lastSeen: seen[seen.length - 1] ?? null,
    guilds,
    timeZone,
    activityByHour: perHour((c) => c.localHour),
    activityByUtcHour,
    timeZoneEstimate: estimateUtcOffset(activityByUtcHour),
    topChannels: await topChannels(db, talk),
    partners: await interactionPartnersOf(db, columns, TOP),
    notes: [
      'joined comes from join notices in the archive only; leaves, bans and voice activity are not in scraped histories',
      'roles are those held when the archive last saw the member',
      'first/last seen count messages the person wrote (join notices included), not reactions or mentions, which carry no time of their own',
    ],
  }];
}

/** Per guild and account: membership facts, roles, and message counts from the cells. */
async function presence(db: Kysely<Database>, ids: string[], cells: MessageCell[]): Promise<GuildPresence[]> {
  const members = await db
    .selectFrom('members as mb')
    .innerJoin('guilds as g', 'g.id', 'mb.guild_id')
    .select(['mb.guild_id', 'g.name as guild_name', 'mb.user_id', 'mb.nickname', 'mb.joined_at'])
    .where('mb.user_id', 'in', ids)
    .execute();
  const roles = await db
    .selectFrom('member_roles as mr')
    .innerJoin('roles as r', (j) => j.onRef('r.id', '=', 'mr.role_id').onRef('r.guild_id', '=', 'mr.guild_id'))
    .select(['mr.guild_id', 'mr.user_id', 'r.id', 'r.name', 'r.position'])
    .where('mr.user_id', 'in', ids)
    .execute();

  return members
    .map((mb): GuildPresence => {
      const mine = cells.filter((c) => c.guild === mb.guild_id && c.author === mb.user_id);
      const held = roles
        .filter((r) => r.guild_id === mb.guild_id && r.user_id === mb.user_id)
        .sort((a, b) => (b.position ?? -1) - (a.position ?? -1) || compareIds(a.id, b.id));
      return {
        guild: mb.guild_id,
        guildName: mb.guild_name,
        userId: mb.user_id,
        nickname: mb.nickname,
        roles: held.map((r) => r.name),
        joined: isoTime(mb.joined_at),
        firstSeen: mine.length === 0 ? null : isoTime(Math.min(...mine.map((c) => c.first))),
        lastSeen: mine.length === 0 ? null : isoTime(Math.max(...mine.map((c) => c.last))),
        messages: mine.filter((c) => c.talk).reduce((sum, c) => sum + c.messages, 0),
        systemNotices: mine.filter((c) => !c.talk).reduce((sum, c) => sum + c.messages, 0),
      };
    })
    .sort((a, b) => b.messages - a.messages || compareIds(a.guild, b.guild) || compareIds(a.userId, b.userId));
}

/** The channels (threads and forum posts each on their own) with the most conversational messages. */
async function topChannels(db: Kysely<Database>, talk: MessageCell[]): Promise<ChannelActivity[]> {
  const counts = new Map<string, { guild: string; messages: number }>();
  for (const c of talk) {
    const entry = counts.get(c.channel);
    if (entry) entry.messages += c.messages;
    else counts.set(c.channel, { guild: c.guild, messages: c.messages });
  }
  const top = [...counts.entries()]
    .sort((a, b) => b[1].messages - a[1].messages || compareIds(a[0], b[0]))
    .slice(0, TOP);
  if (top.length === 0) return [];
  const labels = await db
    .selectFrom('channels as c')
    .innerJoin('guilds as g', 'g.id', 'c.guild_id')
    .select(['c.id', 'c.name', 'g.name as guild_name'])
    .where('c.id', 'in', top.map(([id]) => id))
    .execute();
  const byId = new Map(labels.map((l) => [l.id, l]));
  return top.map(([channel, { guild, messages }]) => ({
    guild, guildName: byId.get(channel)?.guild_name ?? '', channel, channelName: byId.get(channel)?.name ?? '', messages,
  }));
}

export const personQuery: QueryDefinition = {
  name: 'person',
  summary: 'Dossier of one person across guilds: accounts, names, guilds and roles, hours and time-zone estimate, channels, partners',
  follows: 'Discord user IDs are global; time zone = quietest 6 hours as 01:00-07:00 local; partners after TogetherCrew (replies, mentions, reactions both ways)',
  scope: 'global',
  params: [
    { name: 'user', type: 'string', required: true, description: 'user ID, or username / display name / nickname (case-insensitive)' },
    { name: 'timeZone', type: 'string', default: 'UTC', description: 'IANA time zone of activityByHour' },
  ],
  run: person,
};
