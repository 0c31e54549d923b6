import type { Kysely } from 'kysely';
import { isSystemKind } from '../../archives/message-kinds';
import type { Database } from '../../database/schema';
import type { QueryDefinition } from '../query-definition';
import { compareIds } from '../compare-ids';
import { parsePeriod, type TimeInput } from '../period';
import { resolveUser } from './resolve-user';

/** Parameters of `messages-by-user`. */
export interface MessagesByUserInput {
  /** A user ID, or a username / display name / nickname (case-insensitive; every matching account). */
  user: string;
  /** Only messages sent at or after (ISO time, or a date = UTC midnight, or epoch ms). */
  from?: TimeInput;
  /** Only messages sent before. */
  to?: TimeInput;
}

/**
 * One message of the person. The first five fields are a stable contract other tools rely on:
 * `id`, `guild`, `channel`, `timestamp` (ISO), `content`.
 */
export interface UserMessageRow {
  id: string;
  guild: string;
  channel: string;
  timestamp: string;
  content: string;
  /** Which matching account sent it (several when the user was given by name). */
  authorId: string;
  authorName: string;
  guildName: string;
  channelName: string;
  /** DiscordChatExporter's message type (`Default`, `Reply`, `GuildMemberJoin`, ...). */
  kind: string;
  /** True for notices Discord wrote itself (a join, a pin...) rather than words of the person. */
  system: boolean;
  /** When last edited (ISO), null if never. */
  edited: string | null;
  /** The referenced message of a reply or forward, and which it is (`Default` = reply, `Forward`). */
  referenceKind: string | null;
  referenceMessageId: string | null;
  /** URLs of the attached files, in attachment-ID order. */
  attachments: string[];
}

/**
 * Every message a person sent, in every guild of the database — "a list of every Discord message
 * I ever sent". The person is a user ID, or a name matched against usernames, display names and
 * nicknames; with a name, every matching account's messages are listed and `authorId` says
 * whose each is. Messages of every kind are included (the person's join notices too), marked by
 * `kind` and `system`, since the question is what the account posted, not what a metric counts.
 * Ordered by time, then message ID. Unknown user → `QueryParamError` ("no user matches").
 *
 * @example
 * const rows = await messagesByUser(db, { user: '183240001234567890', from: '2024-01-01' });
 * rows.map((r) => `${r.timestamp} #${r.channelName}: ${r.content}`)
 */
export async function messagesByUser(db: Kysely<Database>, input: MessagesByUserInput): Promise<UserMessageRow[]> {
  const person = await resolveUser(db, input.user);
  const period = parsePeriod(input);
  let query = db
    .selectFrom('messages as m')
    .innerJoin('guilds as g', 'g.id', 'm.guild_id')
    .innerJoin('channels as c', 'c.id', 'm.channel_id')
    .select([
      'm.id', 'm.guild_id', 'g.name as guild_name', 'm.channel_id', 'c.name as channel_name', 'm.author_id', 'm.sent_at',
      'm.edited_at', 'm.kind', 'm.content', 'm.reference_kind', 'm.reference_message_id',
    ])
    .where('m.author_id', 'in', person.ids);
  if (period.from !== null) query = query.where('m.sent_at', '>=', period.from);
  if (period.to !== null) query = query.where('m.sent_at', '<', period.to);
  const rows = await query.execute();

  let files = db
    .selectFrom('attachments as a')
    .innerJoin('messages as m', 'm.id', 'a.message_id')
    .select(['a.message_id', 'a.id', 'a.url'])
    .where('m.author_id', 'in', person.ids);
  if (period.from !== null) files = files.where('m.sent_at', '>=', period.from);
  if (period.to !== null) files = files.where('m.sent_at', '<', period.to);
  const attachments = new Map<string, Array<{ id: string; url: string }>>();
  for (const a of await files.execute()) {
    const list = attachments.get(a.message_id);
    if (list) list.push(a);
    else attachments.set(a.message_id, [a]);
  }

  const names = new Map(person.users.map((u) => [u.id, u.name]));
  return rows
    .map((r): UserMessageRow & { at: number } => ({
      id: r.id,
      guild: r.guild_id,
      channel: r.channel_id,
      timestamp: new Date(Number(r.sent_at)).toISOString(),
      content: r.content,
      authorId: r.author_id,
      authorName: names.get(r.author_id) ?? r.author_id,
      guildName: r.guild_name,
      channelName: r.channel_name,
      kind: r.kind,
      system: isSystemKind(r.kind),
      edited: r.edited_at === null ? null : new Date(Number(r.edited_at)).toISOString(),
      referenceKind: r.reference_kind,
      referenceMessageId: r.reference_message_id,
      attachments: (attachments.get(r.id) ?? []).sort((a, b) => compareIds(a.id, b.id)).map((a) => a.url),
      at: Number(r.sent_at),
    }))
    .sort((a, b) => a.at - b.at || compareIds(a.id, b.id))
    .map(({ at: _at, ...row }) => row);
}

export const messagesByUserQuery: QueryDefinition = {
  name: 'messages-by-user',
  summary: 'Every message one person sent in every guild (by user ID, or by name with the matching IDs)',
  follows: 'Discord user IDs are global: one account across guilds; all message kinds, system notices marked',
  scope: 'global',
  params: [
    { name: 'user', type: 'string', required: true, description: 'user ID, or username / display name / nickname (case-insensitive)' },
    { name: 'from', type: 'string', description: 'start, inclusive: date (UTC midnight) or ISO time' },
    { name: 'to', type: 'string', description: 'end, exclusive: date or ISO time' },
  ],
  run: messagesByUser,
};
