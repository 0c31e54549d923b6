import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParams, type AuditParamsInput } from '../audit-params';
import { guildColumns, scopedIndexes, staffUsers, type GuildColumns } from '../columns';
import type { QueryDefinition } from '../query-definition';
import { isoTime } from '../time-buckets';

/** The headline figures of a guild over a period. */
export interface OverviewRow {
  /** Messages, system notices and (by default) bots and staff left out. */
  messages: number;
  /** Accounts seen in the period: authors (joins included), mentioned, reacting and command users. */
  members: number;
  /** Members who sent at least one counted message. */
  communicators: number;
  /** Channels, threads and forum posts with at least one counted message. */
  channels: number;
  /** First and last counted message (ISO time), null when there is none. */
  first: string | null;
  last: string | null;
  /** Share of the period's non-system messages sent by bots and webhooks. */
  botShare: number;
  /** Share of the period's messages (bots included) that are system notices. */
  systemShare: number;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/**
 * Guild overview, after Discord Server Insights and CHAOSS: a communicator is a member who sent
 * at least one message in the period; system notices are never messages.
 *
 * @example
 * const [o] = await overview(db, { guild: '755126265953910784' });
 * console.log(o.messages, o.communicators);
 */
export async function overview(db: Kysely<Database>, input: AuditParamsInput): Promise<OverviewRow[]> {
  const params = await resolveAuditParams(db, input);
  const columns = await guildColumns(db, params.guild);
  const m = columns.messages;
  const counted = await scopedIndexes(db, columns, params);
  // Marks by number rather than Sets: a Set's add costs tens of times more per message.
  const authors = new Uint8Array(columns.users.ids.length);
  const channels = new Uint8Array(columns.channels.ids.length);
  for (const i of counted) {
    authors[m.author[i]] = 1;
    channels[m.channel[i]] = 1;
  }

  // Shares are over everything in the period and channels, whatever the bot/staff filters.
  const everything = await scopedIndexes(db, columns, { ...params, includeBots: true, includeStaff: true }, { system: true });
  let system = 0;
  let botTalk = 0;
  for (const i of everything) {
    if (m.conversational[i] === 0) system++;
    else if (columns.users.isBot[m.author[i]] === 1) botTalk++;
  }
  const all = everything.length;

  return [{
    messages: counted.length,
    members: await membersSeen(db, columns, params, everything),
    communicators: countMarked(authors),
    channels: countMarked(channels),
    first: counted.length > 0 ? isoTime(m.sentAt[counted[0]]) : null,
    last: counted.length > 0 ? isoTime(m.sentAt[counted[counted.length - 1]]) : null,
    botShare: share(botTalk, all - system),
    systemShare: share(system, all),
  }];
}

/** Distinct accounts that authored, were mentioned in, reacted to or invoked a command in a message in scope. */
async function membersSeen(db: Kysely<Database>, columns: GuildColumns, params: AuditParams, inScope: Int32Array): Promise<number> {
  const m = columns.messages;
  const seen = new Uint8Array(columns.users.ids.length);
  for (const i of inScope) {
    seen[m.author[i]] = 1;
    if (m.interactionUser[i] >= 0) seen[m.interactionUser[i]] = 1;
    for (let k = columns.mentions.start[i]; k < columns.mentions.start[i + 1]; k++) seen[columns.mentions.values[k]] = 1;
    for (let k = columns.reactors.start[i]; k < columns.reactors.start[i + 1]; k++) seen[columns.reactors.values[k]] = 1;
  }
  if (!params.includeBots) for (let u = 0; u < seen.length; u++) if (columns.users.isBot[u] === 1) seen[u] = 0;
  if (!params.includeStaff) for (const u of await staffUsers(db, columns, params)) seen[u] = 0;
  return countMarked(seen);
}

/** How many entries are 1. */
function countMarked(marks: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < marks.length; i++) n += marks[i];
  return n;
}

export const overviewQuery: QueryDefinition = {
  name: 'overview',
  summary: 'Messages, members seen, communicators, active channels, first/last message, bot and system shares',
  follows: 'Discord Server Insights / CHAOSS: communicator = member with >= 1 message in the period',
  scope: 'guild',
  params: [],
  run: overview,
};
