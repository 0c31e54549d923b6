import type { Kysely } from 'kysely';
import { isSystemKind } from '../../archives/message-kinds';
import { eachArrayRow } from '../../database/array-rows';
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
  const names = new Map(person.users.map((u) => [u.id, u.name]));
  const systemKind = new Map<string, boolean>();
  const rows: UserMessageRow[] = [];
  const sentAt: number[] = [];
  const guilds = new Set<string>();
  const files = new Map<string, Array<{ id: string; url: string }>>();
  // One read by the author index, as arrays, each row built once in its final shape. Files come
  // by a left join (a message repeats once per file); guild and channel names are looked up
  // once per distinct value below instead of joined to every row.
  let select = db
    .selectFrom('messages as m')
    .leftJoin('attachments as a', 'a.message_id', 'm.id')
    .select([
      'm.id', 'm.guild_id', 'm.channel_id', 'm.author_id', 'm.sent_at', 'm.edited_at', 'm.kind', 'm.content', 'm.reference_kind',
      'm.reference_message_id', 'a.id as file_id', 'a.url',
    ])
    .where('m.author_id', 'in', person.ids);
  if (period.from !== null) select = select.where('m.sent_at', '>=', period.from);
  if (period.to !== null) select = select.where('m.sent_at', '<', period.to);
  await eachArrayRow(db, select.compile(), (row) => {
    const [id, guild, channel, author, at, edited, kind, content, referenceKind, referenceMessageId, fileId, url] = row as MessageRow;
    if (fileId !== null) {
      const list = files.get(id);
      files.set(id, [...(list ?? []), { id: fileId, url: url! }]);
      if (list) return; // the message is already listed
    }
    let system = systemKind.get(kind);
    if (system === undefined) systemKind.set(kind, (system = isSystemKind(kind)));
    guilds.add(guild);
    sentAt.push(Number(at));
    rows.push({
      id, guild, channel, timestamp: new Date(Number(at)).toISOString(), content,
      authorId: author, authorName: names.get(author) ?? author, guildName: '', channelName: '', kind, system,
      edited: edited === null ? null : new Date(Number(edited)).toISOString(), referenceKind, referenceMessageId, attachments: [],
    });
  });
  if (rows.length === 0) return rows;

  const guildNames = new Map((await db.selectFrom('guilds').select(['id', 'name']).where('id', 'in', [...guilds]).execute()).map((g) => [g.id, g.name]));
  const channelNames = new Map((await db.selectFrom('channels').select(['id', 'name']).where('guild_id', 'in', [...guilds]).execute()).map((c) => [c.id, c.name]));
  const kept: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const guildName = guildNames.get(r.guild);
    const channelName = channelNames.get(r.channel);
    if (guildName === undefined || channelName === undefined) continue; // as inner joins would
    r.guildName = guildName;
    r.channelName = channelName;
    const list = files.size > 0 ? files.get(r.id) : undefined;
    if (list) r.attachments = list.sort((a, b) => compareIds(a.id, b.id)).map((a) => a.url);
    kept.push(i);
  }
  // The author index gives rows in insertion order, not time order.
  kept.sort((a, b) => sentAt[a] - sentAt[b] || compareIds(rows[a].id, rows[b].id));
  return kept.map((i) => rows[i]);
}

type MessageRow = [
  id: string, guild: string, channel: string, author: string, sentAt: number | string, editedAt: number | string | null,
  kind: string, content: string, referenceKind: string | null, referenceMessageId: string | null, fileId: string | null, url: string | null,
];

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
