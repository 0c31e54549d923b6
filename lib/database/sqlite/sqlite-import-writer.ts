import type BetterSqlite3 from 'better-sqlite3';
import type { MessageRecord, RecordBatch } from '../../archives/records';
import type { ImportEnd, ImportStart, ImportWriter } from '../engine';
import { MemberActivityTally } from '../member-activity';
import { SqliteReferenceCheck } from './sqlite-reference-check';

type Statement = BetterSqlite3.Statement;

const MESSAGE_COLUMNS = [
  'id', 'guild_id', 'channel_id', 'author_id', 'kind', 'sent_at', 'edited_at', 'call_ended_at',
  'is_pinned', 'content', 'reference_kind', 'reference_message_id', 'reference_channel_id',
  'reference_guild_id', 'forwarded_json', 'interaction_id', 'interaction_name',
  'interaction_user_id', 'stickers_json', 'inline_emojis_json', 'observed_at', 'import_id',
];

/**
 * SQLite's bulk writer: prepared statements run one row at a time inside the caller's
 * transaction — in SQLite that is faster than building multi-row statements. Foreign keys are
 * checked by `SqliteReferenceCheck` while SQLite's enforcement is off for the import.
 */
export class SqliteImportWriter implements ImportWriter {
  readonly #s: Record<string, Statement>;
  readonly #activity = new MemberActivityTally();
  readonly #refs: SqliteReferenceCheck;

  constructor(handle: BetterSqlite3.Database) {
    this.#refs = new SqliteReferenceCheck(handle);
    const prepare = (sql: string) => handle.prepare(sql);
    const newer = (table: string) => `WHERE excluded.observed_at >= ${table}.observed_at`;
    this.#s = {
      startImport: prepare(
        `INSERT INTO imports (path, size_bytes, format, messages, started_at, status)
         VALUES (?, ?, ?, 0, ?, 'ok') RETURNING id`,
      ),
      finishImport: prepare(
        `UPDATE imports SET sha256 = ?, tool_version = ?, guild_id = ?, channel_id = ?, exported_at = ?,
         messages = ?, finished_at = ?, status = ?, error = ? WHERE id = ?`,
      ),
      guild: prepare(
        `INSERT INTO guilds (id, name, icon_url, observed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, icon_url = excluded.icon_url,
         observed_at = excluded.observed_at ${newer('guilds')}`,
      ),
      channel: prepare(
        `INSERT INTO channels (id, guild_id, name, kind, category_id, parent_id, topic, observed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET guild_id = excluded.guild_id, name = excluded.name,
         kind = excluded.kind, category_id = excluded.category_id, parent_id = excluded.parent_id,
         topic = excluded.topic, observed_at = excluded.observed_at ${newer('channels')}`,
      ),
      user: prepare(
        `INSERT INTO users (id, name, discriminator, display_name, avatar_url, is_bot, observed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, discriminator = excluded.discriminator,
         display_name = coalesce(excluded.display_name, users.display_name),
         avatar_url = excluded.avatar_url, is_bot = excluded.is_bot,
         observed_at = excluded.observed_at ${newer('users')}`,
      ),
      role: prepare(
        `INSERT INTO roles (guild_id, id, name, color, position, observed_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (guild_id, id) DO UPDATE SET name = excluded.name, color = excluded.color,
         position = excluded.position, observed_at = excluded.observed_at ${newer('roles')}`,
      ),
      member: prepare(
        `INSERT INTO members (guild_id, user_id, nickname, color, observed_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (guild_id, user_id) DO UPDATE SET nickname = excluded.nickname,
         color = excluded.color, observed_at = excluded.observed_at ${newer('members')}`,
      ),
      memberActivity: prepare(
        `UPDATE members SET
           first_message_at = min(coalesce(first_message_at, :first), coalesce(:first, first_message_at)),
           last_message_at = max(coalesce(last_message_at, :last), coalesce(:last, last_message_at)),
           joined_at = min(coalesce(joined_at, :joined), coalesce(:joined, joined_at))
         WHERE guild_id = :guild AND user_id = :user`,
      ),
      memberRoles: prepare(`SELECT role_id FROM member_roles WHERE guild_id = ? AND user_id = ?`).pluck(),
      clearMemberRoles: prepare(`DELETE FROM member_roles WHERE guild_id = ? AND user_id = ?`),
      memberRole: prepare(`INSERT INTO member_roles (guild_id, user_id, role_id) VALUES (?, ?, ?)`),
      messageObservedAt: prepare(`SELECT observed_at FROM messages WHERE id = ?`).pluck(),
      // Most messages are new: try the insert first, and look at the stored row only when it exists.
      insertMessage: prepare(
        `INSERT INTO messages (${MESSAGE_COLUMNS.join(', ')}) VALUES (${MESSAGE_COLUMNS.map(() => '?').join(', ')})
         ON CONFLICT (id) DO NOTHING`,
      ),
      updateMessage: prepare(
        `UPDATE messages SET ${MESSAGE_COLUMNS.slice(1).map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
      ),
      clearReactionUsers: prepare(`DELETE FROM reaction_users WHERE message_id = ?`),
      clearReactions: prepare(`DELETE FROM reactions WHERE message_id = ?`),
      clearMentions: prepare(`DELETE FROM mentions WHERE message_id = ?`),
      clearAttachments: prepare(`DELETE FROM attachments WHERE message_id = ?`),
      clearEmbeds: prepare(`DELETE FROM embeds WHERE message_id = ?`),
      reaction: prepare(
        `INSERT INTO reactions (message_id, emoji_key, emoji_id, emoji_name, emoji_code, is_animated, image_url, count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      reactionUser: prepare(`INSERT INTO reaction_users (message_id, emoji_key, user_id) VALUES (?, ?, ?)`),
      mention: prepare(`INSERT INTO mentions (message_id, user_id) VALUES (?, ?)`),
      attachment: prepare(
        `INSERT INTO attachments (message_id, id, url, file_name, size_bytes) VALUES (?, ?, ?, ?, ?)`,
      ),
      embed: prepare(`INSERT INTO embeds (message_id, position, json) VALUES (?, ?, ?)`),
    };
  }

  async startImport(start: ImportStart): Promise<number> {
    const row = this.#s.startImport.get(start.path, start.sizeBytes, start.format, start.startedAt) as { id: number };
    return row.id;
  }

  async finishImport(importId: number, end: ImportEnd): Promise<void> {
    const s = this.#s;
    for (const a of this.#activity.rows()) {
      s.memberActivity.run({ first: a.firstMessageAt, last: a.lastMessageAt, joined: a.joinedAt, guild: a.guildId, user: a.userId });
    }
    s.finishImport.run(
      end.sha256, end.toolVersion, end.guildId, end.channelId, end.exportedAt,
      end.messages, end.finishedAt, end.status, end.error, importId,
    );
  }

  async writeBatch(batch: RecordBatch, observedAt: number, importId: number): Promise<void> {
    const s = this.#s;
    const refs = this.#refs;
    for (const g of batch.guilds) {
      s.guild.run(g.id, g.name, g.iconUrl, observedAt);
      refs.known.add('guilds', g.id);
    }
    for (const c of batch.channels) {
      refs.guild(c.guildId, 'channels.guild_id');
      s.channel.run(c.id, c.guildId, c.name, c.kind, c.categoryId, c.parentId, c.topic, c.stub ? 0 : observedAt);
      refs.known.add('channels', c.id);
    }
    for (const u of batch.users) {
      s.user.run(u.id, u.name, u.discriminator, u.displayName, u.avatarUrl, u.isBot ? 1 : 0, observedAt);
      refs.known.add('users', u.id);
    }
    for (const r of batch.roles) {
      refs.guild(r.guildId, 'roles.guild_id');
      s.role.run(r.guildId, r.id, r.name, r.color, r.position, observedAt);
      refs.known.addRole(r.guildId, r.id);
    }
    for (const m of batch.members) {
      refs.guild(m.guildId, 'members.guild_id');
      refs.user(m.userId, 'members.user_id');
      const taken = s.member.run(m.guildId, m.userId, m.nickname, m.color, observedAt).changes > 0;
      if (taken && m.roleIds !== null) {
        for (const roleId of m.roleIds) refs.role(m.guildId, roleId, 'member_roles.role_id');
        // Most files name a member with the roles the previous file stored: leave those alone.
        const stored = s.memberRoles.all(m.guildId, m.userId) as string[];
        if (!sameSet(stored, m.roleIds)) {
          s.clearMemberRoles.run(m.guildId, m.userId);
          for (const roleId of m.roleIds) s.memberRole.run(m.guildId, m.userId, roleId);
        }
      }
    }
    for (const m of batch.messages) this.#writeMessage(m, observedAt, importId);
    this.#activity.add(batch.messages);
  }

  #writeMessage(m: MessageRecord, observedAt: number, importId: number): void {
    const s = this.#s;
    const refs = this.#refs;
    refs.guild(m.guildId, 'messages.guild_id');
    refs.channel(m.channelId, 'messages.channel_id');
    refs.user(m.authorId, 'messages.author_id');
    const inserted = s.insertMessage.run(
      m.id, m.guildId, m.channelId, m.authorId, m.kind, m.sentAt, m.editedAt, m.callEndedAt,
      m.isPinned ? 1 : 0, m.content, m.referenceKind, m.referenceMessageId, m.referenceChannelId,
      m.referenceGuildId, m.forwardedJson, m.interactionId, m.interactionName, m.interactionUserId,
      m.stickersJson, m.inlineEmojisJson, observedAt, importId,
    ).changes > 0;
    if (!inserted) {
      const stored = s.messageObservedAt.get(m.id) as number;
      if (stored > observedAt) return; // a newer export already holds it
      s.updateMessage.run(
        m.guildId, m.channelId, m.authorId, m.kind, m.sentAt, m.editedAt, m.callEndedAt,
        m.isPinned ? 1 : 0, m.content, m.referenceKind, m.referenceMessageId, m.referenceChannelId,
        m.referenceGuildId, m.forwardedJson, m.interactionId, m.interactionName, m.interactionUserId,
        m.stickersJson, m.inlineEmojisJson, observedAt, importId, m.id,
      );
      s.clearReactionUsers.run(m.id);
      s.clearReactions.run(m.id);
      s.clearMentions.run(m.id);
      s.clearAttachments.run(m.id);
      s.clearEmbeds.run(m.id);
    }
    for (const r of m.reactions) {
      s.reaction.run(m.id, r.key, r.emojiId, r.emojiName, r.emojiCode, r.isAnimated ? 1 : 0, r.imageUrl, r.count);
      for (const userId of r.userIds) {
        refs.user(userId, 'reaction_users.user_id');
        s.reactionUser.run(m.id, r.key, userId);
      }
    }
    for (const userId of m.mentionIds) {
      refs.user(userId, 'mentions.user_id');
      s.mention.run(m.id, userId);
    }
    for (const a of m.attachments) s.attachment.run(m.id, a.id, a.url, a.fileName, a.sizeBytes);
    for (let i = 0; i < m.embedsJson.length; i++) s.embed.run(m.id, i, m.embedsJson[i]);
  }
}

/** True when both lists hold the same distinct values (`b` has no repeats). */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 0) return true;
  const set = new Set(a);
  return b.every((v) => set.has(v));
}
