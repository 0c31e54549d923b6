import type { SnowflakeHalves } from './snowflake-halves';

/**
 * One guild's activity as typed arrays: every message (system notices, bots and staff included)
 * with who sent it where and when, whom it replied to, mentioned and who reacted. The audit
 * queries fold these arrays in TypeScript instead of joining the big tables in SQL for every
 * metric, which is what makes the whole query set fast on a large guild.
 *
 * Users and channels are numbered densely within the guild (`users.ids[i]` is the ID of user
 * `i`); messages are in time order (then ID order, the snowflakes' numeric order), so a period is
 * one slice found by binary search.
 */
export interface GuildColumns {
  guild: string;
  /** The data version these columns were read at. */
  dataVersion: string;
  users: {
    /** Discord IDs, by user number. */
    ids: string[];
    /** User number of an ID. */
    index: Map<string, number>;
    /** 1 for bot and webhook accounts. */
    isBot: Uint8Array;
  };
  channels: {
    /** Channel IDs (threads and forum posts are channels), by channel number. */
    ids: string[];
    index: Map<string, number>;
  };
  messages: MessageColumns;
  /** Users each message mentions. */
  mentions: Adjacency;
  /** Users listed as reacting to each message, one entry per (emoji, user). */
  reactors: Adjacency;
  /** The emoji of each entry of `reactors`. */
  reactorEmojis: ReactorEmojis;
  /** Reactions each message received, by the archive's own counts (listed or not). */
  reactionCounts: Uint32Array;
}

/** Messages, one entry per message in each array, in (time, ID) order. */
export interface MessageColumns {
  count: number;
  /** Message IDs; `joinSnowflake(messages.id, i)` is the ID of message `i`. */
  id: SnowflakeHalves;
  /** Epoch ms. */
  sentAt: Float64Array;
  /** User number of the author. */
  author: Int32Array;
  /** Channel number. */
  channel: Int32Array;
  /** Index into `kinds`. */
  kind: Uint16Array;
  /** The distinct message kinds (DiscordChatExporter's names). */
  kinds: string[];
  /** 1 when people wrote it (not a system notice): see `CONVERSATIONAL_KINDS`. */
  conversational: Uint8Array;
  /** What the reference is: `NO_REFERENCE`, `REPLY` or `FORWARD`. */
  referenceKind: Uint8Array;
  /** Message number of the referenced message when it is in this guild, else -1. */
  referenced: Int32Array;
  /** User number of the member who invoked the command a bot answers, else -1. */
  interactionUser: Int32Array;
}

/** The emoji of each listed reaction: a column beside `GuildColumns.reactors`. */
export interface ReactorEmojis {
  /** Emoji number of each entry of `reactors.values` (same positions). */
  emoji: Int32Array;
  /** `reactions.emoji_key` by emoji number: a custom emoji's ID, or the Unicode emoji itself. */
  keys: string[];
  /** The emoji's name by emoji number: the highest (JS string order) the guild's reactions give it, else the key. */
  names: string[];
}

export const NO_REFERENCE = 0;
export const REPLY = 1;
export const FORWARD = 2;

/**
 * Lists per message in compressed sparse row form: the entries of message `i` are
 * `values[start[i]]` up to (not including) `values[start[i + 1]]`.
 */
export interface Adjacency {
  start: Uint32Array;
  values: Int32Array;
}
