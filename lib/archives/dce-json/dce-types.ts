/**
 * DiscordChatExporter's JSON export, as its versions write it. Everything added after the early
 * versions is optional; see ../../../README.md for the formats we read.
 */

export interface DceGuild {
  id: string;
  name: string;
  iconUrl?: string | null;
}

export interface DceChannel {
  id: string;
  type?: string;
  /** Really the parent: the category of a channel, or the parent channel of a thread. */
  categoryId?: string | null;
  category?: string | null;
  name: string;
  topic?: string | null;
  iconUrl?: string | null;
}

export interface DceRole {
  id: string;
  name: string;
  color?: string | null;
  position?: number | null;
}

export interface DceUser {
  id: string;
  name: string;
  discriminator?: string | null;
  nickname?: string | null;
  color?: string | null;
  isBot?: boolean;
  roles?: DceRole[];
  avatarUrl?: string | null;
}

export interface DceEmoji {
  id?: string | null;
  name: string;
  code?: string | null;
  isAnimated?: boolean;
  imageUrl?: string | null;
}

export interface DceReaction {
  emoji: DceEmoji;
  count: number;
  users?: DceUser[];
}

export interface DceAttachment {
  id: string;
  url: string;
  fileName: string;
  fileSizeBytes?: number | null;
}

export interface DceReference {
  type?: string | null;
  messageId?: string | null;
  channelId?: string | null;
  guildId?: string | null;
}

export interface DceMessage {
  id: string;
  type?: string;
  timestamp: string;
  timestampEdited?: string | null;
  callEndedTimestamp?: string | null;
  isPinned?: boolean;
  content?: string | null;
  author: DceUser;
  attachments?: DceAttachment[];
  embeds?: unknown[];
  stickers?: unknown[];
  reactions?: DceReaction[];
  mentions?: DceUser[];
  reference?: DceReference | null;
  forwardedMessage?: unknown;
  interaction?: { id: string; name: string; user: DceUser } | null;
  inlineEmojis?: unknown[];
}
