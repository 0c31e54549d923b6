import { parseIsoTimestamp } from '../timestamp';
import type {
  AttachmentRecord, ChannelRecord, GuildRecord, MessageRecord, ReactionRecord, RecordBatch, UserRecord,
} from '../records';
import type { DceChannel, DceGuild, DceMessage, DceUser } from './dce-types';

/** A message or header that does not have the shape of a DCE export. */
export class DceShapeError extends Error {}

const SNOWFLAKE = /^\d{1,20}$/;

function snowflake(value: unknown, what: string): string {
  if (typeof value !== 'string' || !SNOWFLAKE.test(value)) {
    throw new DceShapeError(`${what} is not a Discord ID (got ${JSON.stringify(value)?.slice(0, 40)})`);
  }
  return value;
}

function optionalSnowflake(value: unknown, what: string): string | null {
  return value === null || value === undefined || value === '' ? null : snowflake(value, what);
}

function time(value: unknown, what: string): number {
  const ms = typeof value === 'string' ? parseIsoTimestamp(value) : null;
  if (ms === null) throw new DceShapeError(`${what} is not an ISO-8601 time (got ${JSON.stringify(value)?.slice(0, 40)})`);
  return ms;
}

function optionalTime(value: unknown, what: string): number | null {
  return value === null || value === undefined ? null : time(value, what);
}

/** JSON text of a non-empty array, else null. */
function jsonIfAny(value: unknown[] | undefined): string | null {
  return value && value.length > 0 ? JSON.stringify(value) : null;
}

const isThread = (kind: string | undefined) => kind !== undefined && /Thread$/.test(kind);

/** The guild record and the channel records (the channel, plus its parent or category as a stub). */
export function headerRecords(guild: DceGuild, channel: DceChannel): { guild: GuildRecord; channels: ChannelRecord[] } {
  const guildId = snowflake(guild?.id, 'guild.id');
  const channelId = snowflake(channel?.id, 'channel.id');
  const parentId = optionalSnowflake(channel.categoryId, 'channel.categoryId');
  const thread = isThread(channel.type);
  const channels: ChannelRecord[] = [];
  if (parentId) {
    channels.push({
      id: parentId, guildId, name: channel.category ?? '', kind: thread ? null : 'GuildCategory',
      categoryId: null, parentId: null, topic: null, stub: true,
    });
  }
  channels.push({
    id: channelId, guildId, name: String(channel.name ?? ''), kind: channel.type ?? null,
    categoryId: thread ? null : parentId, parentId: thread ? parentId : null,
    topic: channel.topic || null, stub: false,
  });
  return { guild: { id: guildId, name: String(guild.name ?? ''), iconUrl: guild.iconUrl ?? null }, channels };
}

const WITHOUT_ROLES = 1;
const WITH_ROLES = 2;

/**
 * Turns DCE messages into records. Remembers which users, roles and members it has already
 * emitted for this file, so each is written once per file rather than once per message.
 */
export class DceRecordBuilder {
  /** Users named so far in this file, and whether their member record carried roles. */
  readonly #seen = new Map<string, typeof WITHOUT_ROLES | typeof WITH_ROLES>();
  readonly #roles = new Set<string>();

  constructor(
    private readonly guildId: string,
    private readonly channelId: string,
  ) {}

  /** Adds one raw message (and the users it names) to `batch`; throws `DceShapeError` if malformed. */
  add(raw: DceMessage, batch: RecordBatch): void {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new DceShapeError('a message is not a JSON object');
    const id = snowflake(raw.id, 'message id');
    const authorId = this.#user(raw.author, batch, 'author');
    const mentionIds = raw.mentions ? unique(raw.mentions.map((u) => this.#user(u, batch, 'mentioned user'))) : [];
    const reference = raw.reference ?? null;
    const interaction = raw.interaction ?? null;
    const message: MessageRecord = {
      id,
      guildId: this.guildId,
      channelId: this.channelId,
      authorId,
      kind: raw.type === undefined ? 'Default' : String(raw.type),
      sentAt: time(raw.timestamp, 'timestamp'),
      editedAt: optionalTime(raw.timestampEdited, 'timestampEdited'),
      callEndedAt: optionalTime(raw.callEndedTimestamp, 'callEndedTimestamp'),
      isPinned: raw.isPinned === true,
      content: raw.content ?? '',
      referenceKind: reference ? (reference.type ?? 'Default') : null,
      referenceMessageId: reference ? optionalSnowflake(reference.messageId, 'reference.messageId') : null,
      referenceChannelId: reference ? optionalSnowflake(reference.channelId, 'reference.channelId') : null,
      referenceGuildId: reference ? optionalSnowflake(reference.guildId, 'reference.guildId') : null,
      forwardedJson: raw.forwardedMessage ? JSON.stringify(raw.forwardedMessage) : null,
      interactionId: interaction ? optionalSnowflake(interaction.id, 'interaction.id') : null,
      interactionName: interaction?.name ?? null,
      interactionUserId: interaction?.user ? this.#user(interaction.user, batch, 'interaction user') : null,
      stickersJson: jsonIfAny(raw.stickers),
      inlineEmojisJson: jsonIfAny(raw.inlineEmojis),
      reactions: raw.reactions ? this.#reactions(raw.reactions, batch) : [],
      mentionIds,
      attachments: raw.attachments != null ? attachments(raw.attachments) : [],
      embedsJson: raw.embeds != null ? raw.embeds.map((e) => JSON.stringify(e)) : [],
    };
    batch.messages.push(message);
  }

  #reactions(reactions: NonNullable<DceMessage['reactions']>, batch: RecordBatch): ReactionRecord[] {
    const records = reactions.map((r) => {
      const emoji = r.emoji ?? ({} as never);
      const emojiId = optionalSnowflake(emoji.id, 'emoji id');
      return {
        key: emojiId ?? String(emoji.name ?? ''),
        emojiId,
        emojiName: String(emoji.name ?? ''),
        emojiCode: emoji.code ?? null,
        isAnimated: emoji.isAnimated === true,
        imageUrl: emoji.imageUrl ?? null,
        count: typeof r.count === 'number' ? r.count : 0,
        userIds: r.users ? unique(r.users.map((u) => this.#user(u, batch, 'reacting user'))) : [],
      };
    });
    return uniqueBy(records, (r) => r.key);
  }

  /**
   * Emits the user and member the first time this file names them, and the member again (with
   * roles) the first time they come with roles; returns the id. Most references are to someone
   * already seen, whose id was checked then: one lookup.
   */
  #user(raw: DceUser, batch: RecordBatch, what: string): string {
    if (raw === null || typeof raw !== 'object') throw new DceShapeError(`${what} is not a user object`);
    const seen = typeof raw.id === 'string' ? this.#seen.get(raw.id) : undefined;
    const hasRoles = Array.isArray(raw.roles);
    if (seen === WITH_ROLES || (seen === WITHOUT_ROLES && !hasRoles)) return raw.id;
    const id = seen === undefined ? snowflake(raw.id, `${what} id`) : raw.id;
    if (seen === undefined) {
      batch.users.push({
        id,
        name: String(raw.name ?? ''),
        discriminator: raw.discriminator ?? null,
        displayName: null,
        avatarUrl: raw.avatarUrl ?? null,
        isBot: raw.isBot === true,
      } satisfies UserRecord);
    }
    this.#seen.set(id, hasRoles ? WITH_ROLES : WITHOUT_ROLES);
    const roleIds = hasRoles ? unique(raw.roles!.map((r) => this.#role(r, batch))) : null;
    batch.members.push({ guildId: this.guildId, userId: id, nickname: raw.nickname ?? null, color: raw.color ?? null, roleIds });
    return id;
  }

  #role(raw: NonNullable<DceUser['roles']>[number], batch: RecordBatch): string {
    const id = snowflake(raw?.id, 'role id');
    if (!this.#roles.has(id)) {
      this.#roles.add(id);
      batch.roles.push({
        guildId: this.guildId, id, name: String(raw.name ?? ''), color: raw.color ?? null,
        position: typeof raw.position === 'number' ? raw.position : null,
      });
    }
    return id;
  }
}

function attachments(raw: NonNullable<DceMessage['attachments']>): AttachmentRecord[] {
  const records = raw.map((a) => ({
    id: snowflake(a.id, 'attachment id'),
    url: String(a.url ?? ''),
    fileName: String(a.fileName ?? ''),
    sizeBytes: typeof a.fileSizeBytes === 'number' ? a.fileSizeBytes : null,
  }));
  return uniqueBy(records, (a) => a.id);
}

function unique(values: string[]): string[] {
  return values.length < 2 ? values : [...new Set(values)];
}

function uniqueBy<T>(values: T[], key: (v: T) => string): T[] {
  if (values.length < 2) return values;
  return [...new Map(values.map((v) => [key(v), v])).values()];
}
