import { sql, type Kysely } from 'kysely';
import { isSystemKind } from '../../archives/message-kinds';
import { eachArrayRow, readsConcurrently } from '../../database/array-rows';
import type { Database } from '../../database/schema';
import type { QueryDefinition } from '../query-definition';
import { compareIds } from '../compare-ids';
import { parsePeriod, type TimeInput } from '../period';
import { resolveUser } from './resolve-user';
import { inListSlices } from '../in-list';

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
  /** URLs of the attached files, in attachment-ID order (one shared, frozen empty list when none). */
  attachments: readonly string[];
}

/** The attachments of every message without files: most of a person's messages. */
const NO_FILES: readonly string[] = Object.freeze([]);

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
  // Values many rows share are looked up once and kept once (the rows are most of the memory):
  // accounts, kinds, and channels with their guild and names.
  const authors = new Map(person.users.map((u) => [u.id, { id: u.id, name: u.name }]));
  // One account (a user ID, or a name only one account has): every row is theirs, so the author
  // column is not read — a string per message fewer to make.
  const onlyAuthor = person.users.length === 1 ? authors.get(person.ids[0])! : null;
  const kinds = new Map<string, { kind: string; system: boolean }>();
  const referenceKinds = new Map<string, string>();
  const labels = await channelLabels(db, person.ids);
  const unlabelled: Array<{ row: UserMessageRow; channel: string }> = [];
  const rows: UserMessageRow[] = [];
  const sentAt: number[] = [];

  const files = new Map<string, Array<{ id: string; url: string }>>();
  /** Lists a file of a message; true when the message had one listed already (its row is made). */
  const addFile = (messageId: string, id: string, url: string): boolean => {
    const list = files.get(messageId);
    if (list) list.push({ id, url });
    else files.set(messageId, [{ id, url }]);
    return list !== undefined;
  };
  const addMessage = (values: MessageRow): void => {
    const [id, channel, authorId, at, edited, kind, content, referenceKind, referenceMessageId] = values;
    const author = onlyAuthor ?? authors.get(authorId!) ?? { id: authorId!, name: authorId! };
    const sort = kinds.get(kind) ?? kinds.set(kind, { kind, system: isSystemKind(kind) }).get(kind)!;
    const label = labels.get(channel);
    const row: UserMessageRow = {
      id, guild: label?.guild ?? '', channel: label?.channel ?? channel, timestamp: new Date(Number(at)).toISOString(), content,
      authorId: author.id, authorName: author.name, guildName: label?.guildName ?? '', channelName: label?.channelName ?? '',
      kind: sort.kind, system: sort.system, edited: edited === null ? null : new Date(Number(edited)).toISOString(),
      referenceKind: referenceKind === null ? null : (referenceKinds.get(referenceKind) ?? referenceKinds.set(referenceKind, referenceKind).get(referenceKind)!), referenceMessageId, attachments: NO_FILES,
    };
    if (!label) unlabelled.push({ row, channel });
    rows.push(row);
    sentAt.push(Number(at));
  };

  // By the author index.
  let messages = db.selectFrom('messages as m').where('m.author_id', 'in', person.ids);
  if (period.from !== null) messages = messages.where('m.sent_at', '>=', period.from);
  if (period.to !== null) messages = messages.where('m.sent_at', '<', period.to);
  const columns = [
    'm.id', 'm.channel_id', onlyAuthor ? sql<null>`null`.as('author_id') : 'm.author_id', 'm.sent_at', 'm.edited_at', 'm.kind', 'm.content', 'm.reference_kind', 'm.reference_message_id',
  ] as const;
  if (readsConcurrently(db)) {
    // The files in a read of their own beside the messages': the server finds them while the
    // messages become rows here. In one read (a join), PostgreSQL hashed every file in the
    // database before it sent the first message: a quarter of a second of waiting at 1M messages.
    const filesRead = messages.innerJoin('attachments as a', 'a.message_id', 'm.id').select(['m.id', 'a.id as file_id', 'a.url']);
    await Promise.all([
      eachArrayRow(db, filesRead.compile(), ([messageId, fileId, url]) => addFile(messageId as string, fileId as string, url as string)),
      eachArrayRow(db, messages.select([...columns]).compile(), (values) => addMessage(values as MessageRow)),
    ]);
  } else {
    // One read, the files by a left join (a message repeats once per file): a read of its own
    // would go through the messages' rows again, which costs SQLite more than the join.
    const read = messages.leftJoin('attachments as a', 'a.message_id', 'm.id').select([...columns, 'a.id as file_id', 'a.url']);
    await eachArrayRow(db, read.compile(), (values) => {
      const fileId = values[columns.length] as string | null;
      if (fileId !== null && addFile(values[0] as string, fileId, values[columns.length + 1] as string)) return; // listed already
      addMessage(values as MessageRow);
    });
  }
  for (const row of rows) {
    const list = files.get(row.id);
    if (list) row.attachments = list.sort((a, b) => compareIds(a.id, b.id)).map((a) => a.url);
  }
  let order = rows.map((_, i) => i);
  if (unlabelled.length > 0) {
    // Channels outside the guilds the accounts are members of: rare, looked up by ID.
    const more = await channelLabels(db, [], [...new Set(unlabelled.map((u) => u.channel))]);
    const dropped = new Set<UserMessageRow>();
    for (const { row, channel } of unlabelled) {
      const label = more.get(channel);
      if (label) Object.assign(row, { guild: label.guild, channel: label.channel, guildName: label.guildName, channelName: label.channelName });
      else dropped.add(row); // no channel or guild row: the inner joins this replaced left such rows out
    }
    if (dropped.size > 0) order = order.filter((i) => !dropped.has(rows[i]));
  }
  // The author index gives rows in insertion order, not time order.
  order.sort((a, b) => sentAt[a] - sentAt[b] || compareIds(rows[a].id, rows[b].id));
  return order.map((i) => rows[i]);
}

type MessageRow = [
  id: string, channel: string, author: string | null, sentAt: number | string, editedAt: number | string | null, kind: string, content: string,
  referenceKind: string | null, referenceMessageId: string | null,
];

/** A channel with its guild and their names (a channel's guild is its messages' guild). */
interface ChannelLabel {
  channel: string;
  channelName: string;
  guild: string;
  guildName: string;
}

/** Channels by ID: every channel of the guilds the accounts are members of, or the channels given. */
async function channelLabels(db: Kysely<Database>, ids: string[], channels: string[] = []): Promise<Map<string, ChannelLabel>> {
  const labels = new Map<string, ChannelLabel>();
  const select = db.selectFrom('channels as c').innerJoin('guilds as g', 'g.id', 'c.guild_id').select(['c.id', 'c.name', 'c.guild_id', 'g.name as guild_name']);
  const add = (rows: Array<{ id: string; name: string; guild_id: string; guild_name: string }>) => {
    for (const c of rows) labels.set(c.id, { channel: c.id, channelName: c.name, guild: c.guild_id, guildName: c.guild_name });
  };
  if (ids.length > 0) {
    add(await select.where('c.guild_id', 'in', db.selectFrom('members').select('guild_id').where('user_id', 'in', ids)).execute());
  }
  for (const slice of inListSlices(channels)) add(await select.where('c.id', 'in', slice).execute());
  return labels;
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
