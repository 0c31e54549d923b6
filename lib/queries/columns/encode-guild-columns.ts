import type { GuildColumns } from './guild-columns';

/** Version of the binary form; a stored copy in another format is rebuilt, never misread. */
export const COLUMNS_FORMAT = 2;

type Typed = Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array;
const TYPES = { Float64Array, Uint32Array, Int32Array, Uint16Array, Uint8Array } as const;
type TypeName = keyof typeof TYPES;

/** Every array of the columns, by a stable name. */
function arraysOf(c: GuildColumns): Record<string, Typed> {
  const m = c.messages;
  return {
    idHigh: m.id.high, idLow: m.id.low, sentAt: m.sentAt, author: m.author, channel: m.channel, kind: m.kind,
    conversational: m.conversational, referenceKind: m.referenceKind, referenced: m.referenced, interactionUser: m.interactionUser,
    mentionStart: c.mentions.start, mentionValues: c.mentions.values, reactorStart: c.reactors.start, reactorValues: c.reactors.values,
    reactionCounts: c.reactionCounts, isBot: c.users.isBot, reactorEmoji: c.reactorEmojis.emoji,
  };
}

interface Header {
  guild: string;
  dataVersion: string;
  count: number;
  users: string[];
  channels: string[];
  kinds: string[];
  emojiKeys: string[];
  emojiNames: string[];
  arrays: Array<{ name: string; type: TypeName; offset: number; length: number }>;
}

/**
 * The columns as one buffer: a length-prefixed JSON header (IDs, names, where each array is),
 * then each typed array's bytes, 8-byte aligned so decoding makes views instead of copies.
 *
 * @example
 * const bytes = encodeGuildColumns(columns); decodeGuildColumns(bytes) // equal columns
 */
export function encodeGuildColumns(c: GuildColumns): Buffer {
  const arrays = Object.entries(arraysOf(c));
  const header: Header = {
    guild: c.guild, dataVersion: c.dataVersion, count: c.messages.count,
    users: c.users.ids, channels: c.channels.ids, kinds: c.messages.kinds,
    emojiKeys: c.reactorEmojis.keys, emojiNames: c.reactorEmojis.names, arrays: [],
  };
  let offset = 0;
  for (const [name, a] of arrays) {
    header.arrays.push({ name, type: a.constructor.name as TypeName, offset, length: a.length });
    offset = align(offset + a.byteLength);
  }
  const json = Buffer.from(JSON.stringify(header));
  const start = align(4 + json.length);
  const out = Buffer.alloc(start + offset);
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  for (const [i, [, a]] of arrays.entries()) out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), start + header.arrays[i].offset);
  return out;
}

/** The columns back from `encodeGuildColumns`'s buffer. */
export function decodeGuildColumns(bytes: Uint8Array): GuildColumns {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.readUInt32LE(0);
  const header = JSON.parse(view.subarray(4, 4 + length).toString('utf8')) as Header;
  // Every array is a view into the arrays' bytes: in place when they are 8-byte aligned in
  // memory, else in one aligned copy.
  let body = view.subarray(align(4 + length));
  if (body.byteOffset % 8 !== 0) body = Buffer.from(new Uint8Array(body).buffer);
  const a: Record<string, Typed> = {};
  for (const s of header.arrays) a[s.name] = new TYPES[s.type](body.buffer as ArrayBuffer, body.byteOffset + s.offset, s.length);
  return {
    guild: header.guild,
    dataVersion: header.dataVersion,
    users: { ids: header.users, index: indexOf(header.users), isBot: a.isBot as Uint8Array },
    channels: { ids: header.channels, index: indexOf(header.channels) },
    messages: {
      count: header.count,
      id: { high: a.idHigh as Float64Array, low: a.idLow as Uint32Array },
      sentAt: a.sentAt as Float64Array,
      author: a.author as Int32Array,
      channel: a.channel as Int32Array,
      kind: a.kind as Uint16Array,
      kinds: header.kinds,
      conversational: a.conversational as Uint8Array,
      referenceKind: a.referenceKind as Uint8Array,
      referenced: a.referenced as Int32Array,
      interactionUser: a.interactionUser as Int32Array,
    },
    mentions: { start: a.mentionStart as Uint32Array, values: a.mentionValues as Int32Array },
    reactors: { start: a.reactorStart as Uint32Array, values: a.reactorValues as Int32Array },
    reactorEmojis: { emoji: a.reactorEmoji as Int32Array, keys: header.emojiKeys, names: header.emojiNames },
    reactionCounts: a.reactionCounts as Uint32Array,
  };
}

const align = (n: number) => Math.ceil(n / 8) * 8;

function indexOf(ids: string[]): Map<string, number> {
  return new Map(ids.map((id, i) => [id, i]));
}
