/**
 * The SQL side of how a group of record batches reaches PostgreSQL: messages by COPY into a
 * staging table shaped like `messages` (or straight into `messages` when none is stored yet),
 * every other row by COPY into one generic staging table (a kind, then up to eight text values),
 * and one script that moves them into the audit tables with the same newer-observation-wins
 * rules as everywhere (`MOVE_STAGED`, `MOVE_STAGED_NEW`). `StagedRows` writes the COPY text. Four round trips per
 * group at most: each one is a hand-over between client and server, which costs more than the
 * data when both share two busy cores. The server does the joins and upserts set-wise; the
 * client only formats text.
 */

/** What each row of `ga_stage` is, its first column. */
export const KIND = {
  guild: 1, channel: 2, user: 3, role: 4, member: 5, memberRole: 6,
  reaction: 7, reactionUser: 8, mention: 9, attachment: 10, embed: 11,
} as const;
export type Kind = keyof typeof KIND;

/** Values after the kind, at most: the widest rows (channels, reactions) have eight. */
export const STAGE_VALUES = 8;

/** Staging tables, created in the import's transaction and dropped with it. */
export const CREATE_STAGING = `
  CREATE TEMP TABLE ga_stage_messages (LIKE messages) ON COMMIT DROP;
  CREATE TEMP TABLE ga_stage (kind smallint, ${Array.from({ length: STAGE_VALUES }, (_, i) => `v${i + 1} text`).join(', ')}) ON COMMIT DROP;
  CREATE TEMP TABLE ga_written_members (guild_id text, user_id text) ON COMMIT DROP;
  CREATE TEMP TABLE ga_written_messages (id text, replaced boolean) ON COMMIT DROP;
`;

const MESSAGE_COLUMNS = [
  'id', 'guild_id', 'channel_id', 'author_id', 'kind', 'sent_at', 'edited_at', 'call_ended_at', 'is_pinned',
  'content', 'reference_kind', 'reference_message_id', 'reference_channel_id', 'reference_guild_id',
  'forwarded_json', 'interaction_id', 'interaction_name', 'interaction_user_id', 'stickers_json',
  'inline_emojis_json', 'observed_at', 'import_id',
];

/** The two COPY statements, in the order of `StagedRows.take`'s buffers. */
export const COPY_STAGED = [
  `COPY ga_stage_messages (${MESSAGE_COLUMNS.join(', ')}) FROM STDIN`,
  `COPY ga_stage (kind, ${Array.from({ length: STAGE_VALUES }, (_, i) => `v${i + 1}`).join(', ')}) FROM STDIN`,
] as const;

/** Columns of each table staged in `ga_stage`, in the order their values are written; `:type` casts from text. */
const STAGED: Record<Kind, readonly string[]> = {
  guild: ['id', 'name', 'icon_url', 'observed_at:bigint'],
  channel: ['id', 'guild_id', 'name', 'kind', 'category_id', 'parent_id', 'topic', 'observed_at:bigint'],
  user: ['id', 'name', 'discriminator', 'display_name', 'avatar_url', 'is_bot:integer', 'observed_at:bigint'],
  role: ['guild_id', 'id', 'name', 'color', 'position:integer', 'observed_at:bigint'],
  member: ['guild_id', 'user_id', 'nickname', 'color', 'observed_at:bigint', 'has_roles:boolean'],
  memberRole: ['guild_id', 'user_id', 'role_id'],
  reaction: ['message_id', 'emoji_key', 'emoji_id', 'emoji_name', 'emoji_code', 'is_animated:integer', 'image_url', 'count:integer'],
  reactionUser: ['message_id', 'emoji_key', 'user_id'],
  mention: ['message_id', 'user_id'],
  attachment: ['message_id', 'id', 'url', 'file_name', 'size_bytes:bigint'],
  embed: ['message_id', 'position:integer', 'json'],
};

const names = (kind: Kind) => STAGED[kind].map((c) => c.split(':')[0]);

/** `SELECT v1 AS id, v4::bigint AS observed_at ... FROM ga_stage WHERE kind = n` */
const staged = (kind: Kind) =>
  `SELECT ${STAGED[kind].map((c, i) => {
    const [name, type] = c.split(':');
    return `v${i + 1}${type ? `::${type}` : ''} AS ${name}`;
  }).join(', ')} FROM ga_stage WHERE kind = ${KIND[kind]}`;

const upsert = (table: string, kind: Kind, key: string, set: string) => `
  INSERT INTO ${table} (${names(kind).join(', ')}) ${staged(kind)}
  ON CONFLICT (${key}) DO UPDATE SET ${set} WHERE excluded.observed_at >= ${table}.observed_at`;

const setExcluded = (columns: readonly string[], skip: readonly string[] = []) =>
  columns.filter((c) => !skip.includes(c)).map((c) => `${c} = excluded.${c}`).join(', ');

const CHILDREN = [
  ['reaction_users', 'reactionUser'], ['reactions', 'reaction'], ['mentions', 'mention'],
  ['attachments', 'attachment'], ['embeds', 'embed'],
] as const;

const PARENTS = [
  upsert('guilds', 'guild', 'id', setExcluded(names('guild'), ['id'])),
  upsert('channels', 'channel', 'id', setExcluded(names('channel'), ['id'])),
  upsert('users', 'user', 'id',
    setExcluded(names('user'), ['id', 'display_name']) + ', display_name = coalesce(excluded.display_name, users.display_name)'),
  upsert('roles', 'role', 'guild_id, id', setExcluded(names('role'), ['guild_id', 'id'])),
  `WITH written AS (
     INSERT INTO members (guild_id, user_id, nickname, color, observed_at)
     SELECT guild_id, user_id, nickname, color, observed_at FROM (${staged('member')}) s
     ON CONFLICT (guild_id, user_id) DO UPDATE SET nickname = excluded.nickname, color = excluded.color,
       observed_at = excluded.observed_at WHERE excluded.observed_at >= members.observed_at
     RETURNING guild_id, user_id)
   INSERT INTO ga_written_members SELECT guild_id, user_id FROM written`,
  `DELETE FROM member_roles t USING ga_written_members w, (${staged('member')}) s
   WHERE s.has_roles AND s.guild_id = w.guild_id AND s.user_id = w.user_id
     AND t.guild_id = w.guild_id AND t.user_id = w.user_id`,
  `INSERT INTO member_roles (guild_id, user_id, role_id) SELECT r.guild_id, r.user_id, r.role_id
   FROM (${staged('memberRole')}) r JOIN ga_written_members w ON w.guild_id = r.guild_id AND w.user_id = r.user_id`,
];

const EMPTY_STAGING = 'TRUNCATE ga_stage_messages, ga_stage, ga_written_members, ga_written_messages';

/**
 * Moves the staged rows into the audit tables, parents first, and empties the staging tables.
 * Members and messages that were actually written (new, or replaced by an observation at least
 * as new) are noted, so only their roles and children are replaced and inserted.
 */
export const MOVE_STAGED = [
  ...PARENTS,
  `WITH written AS (
     INSERT INTO messages (${MESSAGE_COLUMNS.join(', ')}) SELECT ${MESSAGE_COLUMNS.join(', ')} FROM ga_stage_messages
     ON CONFLICT (id) DO UPDATE SET ${setExcluded(MESSAGE_COLUMNS, ['id'])}
     WHERE excluded.observed_at >= messages.observed_at
     RETURNING id, (xmax <> 0) AS replaced)
   INSERT INTO ga_written_messages SELECT id, replaced FROM written`,
  ...CHILDREN.map(([t]) => `DELETE FROM ${t} t USING ga_written_messages w WHERE w.replaced AND t.message_id = w.id`),
  ...[...CHILDREN].reverse().map(([t, kind]) => `INSERT INTO ${t} (${names(kind).join(', ')})
    SELECT s.* FROM (${staged(kind)}) s JOIN ga_written_messages w ON w.id = s.message_id`),
  EMPTY_STAGING,
].join(';\n');

/**
 * `MOVE_STAGED` for a group whose messages went straight into `messages` (`COPY_NEW_MESSAGES`):
 * none was stored before, so every child is new and goes in without the join on written messages.
 */
export const MOVE_STAGED_NEW = [
  ...PARENTS,
  ...[...CHILDREN].reverse().map(([t, kind]) => `INSERT INTO ${t} (${names(kind).join(', ')}) ${staged(kind)}`),
  EMPTY_STAGING,
].join(';\n');

/** Messages none of which is stored yet go straight into `messages`: COPY there costs less than staging and upserting. */
export const COPY_NEW_MESSAGES = `COPY messages (${MESSAGE_COLUMNS.join(', ')}) FROM STDIN`;
