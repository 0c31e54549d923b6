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
  /** One array refilled for every batch: growing a new one from empty (some 60,000 entries per batch) cost more than the packing. */
  readonly #out: PackedBatch = [];
  #n = 0;

  /** Packs one batch. The array is reused by the next `pack`: post (or copy) it before then. */
  pack(b: RecordBatch): PackedBatch {
    this.#fresh = [];
    this.#n = 0;
    this.#put(0); // how many new table entries follow the body: filled in below
    this.#put(b.guilds.length);
    for (const g of b.guilds) {
      this.#put(this.#name(g.id)); this.#put(g.name); this.#put(g.iconUrl);
    }
    this.#put(b.channels.length);
    for (const c of b.channels) {
      this.#put(this.#name(c.id)); this.#put(this.#name(c.guildId)); this.#put(c.name); this.#put(c.kind);
      this.#put(this.#name(c.categoryId)); this.#put(this.#name(c.parentId)); this.#put(c.topic); this.#put(c.stub);
    }
    this.#put(b.users.length);
    for (const u of b.users) {
      this.#put(this.#name(u.id)); this.#put(u.name); this.#put(u.discriminator); this.#put(u.displayName);
      this.#put(u.avatarUrl); this.#put(u.isBot);
    }
    this.#put(b.roles.length);
    for (const r of b.roles) {
      this.#put(this.#name(r.guildId)); this.#put(this.#name(r.id)); this.#put(r.name); this.#put(r.color); this.#put(r.position);
    }
    this.#put(b.members.length);
    for (const m of b.members) {
      this.#put(this.#name(m.guildId)); this.#put(this.#name(m.userId)); this.#put(m.nickname); this.#put(m.color);
      if (m.roleIds === null) this.#put(null);
      else this.#names(m.roleIds);
    }
    this.#put(b.messages.length);
    for (const m of b.messages) this.#message(m);
    this.#out[0] = this.#fresh.length;
    for (const s of this.#fresh) this.#put(s);
    this.#out.length = this.#n; // drops the last batch's tail; keeps the array dense
    return this.#out;
  }

  #message(m: MessageRecord): void {
    this.#put(m.id); this.#put(this.#name(m.guildId)); this.#put(this.#name(m.channelId)); this.#put(this.#name(m.authorId));
    this.#put(this.#name(m.kind)); this.#put(m.sentAt); this.#put(m.editedAt); this.#put(m.callEndedAt); this.#put(m.isPinned);
    this.#put(m.content); this.#put(this.#name(m.referenceKind)); this.#put(m.referenceMessageId);
    this.#put(this.#name(m.referenceChannelId)); this.#put(this.#name(m.referenceGuildId)); this.#put(m.forwardedJson);
    this.#put(m.interactionId); this.#put(this.#name(m.interactionName)); this.#put(this.#name(m.interactionUserId));
    this.#put(this.#name(m.stickersJson)); this.#put(m.inlineEmojisJson);
    this.#put(m.reactions.length);
    for (const r of m.reactions) {
      this.#put(this.#name(r.key)); this.#put(this.#name(r.emojiId)); this.#put(this.#name(r.emojiName));
      this.#put(this.#name(r.emojiCode)); this.#put(r.isAnimated); this.#put(this.#name(r.imageUrl)); this.#put(r.count);
      this.#names(r.userIds);
    }
    this.#names(m.mentionIds);
    this.#put(m.attachments.length);
    for (const a of m.attachments) {
      this.#put(a.id); this.#put(a.url); this.#put(a.fileName); this.#put(a.sizeBytes);
    }
    this.#put(m.embedsJson.length);
    for (const json of m.embedsJson) this.#put(json);
  }

  /** Writes the next entry: in place where the last batch left room, appended after. */
  #put(value: string | number | boolean | null): void {
    this.#out[this.#n++] = value;
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
    this.#put(values.length);
    for (const v of values) this.#put(this.#name(v));
  }
}

/** Rebuilds the batches `BatchPacker` packed, in the same order. */
export class BatchUnpacker {
  readonly #table: string[] = [];

  unpack(packed: PackedBatch): RecordBatch {
    const table = this.#table;
    for (let k = packed.length - (packed[0] as number); k < packed.length; k++) table.push(packed[k] as string);
    const c = new Cursor(packed, table);
    const batch: RecordBatch = { guilds: [], channels: [], users: [], roles: [], members: [], messages: [] };
    for (let n = c.count(); n > 0; n--) batch.guilds.push({ id: c.name()!, name: c.value(), iconUrl: c.value() });
    for (let n = c.count(); n > 0; n--) {
      batch.channels.push({
        id: c.name()!, guildId: c.name()!, name: c.value(), kind: c.value(), categoryId: c.name(), parentId: c.name(),
        topic: c.value(), stub: c.value(),
      });
    }
    for (let n = c.count(); n > 0; n--) {
      batch.users.push({ id: c.name()!, name: c.value(), discriminator: c.value(), displayName: c.value(), avatarUrl: c.value(), isBot: c.value() });
    }
    for (let n = c.count(); n > 0; n--) {
      batch.roles.push({ guildId: c.name()!, id: c.name()!, name: c.value(), color: c.value(), position: c.value() });
    }
    for (let n = c.count(); n > 0; n--) {
      batch.members.push({ guildId: c.name()!, userId: c.name()!, nickname: c.value(), color: c.value(), roleIds: c.namesOrNull() });
    }
    for (let n = c.count(); n > 0; n--) batch.messages.push(unpackMessage(c));
    return batch;
  }
}

function unpackMessage(c: Cursor): MessageRecord {
  const m: MessageRecord = {
    id: c.value(), guildId: c.name()!, channelId: c.name()!, authorId: c.name()!, kind: c.name()!, sentAt: c.value(),
    editedAt: c.value(), callEndedAt: c.value(), isPinned: c.value(), content: c.value(), referenceKind: c.name(),
    referenceMessageId: c.value(), referenceChannelId: c.name(), referenceGuildId: c.name(), forwardedJson: c.value(),
    interactionId: c.value(), interactionName: c.name(), interactionUserId: c.name(), stickersJson: c.name(),
    inlineEmojisJson: c.value(), reactions: [], mentionIds: [], attachments: [], embedsJson: [],
  };
  for (let n = c.count(); n > 0; n--) {
    m.reactions.push({
      key: c.name()!, emojiId: c.name(), emojiName: c.name()!, emojiCode: c.name(), isAnimated: c.value(), imageUrl: c.name(),
      count: c.value(), userIds: c.names(),
    });
  }
  m.mentionIds = c.names();
  for (let n = c.count(); n > 0; n--) m.attachments.push({ id: c.value(), url: c.value(), fileName: c.value(), sizeBytes: c.value() });
  for (let n = c.count(); n > 0; n--) m.embedsJson.push(c.value());
  return m;
}

/** Reads a packed batch front to back. The casts only restore the types `BatchPacker` wrote in this order. */
class Cursor {
  #i = 1; // after the count of new table entries

  constructor(
    private readonly packed: PackedBatch,
    private readonly table: readonly string[],
  ) {}

  value<T>(): T {
    return this.packed[this.#i++] as T;
  }

  count(): number {
    return this.packed[this.#i++] as number;
  }

  /** A string sent as a table index, or null. */
  name(): string | null {
    const index = this.packed[this.#i++] as number | null;
    return index === null ? null : this.table[index];
  }

  names(): string[] {
    const n = this.count();
    const values = new Array<string>(n);
    for (let k = 0; k < n; k++) values[k] = this.table[this.packed[this.#i++] as number];
    return values;
  }

  namesOrNull(): string[] | null {
    if (this.packed[this.#i] !== null) return this.names();
    this.#i++;
    return null;
  }
}
