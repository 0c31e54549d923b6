/**
 * Neutral records that every archive reader emits and every engine writes. The database layer
 * never sees a format's quirks; a reader never sees SQL.
 * IDs are strings (snowflakes exceed 2^53); times are epoch milliseconds.
 */

export interface GuildRecord {
  id: string;
  name: string;
  iconUrl: string | null;
}

export interface ChannelRecord {
  id: string;
  guildId: string;
  name: string;
  kind: string | null;
  categoryId: string | null;
  parentId: string | null;
  topic: string | null;
  /** Known only by reference (a thread's parent, a category): never overwrites a real observation. */
  stub: boolean;
}

export interface UserRecord {
  id: string;
  name: string;
  discriminator: string | null;
  displayName: string | null;
  avatarUrl: string | null;
  isBot: boolean;
}

export interface RoleRecord {
  guildId: string;
  id: string;
  name: string;
  color: string | null;
  position: number | null;
}

export interface MemberRecord {
  guildId: string;
  userId: string;
  nickname: string | null;
  color: string | null;
  /** Roles held when observed; null when the archive does not say (so existing roles stay). */
  roleIds: string[] | null;
}

export interface ReactionRecord {
  /** The custom emoji's id, or the Unicode emoji's name. */
  key: string;
  emojiId: string | null;
  emojiName: string;
  emojiCode: string | null;
  isAnimated: boolean;
  imageUrl: string | null;
  count: number;
  /** Users the archive lists as reacting (may be fewer than `count`, or none). */
  userIds: string[];
}

export interface AttachmentRecord {
  id: string;
  url: string;
  fileName: string;
  sizeBytes: number | null;
}

export interface MessageRecord {
  id: string;
  guildId: string;
  channelId: string;
  authorId: string;
  kind: string;
  sentAt: number;
  editedAt: number | null;
  callEndedAt: number | null;
  isPinned: boolean;
  content: string;
  referenceKind: string | null;
  referenceMessageId: string | null;
  referenceChannelId: string | null;
  referenceGuildId: string | null;
  forwardedJson: string | null;
  interactionId: string | null;
  interactionName: string | null;
  interactionUserId: string | null;
  stickersJson: string | null;
  inlineEmojisJson: string | null;
  reactions: ReactionRecord[];
  mentionIds: string[];
  attachments: AttachmentRecord[];
  embedsJson: string[];
}

/**
 * A slice of an archive, written in one go. Rows a message depends on (its guild, channel,
 * author, mentioned and reacting users) are in the same batch or an earlier one of the same file.
 */
export interface RecordBatch {
  guilds: GuildRecord[];
  channels: ChannelRecord[];
  users: UserRecord[];
  roles: RoleRecord[];
  members: MemberRecord[];
  messages: MessageRecord[];
}

/** An empty batch, to fill. */
export function emptyBatch(): RecordBatch {
  return { guilds: [], channels: [], users: [], roles: [], members: [], messages: [] };
}
