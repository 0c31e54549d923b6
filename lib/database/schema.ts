/**
 * The audit database's tables, as one Kysely `Database` type used everywhere.
 *
 * Conventions that hold on both engines:
 * - Discord IDs (snowflakes) are `text`: they exceed 2^53 and must never pass through a JS number.
 * - Times are integer milliseconds since the Unix epoch (UTC), so both engines bucket them identically.
 * - Flags are integers 0/1, so both engines return the same JS values.
 * - `observed_at` is when the archive saw the row's state (the export time); a row is only
 *   overwritten by an observation at least as new, so importing an old export after a newer one
 *   never rolls facts back.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A Discord server. */
export interface GuildTable {
  id: string;
  name: string;
  icon_url: string | null;
  observed_at: number;
}

/**
 * A channel, category, thread or forum post. For a thread, `parent_id` is its parent channel;
 * for a channel, `category_id` is its category.
 */
export interface ChannelTable {
  id: string;
  guild_id: string;
  name: string;
  /** DiscordChatExporter's channel type name, e.g. `GuildTextChat`, `GuildPublicThread`, `GuildCategory`. */
  kind: string | null;
  category_id: string | null;
  parent_id: string | null;
  topic: string | null;
  observed_at: number;
}

/** One Discord account: the global identity across guilds. */
export interface UserTable {
  id: string;
  /** Username (without discriminator). */
  name: string;
  /** `"0000"`/`"0"` for new-style usernames, else the legacy 4-digit tag. */
  discriminator: string | null;
  /** Global display name, where the archive distinguishes it from the guild nickname. */
  display_name: string | null;
  avatar_url: string | null;
  is_bot: number;
  observed_at: number;
}

/** What is known of one account within one guild. */
export interface MemberTable {
  guild_id: string;
  user_id: string;
  nickname: string | null;
  /** Display colour as `#rrggbb`. */
  color: string | null;
  joined_at: number | null;
  first_message_at: number | null;
  last_message_at: number | null;
  observed_at: number;
}

/** A role of a guild. */
export interface RoleTable {
  guild_id: string;
  id: string;
  name: string;
  color: string | null;
  position: number | null;
  observed_at: number;
}

/** Roles a member held when last observed. */
export interface MemberRoleTable {
  guild_id: string;
  user_id: string;
  role_id: string;
}

/** A message, including system messages (joins, pins, thread created...). */
export interface MessageTable {
  id: string;
  guild_id: string;
  channel_id: string;
  author_id: string;
  /** DiscordChatExporter's message type name (`Default`, `Reply`, `GuildMemberJoin`, ...) or a number as text. */
  kind: string;
  sent_at: number;
  edited_at: number | null;
  call_ended_at: number | null;
  is_pinned: number;
  content: string;
  /** `Default` for a reply, `Forward` for a forward; null when there is no reference. */
  reference_kind: string | null;
  reference_message_id: string | null;
  reference_channel_id: string | null;
  reference_guild_id: string | null;
  forwarded_json: string | null;
  interaction_id: string | null;
  interaction_name: string | null;
  interaction_user_id: string | null;
  stickers_json: string | null;
  inline_emojis_json: string | null;
  observed_at: number;
  /** The import that last wrote this row. */
  import_id: number;
}

/** Reactions of one emoji on one message. */
export interface ReactionTable {
  message_id: string;
  /** The custom emoji's id, or the Unicode emoji itself. */
  emoji_key: string;
  emoji_id: string | null;
  emoji_name: string;
  emoji_code: string | null;
  is_animated: number;
  image_url: string | null;
  count: number;
}

/** Users who reacted, where the archive lists them (it may list fewer than `count`). */
export interface ReactionUserTable {
  message_id: string;
  emoji_key: string;
  user_id: string;
}

/** Users mentioned by a message. */
export interface MentionTable {
  message_id: string;
  user_id: string;
}

/** Files attached to a message. */
export interface AttachmentTable {
  message_id: string;
  id: string;
  url: string;
  file_name: string;
  size_bytes: number | null;
}

/** Embeds of a message, kept whole as JSON. */
export interface EmbedTable {
  message_id: string;
  position: number;
  json: string;
}

/** Outcome of an import: `ok`, `failed`, or `unchanged` (same content as an earlier import). */
export type ImportStatus = 'ok' | 'failed' | 'unchanged';

/** One row per imported file. */
export interface ImportTable {
  id: Generated<number>;
  /** The path as given on the command line. */
  path: string;
  sha256: string | null;
  size_bytes: number;
  format: string;
  tool_version: string | null;
  guild_id: string | null;
  channel_id: string | null;
  exported_at: number | null;
  messages: number;
  started_at: number;
  finished_at: number | null;
  status: ColumnType<ImportStatus, ImportStatus, ImportStatus>;
  error: string | null;
}

/** A cached query result; `key` hashes the query, its parameters and the data version. */
export interface QueryCacheTable {
  key: string;
  query: string;
  params_json: string;
  data_version: string;
  created_at: number;
  rows_json: string;
}

/**
 * A part of a guild's columns (lib/queries/columns) stored in binary, so a process reads them
 * in a few rows instead of rebuilding them from the message tables. Derived data: dropping the
 * rows only costs a rebuild.
 */
export interface GuildColumnsTable {
  guild_id: string;
  /** 0, 1, ...: the parts concatenated in this order are the encoded columns. */
  part: number;
  /** How many parts there are. */
  parts: number;
  /** The data version the columns were read at; any other version makes them stale. */
  data_version: string;
  /** The encoding's version (see encode-guild-columns.ts). */
  format: number;
  created_at: number;
  bytes: Buffer;
}

/**
 * An analyst's label on an individual: analyst data, not archive data, so writing one never
 * changes the data version. One row per (user, guild or every guild, label); labelling again
 * updates the row. Managed through `lib/labels/`.
 */
export interface LabelTable {
  id: Generated<number>;
  /** The labelled account's ID; it need not be in `users` yet. */
  user_id: string;
  /** The guild the label is about, or null for the person across every guild. */
  guild_id: string | null;
  label: string;
  note: string | null;
  /** Who last set the label (an analyst's name). */
  created_by: string;
  /** When it was last set, epoch ms. */
  created_at: number;
}

/**
 * An index a first load dropped, to build once at its end (see database/deferred-indexes.ts):
 * no row here means every index is in place.
 */
export interface DeferredIndexTable {
  name: string;
  /** The statement that made it. */
  sql: string;
  /** The ingest that dropped it: `<host> <process id>`. */
  owner: string;
}

/** The whole audit database. */
export interface Database {
  guilds: GuildTable;
  channels: ChannelTable;
  users: UserTable;
  members: MemberTable;
  roles: RoleTable;
  member_roles: MemberRoleTable;
  messages: MessageTable;
  reactions: ReactionTable;
  reaction_users: ReactionUserTable;
  mentions: MentionTable;
  attachments: AttachmentTable;
  embeds: EmbedTable;
  imports: ImportTable;
  query_cache: QueryCacheTable;
  labels: LabelTable;
  guild_columns: GuildColumnsTable;
  deferred_indexes: DeferredIndexTable;
}

export type Guild = Selectable<GuildTable>;
export type Channel = Selectable<ChannelTable>;
export type User = Selectable<UserTable>;
export type Member = Selectable<MemberTable>;
export type Message = Selectable<MessageTable>;
export type Import = Selectable<ImportTable>;
export type NewImport = Insertable<ImportTable>;
export type Label = Selectable<LabelTable>;
