import type {
  ChannelRecord, GuildRecord, MemberRecord, MessageRecord, RecordBatch, RoleRecord, UserRecord,
} from '../../archives/records';
import { CopyBuffer } from './copy-buffer';
import type { PostgresReferenceCheck } from './postgres-reference-check';
import { KIND, STAGE_VALUES, type Kind } from './postgres-staging';

/**
 * The rows of consecutive batches of one import, gathered for one trip to the server. Messages
 * and their children are written as COPY text as they come, so the batches themselves can be
 * dropped at once; the few guilds, channels, users, roles and members are kept by key until
 * `take`, the last copy of each winning as it would if they were written one after another (one
 * statement may not upsert a row twice). A message already gathered cannot be taken back, so a
 * repeated one ends the group (`add` stops before it).
 */
export class StagedRows {
  readonly #guilds = new Map<string, GuildRecord>();
  readonly #channels = new Map<string, ChannelRecord>();
  readonly #users = new Map<string, UserRecord>();
  readonly #roles = new Map<string, RoleRecord>();
  readonly #members = new Map<string, MemberRecord>();
  readonly #messageIds = new Set<string>();
  #messages = new CopyBuffer();
  #others = new CopyBuffer();

  constructor(
    readonly observedAt: number,
    readonly importId: number,
    private readonly refs: PostgresReferenceCheck | null,
  ) {}

  /** Messages gathered. */
  get messages(): number {
    return this.#messageIds.size;
  }

  /** True while nothing is gathered. */
  get empty(): boolean {
    return this.#messages.rows + this.#others.rows + this.#guilds.size + this.#channels.size + this.#users.size +
      this.#roles.size + this.#members.size === 0;
  }

  /**
   * Gathers the batch's rows from message `from` on; returns where it stopped: the number of
   * messages, or the index of one already gathered (take this group, then add the rest).
   */
  add(batch: RecordBatch, from = 0): number {
    const refs = this.refs;
    if (from === 0) {
      for (const g of batch.guilds) {
        this.#guilds.set(g.id, g);
        refs?.known.add('guilds', g.id);
      }
      for (const c of batch.channels) {
        refs?.need('guilds', c.guildId, 'channels.guild_id');
        this.#channels.set(c.id, c);
        refs?.known.add('channels', c.id);
      }
      for (const u of batch.users) {
        this.#users.set(u.id, u);
        refs?.known.add('users', u.id);
      }
      for (const r of batch.roles) {
        refs?.need('guilds', r.guildId, 'roles.guild_id');
        this.#roles.set(r.guildId + '\0' + r.id, r);
        refs?.known.addRole(r.guildId, r.id);
      }
      for (const m of batch.members) {
        refs?.need('guilds', m.guildId, 'members.guild_id');
        refs?.need('users', m.userId, 'members.user_id');
        for (const roleId of m.roleIds ?? []) refs?.needRole(m.guildId, roleId, 'member_roles.role_id');
        this.#members.set(m.guildId + '\0' + m.userId, m);
      }
    }
    const messages = batch.messages;
    for (let i = from; i < messages.length; i++) {
      if (this.#messageIds.has(messages[i].id)) return i;
      this.#messageIds.add(messages[i].id);
      this.#message(messages[i]);
    }
    return messages.length;
  }

  /**
   * The COPY text for `COPY_STAGED`'s two statements and the ids of its messages; leaves an
   * empty group.
   */
  take(): { copies: [messages: Buffer, others: Buffer]; messageIds: string[] } {
    const at = this.observedAt;
    for (const g of this.#guilds.values()) this.#row('guild', g.id, g.name, g.iconUrl, at);
    for (const c of this.#channels.values()) this.#row('channel', c.id, c.guildId, c.name, c.kind, c.categoryId, c.parentId, c.topic, c.stub ? 0 : at);
    for (const u of this.#users.values()) this.#row('user', u.id, u.name, u.discriminator, u.displayName, u.avatarUrl, u.isBot ? 1 : 0, at);
    for (const r of this.#roles.values()) this.#row('role', r.guildId, r.id, r.name, r.color, r.position, at);
    for (const m of this.#members.values()) {
      this.#row('member', m.guildId, m.userId, m.nickname, m.color, at, m.roleIds !== null ? 't' : 'f');
      for (const roleId of m.roleIds ?? []) this.#row('memberRole', m.guildId, m.userId, roleId);
    }
    const taken = {
      copies: [this.#messages.bytes(), this.#others.bytes()] as [Buffer, Buffer],
      messageIds: [...this.#messageIds],
    };
    for (const map of [this.#guilds, this.#channels, this.#users, this.#roles, this.#members]) map.clear();
    this.#messageIds.clear();
    this.#messages = new CopyBuffer();
    this.#others = new CopyBuffer();
    return taken;
  }

  /** A row of `ga_stage`: its kind, its values, nulls for the columns it does not use. */
  #row(kind: Kind, ...values: Array<string | number | null>): void {
    while (values.length < STAGE_VALUES) values.push(null);
    this.#others.row(KIND[kind], ...values);
  }

  #message(m: MessageRecord): void {
    const refs = this.refs;
    refs?.need('guilds', m.guildId, 'messages.guild_id');
    refs?.need('channels', m.channelId, 'messages.channel_id');
    refs?.need('users', m.authorId, 'messages.author_id');
    this.#messages.row(
      m.id, m.guildId, m.channelId, m.authorId, m.kind, m.sentAt, m.editedAt, m.callEndedAt, m.isPinned ? 1 : 0,
      m.content, m.referenceKind, m.referenceMessageId, m.referenceChannelId, m.referenceGuildId, m.forwardedJson,
      m.interactionId, m.interactionName, m.interactionUserId, m.stickersJson, m.inlineEmojisJson, this.observedAt, this.importId,
    );
    for (const r of m.reactions) {
      this.#row('reaction', m.id, r.key, r.emojiId, r.emojiName, r.emojiCode, r.isAnimated ? 1 : 0, r.imageUrl, r.count);
      for (const userId of r.userIds) {
        refs?.need('users', userId, 'reaction_users.user_id');
        this.#row('reactionUser', m.id, r.key, userId);
      }
    }
    for (const userId of m.mentionIds) {
      refs?.need('users', userId, 'mentions.user_id');
      this.#row('mention', m.id, userId);
    }
    for (const a of m.attachments) this.#row('attachment', m.id, a.id, a.url, a.fileName, a.sizeBytes);
    for (let i = 0; i < m.embedsJson.length; i++) this.#row('embed', m.id, i, m.embedsJson[i]);
  }
}
