import type { MessageRecord, RecordBatch } from '../../lib/archives/records';
import type { Engine } from '../../lib/database/engine';

/** A hand-made guild for metric tests: small enough that every expected value is worked out by hand. */
export interface GuildSpec {
  id: string;
  name: string;
  /** Channels; `parent` makes a thread, `category` puts a channel in a category. */
  channels: Array<{ id: string; name: string; kind?: string; parent?: string; category?: string }>;
  roles?: Array<{ id: string; name: string }>;
  users: Array<{ id: string; name: string; bot?: boolean; roles?: string[]; nickname?: string }>;
  messages: Array<{
    id: string;
    channel: string;
    author: string;
    /** ISO time, e.g. '2024-01-01T10:00:00Z'. */
    at: string;
    kind?: string;
    content?: string;
    replyTo?: string;
    mentions?: string[];
    /** Emoji name → users who reacted (count = their number). */
    reactions?: Record<string, string[]>;
  }>;
  /** When the archive saw this state (default: the last message's time). */
  observedAt?: string;
}

/**
 * Writes a guild through the real import path (one transaction, one `imports` row), so queries
 * see exactly what an import would have stored and the data version changes.
 */
export async function buildGuild(engine: Engine, spec: GuildSpec): Promise<void> {
  const times = spec.messages.map((m) => Date.parse(m.at));
  const observedAt = spec.observedAt ? Date.parse(spec.observedAt) : Math.max(0, ...times);
  const batch: RecordBatch = {
    guilds: [{ id: spec.id, name: spec.name, iconUrl: null }],
    channels: spec.channels.map((c) => ({
      id: c.id, guildId: spec.id, name: c.name, kind: c.kind ?? (c.parent ? 'GuildPublicThread' : 'GuildTextChat'),
      categoryId: c.category ?? null, parentId: c.parent ?? null, topic: null, stub: false,
    })),
    users: spec.users.map((u) => ({ id: u.id, name: u.name, discriminator: '0000', displayName: null, avatarUrl: null, isBot: u.bot === true })),
    roles: (spec.roles ?? []).map((r, i) => ({ guildId: spec.id, id: r.id, name: r.name, color: null, position: i })),
    members: spec.users.map((u) => ({ guildId: spec.id, userId: u.id, nickname: u.nickname ?? u.name, color: null, roleIds: u.roles ?? [] })),
    messages: spec.messages.map((m): MessageRecord => ({
      id: m.id, guildId: spec.id, channelId: m.channel, authorId: m.author, kind: m.kind ?? (m.replyTo ? 'Reply' : 'Default'),
      sentAt: Date.parse(m.at), editedAt: null, callEndedAt: null, isPinned: false, content: m.content ?? `message ${m.id}`,
      referenceKind: m.replyTo ? 'Default' : null, referenceMessageId: m.replyTo ?? null,
      referenceChannelId: m.replyTo ? m.channel : null, referenceGuildId: m.replyTo ? spec.id : null,
      forwardedJson: null, interactionId: null, interactionName: null, interactionUserId: null, stickersJson: null, inlineEmojisJson: null,
      reactions: Object.entries(m.reactions ?? {}).map(([emoji, users]) => ({
        key: emoji, emojiId: null, emojiName: emoji, emojiCode: null, isAnimated: false, imageUrl: null, count: users.length, userIds: users,
      })),
      mentionIds: m.mentions ?? [],
      attachments: [],
      embedsJson: [],
    })),
  };
  await engine.importTransaction(async (writer) => {
    const id = await writer.startImport({ path: `built:${spec.id}`, sizeBytes: 0, format: 'test', startedAt: observedAt });
    await writer.writeBatch(batch, observedAt, id);
    await writer.finishImport(id, {
      sha256: null, toolVersion: null, guildId: spec.id, channelId: null, exportedAt: observedAt,
      messages: spec.messages.length, finishedAt: observedAt, status: 'ok', error: null,
    });
  });
}
