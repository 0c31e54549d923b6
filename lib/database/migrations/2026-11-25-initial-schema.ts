/**
 * The first schema. Frozen: later changes go in new migrations.
 * Uses `Kysely<any>` on purpose — a migration must not follow the live `Database` type.
 */
import type { Kysely, Migration } from 'kysely';
import type { EngineKind } from '../engine-kind';

/** Builds the migration for one engine (only the auto-increment column differs). */
export function initialSchema(engine: EngineKind): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('guilds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('icon_url', 'text')
        .addColumn('observed_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('channels')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('guild_id', 'text', (c) => c.notNull().references('guilds.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text')
        .addColumn('category_id', 'text')
        .addColumn('parent_id', 'text')
        .addColumn('topic', 'text')
        .addColumn('observed_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('channels_guild').on('channels').column('guild_id').execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('discriminator', 'text')
        .addColumn('display_name', 'text')
        .addColumn('avatar_url', 'text')
        .addColumn('is_bot', 'integer', (c) => c.notNull())
        .addColumn('observed_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('members')
        .addColumn('guild_id', 'text', (c) => c.notNull().references('guilds.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('nickname', 'text')
        .addColumn('color', 'text')
        .addColumn('joined_at', 'bigint')
        .addColumn('first_message_at', 'bigint')
        .addColumn('last_message_at', 'bigint')
        .addColumn('observed_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('members_pk', ['guild_id', 'user_id'])
        .execute();
      await db.schema.createIndex('members_user').on('members').column('user_id').execute();

      await db.schema
        .createTable('roles')
        .addColumn('guild_id', 'text', (c) => c.notNull().references('guilds.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('color', 'text')
        .addColumn('position', 'integer')
        .addColumn('observed_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('roles_pk', ['guild_id', 'id'])
        .execute();

      await db.schema
        .createTable('member_roles')
        .addColumn('guild_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('role_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('member_roles_pk', ['guild_id', 'user_id', 'role_id'])
        .addForeignKeyConstraint('member_roles_member', ['guild_id', 'user_id'], 'members', ['guild_id', 'user_id'])
        .addForeignKeyConstraint('member_roles_role', ['guild_id', 'role_id'], 'roles', ['guild_id', 'id'])
        .execute();

      await db.schema
        .createTable('imports')
        .addColumn('id', engine === 'postgres' ? 'serial' : 'integer', (c) =>
          engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text')
        .addColumn('size_bytes', 'bigint', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('tool_version', 'text')
        .addColumn('guild_id', 'text')
        .addColumn('channel_id', 'text')
        .addColumn('exported_at', 'bigint')
        .addColumn('messages', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('finished_at', 'bigint')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('imports_sha256').on('imports').column('sha256').execute();

      await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('guild_id', 'text', (c) => c.notNull().references('guilds.id'))
        .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'bigint', (c) => c.notNull())
        .addColumn('edited_at', 'bigint')
        .addColumn('call_ended_at', 'bigint')
        .addColumn('is_pinned', 'integer', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('reference_kind', 'text')
        .addColumn('reference_message_id', 'text')
        .addColumn('reference_channel_id', 'text')
        .addColumn('reference_guild_id', 'text')
        .addColumn('forwarded_json', 'text')
        .addColumn('interaction_id', 'text')
        .addColumn('interaction_name', 'text')
        .addColumn('interaction_user_id', 'text')
        .addColumn('stickers_json', 'text')
        .addColumn('inline_emojis_json', 'text')
        .addColumn('observed_at', 'bigint', (c) => c.notNull())
        .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id'))
        .execute();
      await db.schema.createIndex('messages_guild_time').on('messages').columns(['guild_id', 'sent_at']).execute();
      await db.schema.createIndex('messages_author').on('messages').column('author_id').execute();
      await db.schema.createIndex('messages_channel_time').on('messages').columns(['channel_id', 'sent_at']).execute();
      // No index on reference_message_id: replies are found by joining on the parent's primary
      // key, and the index cost every import about a tenth of its message writes.

      await db.schema
        .createTable('reactions')
        .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
        .addColumn('emoji_key', 'text', (c) => c.notNull())
        .addColumn('emoji_id', 'text')
        .addColumn('emoji_name', 'text', (c) => c.notNull())
        .addColumn('emoji_code', 'text')
        .addColumn('is_animated', 'integer', (c) => c.notNull())
        .addColumn('image_url', 'text')
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('reactions_pk', ['message_id', 'emoji_key'])
        .execute();

      await db.schema
        .createTable('reaction_users')
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('emoji_key', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addPrimaryKeyConstraint('reaction_users_pk', ['message_id', 'emoji_key', 'user_id'])
        .addForeignKeyConstraint('reaction_users_reaction', ['message_id', 'emoji_key'], 'reactions', ['message_id', 'emoji_key'])
        .execute();
      await db.schema.createIndex('reaction_users_user').on('reaction_users').column('user_id').execute();

      await db.schema
        .createTable('mentions')
        .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addPrimaryKeyConstraint('mentions_pk', ['message_id', 'user_id'])
        .execute();
      await db.schema.createIndex('mentions_user').on('mentions').column('user_id').execute();

      await db.schema
        .createTable('attachments')
        .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'bigint')
        .addPrimaryKeyConstraint('attachments_pk', ['message_id', 'id'])
        .execute();

      await db.schema
        .createTable('embeds')
        .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('json', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('embeds_pk', ['message_id', 'position'])
        .execute();
    },
  };
}
