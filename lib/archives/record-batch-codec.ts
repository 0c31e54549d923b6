import type { MessageRecord, RecordBatch } from './records';

/**
 * A `RecordBatch` flattened into one array of strings, numbers, booleans and nulls, with counts
 * before each list. Posting it to another thread costs a fraction of posting the objects: the
 * structured clone of nested records spends most of its time on property names and object
 * shapes, which a flat array of primitives does not have.
 */
export type PackedBatch = Array<string | number | boolean | null>;

/**
 * Flattens a batch for `postMessage`.
 *
 * @example
 * port.postMessage(packBatch(batch));                 // reading thread
 * const batch = unpackBatch(message as PackedBatch);  // writing thread
 */
export function packBatch(b: RecordBatch): PackedBatch {
  const out: PackedBatch = [];
  out.push(b.guilds.length);
  for (const g of b.guilds) out.push(g.id, g.name, g.iconUrl);
  out.push(b.channels.length);
  for (const c of b.channels) out.push(c.id, c.guildId, c.name, c.kind, c.categoryId, c.parentId, c.topic, c.stub);
  out.push(b.users.length);
  for (const u of b.users) out.push(u.id, u.name, u.discriminator, u.displayName, u.avatarUrl, u.isBot);
  out.push(b.roles.length);
  for (const r of b.roles) out.push(r.guildId, r.id, r.name, r.color, r.position);
  out.push(b.members.length);
  for (const m of b.members) {
    out.push(m.guildId, m.userId, m.nickname, m.color);
    if (m.roleIds === null) out.push(null);
    else pushList(out, m.roleIds);
  }
  out.push(b.messages.length);
  for (const m of b.messages) packMessage(out, m);
  return out;
}

function packMessage(out: PackedBatch, m: MessageRecord): void {
  out.push(
    m.id, m.guildId, m.channelId, m.authorId, m.kind, m.sentAt, m.editedAt, m.callEndedAt, m.isPinned,
    m.content, m.referenceKind, m.referenceMessageId, m.referenceChannelId, m.referenceGuildId,
    m.forwardedJson, m.interactionId, m.interactionName, m.interactionUserId, m.stickersJson, m.inlineEmojisJson,
  );
  out.push(m.reactions.length);
  for (const r of m.reactions) {
    out.push(r.key, r.emojiId, r.emojiName, r.emojiCode, r.isAnimated, r.imageUrl, r.count);
    pushList(out, r.userIds);
  }
  pushList(out, m.mentionIds);
  out.push(m.attachments.length);
  for (const a of m.attachments) out.push(a.id, a.url, a.fileName, a.sizeBytes);
  pushList(out, m.embedsJson);
}

function pushList(out: PackedBatch, values: readonly string[]): void {
  out.push(values.length);
  for (const v of values) out.push(v);
}

/** Rebuilds the batch `packBatch` flattened. */
export function unpackBatch(packed: PackedBatch): RecordBatch {
  // The casts only restore the types packBatch wrote in this order.
  const p = packed as any[];
  let i = 0;
  const strings = (): string[] => {
    const n: number = p[i++];
    const values = new Array<string>(n);
    for (let k = 0; k < n; k++) values[k] = p[i++];
    return values;
  };
  const batch: RecordBatch = { guilds: [], channels: [], users: [], roles: [], members: [], messages: [] };
  for (let n = p[i++]; n > 0; n--) batch.guilds.push({ id: p[i++], name: p[i++], iconUrl: p[i++] });
  for (let n = p[i++]; n > 0; n--) {
    batch.channels.push({
      id: p[i++], guildId: p[i++], name: p[i++], kind: p[i++], categoryId: p[i++], parentId: p[i++], topic: p[i++], stub: p[i++],
    });
  }
  for (let n = p[i++]; n > 0; n--) {
    batch.users.push({ id: p[i++], name: p[i++], discriminator: p[i++], displayName: p[i++], avatarUrl: p[i++], isBot: p[i++] });
  }
  for (let n = p[i++]; n > 0; n--) batch.roles.push({ guildId: p[i++], id: p[i++], name: p[i++], color: p[i++], position: p[i++] });
  for (let n = p[i++]; n > 0; n--) {
    const guildId = p[i++], userId = p[i++], nickname = p[i++], color = p[i++];
    const roleIds = p[i] === null ? (i++, null) : strings();
    batch.members.push({ guildId, userId, nickname, color, roleIds });
  }
  for (let n = p[i++]; n > 0; n--) {
    const m: MessageRecord = {
      id: p[i++], guildId: p[i++], channelId: p[i++], authorId: p[i++], kind: p[i++], sentAt: p[i++], editedAt: p[i++],
      callEndedAt: p[i++], isPinned: p[i++], content: p[i++], referenceKind: p[i++], referenceMessageId: p[i++],
      referenceChannelId: p[i++], referenceGuildId: p[i++], forwardedJson: p[i++], interactionId: p[i++],
      interactionName: p[i++], interactionUserId: p[i++], stickersJson: p[i++], inlineEmojisJson: p[i++],
      reactions: [], mentionIds: [], attachments: [], embedsJson: [],
    };
    for (let r = p[i++]; r > 0; r--) {
      m.reactions.push({
        key: p[i++], emojiId: p[i++], emojiName: p[i++], emojiCode: p[i++], isAnimated: p[i++], imageUrl: p[i++], count: p[i++],
        userIds: strings(),
      });
    }
    m.mentionIds = strings();
    for (let a = p[i++]; a > 0; a--) m.attachments.push({ id: p[i++], url: p[i++], fileName: p[i++], sizeBytes: p[i++] });
    m.embedsJson = strings();
    batch.messages.push(m);
  }
  return batch;
}
