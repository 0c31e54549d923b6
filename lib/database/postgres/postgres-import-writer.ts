import type pg from 'pg';
import type { MessageRecord, RecordBatch } from '../../archives/records';
import type { ImportEnd, ImportStart, ImportWriter } from '../engine';
import { MemberActivityTally } from '../member-activity';

/** A column of an `unnest` input: its name, PostgreSQL type, and how to read it from a row. */
type Column<R> = [name: string, type: string, value: (row: R) => unknown];

/**
 * `SELECT * FROM unnest($1::type[], ...) AS input(...)` and its parameters: a whole batch goes
 * to the server as one array per column, so one statement writes thousands of rows.
 */
function unnest<R>(rows: readonly R[], columns: Column<R>[]): { from: string; names: string; params: unknown[][] } {
  const params = columns.map(([, , value]) => rows.map(value));
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const names = columns.map(([name]) => name).join(', ');
  return { from: `unnest(${arrays}) AS input(${names})`, names, params };
}

/** `SET a = excluded.a, ...` for an upsert. */
function setExcluded(names: string[]): string {
  return names.map((n) => `${n} = excluded.${n}`).join(', ');
}

const flag = (b: boolean) => (b ? 1 : 0);

/** The rows with distinct keys, keeping the last of each. */
function lastByKey<R>(rows: readonly R[], key: (row: R) => string): R[] {
  return [...new Map(rows.map((r) => [key(r), r])).values()];
}

const MESSAGE_COLUMNS: Column<MessageRecord & { observedAt: number; importId: number }>[] = [
  ['id', 'text', (m) => m.id],
  ['guild_id', 'text', (m) => m.guildId],
  ['channel_id', 'text', (m) => m.channelId],
  ['author_id', 'text', (m) => m.authorId],
  ['kind', 'text', (m) => m.kind],
  ['sent_at', 'int8', (m) => m.sentAt],
  ['edited_at', 'int8', (m) => m.editedAt],
  ['call_ended_at', 'int8', (m) => m.callEndedAt],
  ['is_pinned', 'int4', (m) => flag(m.isPinned)],
  ['content', 'text', (m) => m.content],
  ['reference_kind', 'text', (m) => m.referenceKind],
  ['reference_message_id', 'text', (m) => m.referenceMessageId],
  ['reference_channel_id', 'text', (m) => m.referenceChannelId],
  ['reference_guild_id', 'text', (m) => m.referenceGuildId],
  ['forwarded_json', 'text', (m) => m.forwardedJson],
  ['interaction_id', 'text', (m) => m.interactionId],
  ['interaction_name', 'text', (m) => m.interactionName],
  ['interaction_user_id', 'text', (m) => m.interactionUserId],
  ['stickers_json', 'text', (m) => m.stickersJson],
  ['inline_emojis_json', 'text', (m) => m.inlineEmojisJson],
  ['observed_at', 'int8', (m) => m.observedAt],
  ['import_id', 'int4', (m) => m.importId],
];

/**
 * PostgreSQL's bulk writer: one `INSERT ... SELECT FROM unnest(...)` per table and batch, with
 * the same newer-observation-wins rules as the SQLite writer.
 */
export class PostgresImportWriter implements ImportWriter {
  readonly #activity = new MemberActivityTally();

  constructor(private readonly client: pg.PoolClient) {}

  async startImport(start: ImportStart): Promise<number> {
    const result = await this.client.query(
      `INSERT INTO imports (path, size_bytes, format, messages, started_at, status)
       VALUES ($1, $2, $3, 0, $4, 'ok') RETURNING id`,
      [start.path, start.sizeBytes, start.format, start.startedAt],
    );
    return result.rows[0].id;
  }

  async finishImport(importId: number, end: ImportEnd): Promise<void> {
    await this.#mergeMemberActivity();
    await this.client.query(
      `UPDATE imports SET sha256 = $1, tool_version = $2, guild_id = $3, channel_id = $4, exported_at = $5,
       messages = $6, finished_at = $7, status = $8, error = $9 WHERE id = $10`,
      [end.sha256, end.toolVersion, end.guildId, end.channelId, end.exportedAt, end.messages,
        end.finishedAt, end.status, end.error, importId],
    );
  }

  async writeBatch(batch: RecordBatch, observedAt: number, importId: number): Promise<void> {
    await this.#upsert('guilds', ['id'], batch.guilds, [
      ['id', 'text', (g) => g.id],
      ['name', 'text', (g) => g.name],
      ['icon_url', 'text', (g) => g.iconUrl],
      ['observed_at', 'int8', () => observedAt],
    ]);
    await this.#upsert('channels', ['id'], batch.channels, [
      ['id', 'text', (c) => c.id],
      ['guild_id', 'text', (c) => c.guildId],
      ['name', 'text', (c) => c.name],
      ['kind', 'text', (c) => c.kind],
      ['category_id', 'text', (c) => c.categoryId],
      ['parent_id', 'text', (c) => c.parentId],
      ['topic', 'text', (c) => c.topic],
      ['observed_at', 'int8', (c) => (c.stub ? 0 : observedAt)],
    ]);
    await this.#upsert('users', ['id'], batch.users, [
      ['id', 'text', (u) => u.id],
      ['name', 'text', (u) => u.name],
      ['discriminator', 'text', (u) => u.discriminator],
      ['display_name', 'text', (u) => u.displayName],
      ['avatar_url', 'text', (u) => u.avatarUrl],
      ['is_bot', 'int4', (u) => flag(u.isBot)],
      ['observed_at', 'int8', () => observedAt],
    ], 'display_name = coalesce(excluded.display_name, users.display_name)');
    await this.#upsert('roles', ['guild_id', 'id'], batch.roles, [
      ['guild_id', 'text', (r) => r.guildId],
      ['id', 'text', (r) => r.id],
      ['name', 'text', (r) => r.name],
      ['color', 'text', (r) => r.color],
      ['position', 'int4', (r) => r.position],
      ['observed_at', 'int8', () => observedAt],
    ]);
    await this.#writeMembers(batch, observedAt);
    await this.#writeMessages(batch.messages, observedAt, importId);
    this.#activity.add(batch.messages);
  }

  /**
   * Upserts rows; a stored row is replaced only by an observation at least as new.
   * `overrides` replaces the plain `col = excluded.col` of named columns. Returns the written rows' keys.
   */
  async #upsert<R>(table: string, key: string[], rows: readonly R[], columns: Column<R>[], ...overrides: string[]) {
    if (rows.length === 0) return [];
    const { from, names, params } = unnest(rows, columns);
    const overridden = new Set(overrides.map((o) => o.split(' ')[0]));
    const updates = columns.map(([n]) => n).filter((n) => !key.includes(n) && !overridden.has(n));
    const result = await this.client.query(
      `INSERT INTO ${table} (${names}) SELECT ${names} FROM ${from}
       ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${[setExcluded(updates), ...overrides].join(', ')}
       WHERE excluded.observed_at >= ${table}.observed_at
       RETURNING ${key.join(', ')}, (xmax <> 0) AS replaced`,
      params,
    );
    return result.rows as Array<Record<string, string> & { replaced: boolean }>;
  }

  async #writeMembers(batch: RecordBatch, observedAt: number): Promise<void> {
    // A user first named without roles (a reactor) and then with them (an author) comes twice;
    // applied in order on SQLite, so here the last copy wins.
    const members = lastByKey(batch.members, (m) => m.guildId + ':' + m.userId);
    const written = await this.#upsert('members', ['guild_id', 'user_id'], members, [
      ['guild_id', 'text', (m) => m.guildId],
      ['user_id', 'text', (m) => m.userId],
      ['nickname', 'text', (m) => m.nickname],
      ['color', 'text', (m) => m.color],
      ['observed_at', 'int8', () => observedAt],
    ]);
    const writtenKeys = new Set(written.map((r) => r.guild_id + ':' + r.user_id));
    const withRoles = members.filter((m) => m.roleIds !== null && writtenKeys.has(m.guildId + ':' + m.userId));
    if (withRoles.length === 0) return;
    await this.client.query(
      `DELETE FROM member_roles USING unnest($1::text[], $2::text[]) AS input(guild_id, user_id)
       WHERE member_roles.guild_id = input.guild_id AND member_roles.user_id = input.user_id`,
      [withRoles.map((m) => m.guildId), withRoles.map((m) => m.userId)],
    );
    const pairs = withRoles.flatMap((m) => m.roleIds!.map((roleId) => [m.guildId, m.userId, roleId]));
    await this.#insert('member_roles', pairs, ['guild_id', 'user_id', 'role_id']);
  }

  async #writeMessages(messages: readonly MessageRecord[], observedAt: number, importId: number): Promise<void> {
    if (messages.length === 0) return;
    // One statement may not upsert a row twice; within a batch the last copy wins, as on SQLite.
    const unique = lastByKey(messages, (m) => m.id).map((m) => ({ ...m, observedAt, importId }));
    const { from, names, params } = unnest(unique, MESSAGE_COLUMNS);
    const result = await this.client.query(
      `INSERT INTO messages (${names}) SELECT ${names} FROM ${from}
       ON CONFLICT (id) DO UPDATE SET ${setExcluded(MESSAGE_COLUMNS.slice(1).map(([n]) => n))}
       WHERE excluded.observed_at >= messages.observed_at
       RETURNING id, (xmax <> 0) AS replaced`,
      params,
    );
    const rows = result.rows as Array<{ id: string; replaced: boolean }>;
    const replaced = rows.filter((r) => r.replaced).map((r) => r.id);
    if (replaced.length > 0) {
      for (const table of ['reaction_users', 'reactions', 'mentions', 'attachments', 'embeds']) {
        await this.client.query(`DELETE FROM ${table} WHERE message_id = ANY($1::text[])`, [replaced]);
      }
    }
    const written = new Set(rows.map((r) => r.id));
    const kept = unique.filter((m) => written.has(m.id));
    await this.#insert('reactions', kept.flatMap((m) => m.reactions.map((r) => [
      m.id, r.key, r.emojiId, r.emojiName, r.emojiCode, flag(r.isAnimated), r.imageUrl, r.count,
    ])), ['message_id', 'emoji_key', 'emoji_id', 'emoji_name', 'emoji_code', 'is_animated:int4', 'image_url', 'count:int4']);
    await this.#insert('reaction_users', kept.flatMap((m) => m.reactions.flatMap((r) => r.userIds.map((u) => [m.id, r.key, u]))),
      ['message_id', 'emoji_key', 'user_id']);
    await this.#insert('mentions', kept.flatMap((m) => m.mentionIds.map((u) => [m.id, u])), ['message_id', 'user_id']);
    await this.#insert('attachments', kept.flatMap((m) => m.attachments.map((a) => [m.id, a.id, a.url, a.fileName, a.sizeBytes])),
      ['message_id', 'id', 'url', 'file_name', 'size_bytes:int8']);
    await this.#insert('embeds', kept.flatMap((m) => m.embedsJson.map((json, i) => [m.id, i, json])),
      ['message_id', 'position:int4', 'json']);
  }

  /** Plain insert of tuples; columns are `name` (text) or `name:type`. */
  async #insert(table: string, tuples: unknown[][], columns: string[]): Promise<void> {
    if (tuples.length === 0) return;
    const spec: Column<unknown[]>[] = columns.map((c, i) => {
      const [name, type = 'text'] = c.split(':');
      return [name, type, (t) => t[i]];
    });
    const { from, names, params } = unnest(tuples, spec);
    await this.client.query(`INSERT INTO ${table} (${names}) SELECT ${names} FROM ${from}`, params);
  }

  async #mergeMemberActivity(): Promise<void> {
    const activity = this.#activity.rows();
    if (activity.length === 0) return;
    const { from, params } = unnest(activity, [
      ['guild_id', 'text', (a) => a.guildId],
      ['user_id', 'text', (a) => a.userId],
      ['first_at', 'int8', (a) => a.firstMessageAt],
      ['last_at', 'int8', (a) => a.lastMessageAt],
      ['joined', 'int8', (a) => a.joinedAt],
    ]);
    // LEAST/GREATEST skip NULLs in PostgreSQL, which is the merge we want.
    await this.client.query(
      `UPDATE members SET first_message_at = LEAST(members.first_message_at, input.first_at),
         last_message_at = GREATEST(members.last_message_at, input.last_at),
         joined_at = LEAST(members.joined_at, input.joined)
       FROM ${from} WHERE members.guild_id = input.guild_id AND members.user_id = input.user_id`,
      params,
    );
  }
}
