import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MemberRecord, MessageRecord, RecordBatch, UserRecord } from '../../lib/archives/records';
import { describeEachEngine } from '../support/engines';

const GUILD = '100';
const CHANNEL = '200';
const USER = '300';

/** Enough messages to fill a few of the PostgreSQL writer's groups. */
const MESSAGES_PER_BATCH = 6000;

function batch(first: number, user: UserRecord, member: MemberRecord): RecordBatch {
  const messages: MessageRecord[] = [];
  for (let i = 0; i < MESSAGES_PER_BATCH; i++) {
    const id = String(1_000_000 + first + i);
    messages.push({
      id, guildId: GUILD, channelId: CHANNEL, authorId: USER, kind: 'Default', sentAt: first + i, editedAt: null,
      callEndedAt: null, isPinned: false, content: `m${id}`, referenceKind: null, referenceMessageId: null,
      referenceChannelId: null, referenceGuildId: null, forwardedJson: null, interactionId: null, interactionName: null,
      interactionUserId: null, stickersJson: null, inlineEmojisJson: null, reactions: [], mentionIds: [], attachments: [], embedsJson: [],
    });
  }
  return {
    guilds: [{ id: GUILD, name: 'g', iconUrl: null }],
    channels: [{ id: CHANNEL, guildId: GUILD, name: 'c', kind: 'GuildTextChat', categoryId: null, parentId: null, topic: null, stub: false }],
    users: [user],
    roles: [{ guildId: GUILD, id: '400', name: 'r1', color: null, position: 0 }, { guildId: GUILD, id: '401', name: 'r2', color: null, position: 1 }],
    members: [member],
    messages,
  };
}

describeEachEngine('records repeated across a file', (ctx) => {
  test('the last copy of a user and a member wins, also when it goes back to an earlier one', async () => {
    const { engine } = await ctx.fresh();
    const user = (name: string): UserRecord => ({ id: USER, name, discriminator: null, displayName: null, avatarUrl: null, isBot: false });
    const member = (nickname: string, roleIds: string[]): MemberRecord => ({ guildId: GUILD, userId: USER, nickname, color: null, roleIds });
    const observedAt = 5_000_000;
    await engine.importTransaction(async (writer) => {
      const id = await writer.startImport({ path: 'built:repeated', sizeBytes: 0, format: 'test', startedAt: 0 });
      await writer.writeBatch(batch(0, user('a'), member('na', ['400'])), observedAt, id);
      await writer.writeBatch(batch(10_000, user('a'), member('na', ['400'])), observedAt, id);
      await writer.writeBatch(batch(20_000, user('b'), member('nb', ['401'])), observedAt, id);
      await writer.writeBatch(batch(30_000, user('b'), member('na', ['400'])), observedAt, id);
      await writer.finishImport(id, {
        sha256: null, toolVersion: null, guildId: GUILD, channelId: null, exportedAt: observedAt,
        messages: 4 * MESSAGES_PER_BATCH, finishedAt: 0, status: 'ok', error: null,
      });
    });
    const users = await engine.db.selectFrom('users').select(['id', 'name']).execute();
    assert.deepEqual(users, [{ id: USER, name: 'b' }]);
    const members = await engine.db.selectFrom('members').select(['user_id', 'nickname']).execute();
    assert.deepEqual(members, [{ user_id: USER, nickname: 'na' }]);
    const roles = await engine.db.selectFrom('member_roles').select('role_id').execute();
    assert.deepEqual(roles, [{ role_id: '400' }]);
    const count = await engine.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 4 * MESSAGES_PER_BATCH);
  });
});

