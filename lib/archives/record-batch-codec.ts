import type { MessageRecord, RecordBatch } from './records';

/**
 * A `RecordBatch` flattened into one array of strings, numbers, booleans and nulls, with counts
 * before each list. Posting it to another thread costs a fraction of posting the objects: the
 * structured clone of nested records spends most of its time on property names and object
 * shapes, and on strings.
 *
 * Strings that repeat across a file (IDs of guild, channel, authors and reacting users, message
 * kinds, emoji) go as numbers into a table both sides keep for the file; a batch carries only
 * the table's new entries, first. Unique text (message IDs, content, JSON) goes as is.
 */
export type PackedBatch = Array<string | number | boolean | null>;

/**
 * Packs the batches of one file, in order, for `BatchUnpacker`.
 *
 * @example
 * const packer = new BatchPacker();                        // reading thread, one per file
 * port.postMessage(packer.pack(batch));
 * const unpacker = new BatchUnpacker();                    // writing thread, one per file
 * const batch = unpacker.unpack(message as PackedBatch);
 */
export class BatchPacker {
  readonly #index = new Map<string, number>();
  #fresh: string[] = [];
  #out: PackedBatch = [];

  pack(b: RecordBatch): PackedBatch {
    const out: PackedBatch = (this.#out = []);
    this.#fresh = [];
    out.push(0); // how many new table entries follow the body: filled in below
    out.push(b.guilds.length);
    for (const g of b.guilds) out.push(this.#name(g.id), g.name, g.iconUrl);
    out.push(b.channels.length);
    for (const c of b.channels) {
      out.push(this.#name(c.id), this.#name(c.guildId), c.name, c.kind, this.#name(c.categoryId), this.#name(c.parentId), c.topic, c.stub);
    }
    out.push(b.users.length);
    for (const u of b.users) out.push(this.#name(u.id), u.name, u.discriminator, u.displayName, u.avatarUrl, u.isBot);
    out.push(b.roles.length);
    for (const r of b.roles) out.push(this.#name(r.guildId), this.#name(r.id), r.name, r.color, r.position);
    out.push(b.members.length);
    for (const m of b.members) {
      out.push(this.#name(m.guildId), this.#name(m.userId), m.nickname, m.color);
      if (m.roleIds === null) out.push(null);
      else this.#names(m.roleIds);
    }
    out.push(b.messages.length);
    for (const m of b.messages) this.#message(m);
    out[0] = this.#fresh.length;
    for (const s of this.#fresh) out.push(s);
    return out;
  }

  #message(m: MessageRecord): void {
    const out = this.#out;
    out.push(
      m.id, this.#name(m.guildId), this.#name(m.channelId), this.#name(m.authorId), this.#name(m.kind), m.sentAt,
      m.editedAt, m.callEndedAt, m.isPinned, m.content, this.#name(m.referenceKind), m.referenceMessageId,
      this.#name(m.referenceChannelId), this.#name(m.referenceGuildId), m.forwardedJson, m.interactionId,
      this.#name(m.interactionName), this.#name(m.interactionUserId), this.#name(m.stickersJson), m.inlineEmojisJson,
    );
    out.push(m.reactions.length);
    for (const r of m.reactions) {
      out.push(this.#name(r.key), this.#name(r.emojiId), this.#name(r.emojiName), this.#name(r.emojiCode), r.isAnimated,
        this.#name(r.imageUrl), r.count);
      this.#names(r.userIds);
    }
    this.#names(m.mentionIds);
    out.push(m.attachments.length);
    for (const a of m.attachments) out.push(a.id, a.url, a.fileName, a.sizeBytes);
    out.push(m.embedsJson.length);
    for (const json of m.embedsJson) out.push(json);
  }

  /** A repeating string as its table index (null stays null). */
  #name(value: string | null): number | null {
    if (value === null) return null;
    let i = this.#index.get(value);
    if (i === undefined) {
      i = this.#index.size;
      this.#index.set(value, i);
      this.#fresh.push(value);
    }
    return i;
  }

  #names(values: readonly string[]): void {
    this.#out.push(values.length);
    for (const v of values) this.#out.push(this.#name(v));
  }
}

/** Rebuilds the batches `BatchPacker` packed, in the same order. */
export class BatchUnpacker {
  readonly #table: string[] = [];

  unpack(packed: PackedBatch): RecordBatch {
    // The casts only restore the types BatchPacker wrote in this order.
    const p = packed as any[];
    const table = this.#table;
    for (let k = p.length - p[0]; k < p.length; k++) table.push(p[k]);
    let i = 1;
    const name = (): any => {
      const index = p[i++];
      return index === null ? null : table[index];
    };
    const names = (): string[] => {
      const n: number = p[i++];
      const values = new Array<string>(n);
      for (let k = 0; k < n; k++) values[k] = table[p[i++]];
      return values;
    };
    const batch: RecordBatch = { guilds: [], channels: [], users: [], roles: [], members: [], messages: [] };
    for (let n = p[i++]; n > 0; n--) batch.guilds.push({ id: name(), name: p[i++], iconUrl: p[i++] });
    for (let n = p[i++]; n > 0; n--) {
      batch.channels.push({
        id: name(), guildId: name(), name: p[i++], kind: p[i++], categoryId: name(), parentId: name(), topic: p[i++], stub: p[i++],
      });
    }
    for (let n = p[i++]; n > 0; n--) {
      batch.users.push({ id: name(), name: p[i++], discriminator: p[i++], displayName: p[i++], avatarUrl: p[i++], isBot: p[i++] });
    }
    for (let n = p[i++]; n > 0; n--) batch.roles.push({ guildId: name(), id: name(), name: p[i++], color: p[i++], position: p[i++] });
    for (let n = p[i++]; n > 0; n--) {
      const guildId = name(), userId = name(), nickname = p[i++], color = p[i++];
      const roleIds = p[i] === null ? (i++, null) : names();
      batch.members.push({ guildId, userId, nickname, color, roleIds });
    }
    for (let n = p[i++]; n > 0; n--) {
      const m: MessageRecord = {
        id: p[i++], guildId: name(), channelId: name(), authorId: name(), kind: name(), sentAt: p[i++], editedAt: p[i++],
        callEndedAt: p[i++], isPinned: p[i++], content: p[i++], referenceKind: name(), referenceMessageId: p[i++],
        referenceChannelId: name(), referenceGuildId: name(), forwardedJson: p[i++], interactionId: p[i++],
        interactionName: name(), interactionUserId: name(), stickersJson: name(), inlineEmojisJson: p[i++],
        reactions: [], mentionIds: [], attachments: [], embedsJson: [],
      };
      for (let r = p[i++]; r > 0; r--) {
        m.reactions.push({
          key: name(), emojiId: name(), emojiName: name(), emojiCode: name(), isAnimated: p[i++], imageUrl: name(), count: p[i++],
          userIds: names(),
        });
      }
      m.mentionIds = names();
      for (let a = p[i++]; a > 0; a--) m.attachments.push({ id: p[i++], url: p[i++], fileName: p[i++], sizeBytes: p[i++] });
      const embeds = p[i++];
      for (let e = 0; e < embeds; e++) m.embedsJson.push(p[i++]);
      batch.messages.push(m);
    }
    return batch;
  }
}
