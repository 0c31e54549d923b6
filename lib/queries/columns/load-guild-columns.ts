import type { Kysely } from 'kysely';
import { CONVERSATIONAL_KINDS } from '../../archives/message-kinds';
import { eachArrayRow } from '../../database/array-rows';
import type { Database } from '../../database/schema';
import { FORWARD, REPLY, type Adjacency, type GuildColumns, type MessageColumns } from './guild-columns';
import { compareSnowflakes, splitSnowflake, type SnowflakeHalves } from './snowflake-halves';

/**
 * Reads one guild's messages, mentions and reactions into columns (see `GuildColumns`). Plain
 * Kysely selects read row by row as arrays (the engines' fast path), so both engines give the
 * same columns; messages sent in the same millisecond are put in ID order here, not by SQL.
 *
 * @example
 * const columns = await loadGuildColumns(db, '755126265953910784', await dataVersion(db));
 */
export async function loadGuildColumns(db: Kysely<Database>, guild: string, dataVersion: string): Promise<GuildColumns> {
  const counted = await db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('guild_id', '=', guild).executeTakeFirstOrThrow();
  const capacity = Number(counted.n);
  const users = interner();
  const channels = interner();
  const kinds = interner();
  const messages = emptyMessages(capacity, kinds.ids);
  const reference: SnowflakeHalves = { high: new Float64Array(capacity).fill(-1), low: new Uint32Array(capacity) };
  let n = 0;
  const select = db
    .selectFrom('messages')
    .select(['id', 'sent_at', 'channel_id', 'author_id', 'kind', 'reference_kind', 'reference_message_id', 'interaction_user_id'])
    .where('guild_id', '=', guild)
    .orderBy('sent_at');
  await eachArrayRow(db, select.compile(), (row) => {
    // An import between the count and the read may add rows: those wait for the next version.
    if (n === capacity) return;
    const [id, sentAt, channel, author, kind, referenceKind, referenced, interactionUser] = row as MessageRow;
    splitSnowflake(id, messages.id, n);
    messages.sentAt[n] = Number(sentAt);
    messages.author[n] = users.number(author);
    messages.channel[n] = channels.number(channel);
    messages.kind[n] = kinds.number(kind);
    messages.conversational[n] = CONVERSATIONAL_KINDS.has(kind) ? 1 : 0;
    if (interactionUser !== null) messages.interactionUser[n] = users.number(interactionUser);
    if (referenced !== null) {
      messages.referenceKind[n] = referenceKind === 'Forward' ? FORWARD : REPLY;
      splitSnowflake(referenced, reference, n);
    }
    n++;
  });
  if (kinds.ids.length > 0xffff) throw new RangeError(`guild ${guild} has too many message kinds (${kinds.ids.length})`);
  const order = tiesInIdOrder(messages.sentAt, messages.id, n);
  const columns = order ? permute(messages, order, n) : truncate(messages, n);
  const references = order ? permuteHalves(reference, order, n) : reference;
  const position = messagePositions(columns.id, n);
  for (let i = 0; i < n; i++) if (references.high[i] >= 0) columns.referenced[i] = position(references.high[i], references.low[i]);

  const byId = (id: string) => {
    splitSnowflake(id, probe, 0);
    return position(probe.high[0], probe.low[0]);
  };
  const mentions = await adjacency(db, n, db.selectFrom('messages as m').innerJoin('mentions as x', 'x.message_id', 'm.id'), guild, byId, users.number);
  const emojis = interner();
  const reactors = await adjacency(db, n, db.selectFrom('messages as m').innerJoin('reaction_users as x', 'x.message_id', 'm.id'), guild, byId, users.number, emojis.number);
  const emojiNames = new Map<string, string>();
  const reactionCounts = new Uint32Array(n);
  const reactions = db.selectFrom('messages as m').innerJoin('reactions as x', 'x.message_id', 'm.id').select(['x.message_id', 'x.count', 'x.emoji_key', 'x.emoji_name']).where('m.guild_id', '=', guild);
  await eachArrayRow(db, reactions.compile(), ([message, count, key, name]) => {
    const at = byId(message as string);
    if (at >= 0) reactionCounts[at] += Number(count);
    const known = emojiNames.get(key as string);
    if (known === undefined || (name as string) > known) emojiNames.set(key as string, name as string);
  });

  const isBot = new Uint8Array(users.ids.length);
  for (const b of await db.selectFrom('users').select('id').where('is_bot', '=', 1).execute()) {
    const u = users.index.get(b.id);
    if (u !== undefined) isBot[u] = 1;
  }
  return {
    guild,
    dataVersion,
    users: { ids: users.ids, index: users.index, isBot },
    channels: { ids: channels.ids, index: channels.index },
    messages: columns,
    mentions,
    reactors: { start: reactors.start, values: reactors.values },
    reactorEmojis: { emoji: reactors.tags!, keys: emojis.ids, names: emojis.ids.map((k) => emojiNames.get(k) ?? k) },
    reactionCounts,
  };
}

type MessageRow = [
  id: string, sentAt: number, channel: string, author: string, kind: string,
  referenceKind: string | null, referenced: string | null, interactionUser: string | null,
];

const probe: SnowflakeHalves = { high: new Float64Array(1), low: new Uint32Array(1) };

function emptyMessages(n: number, kinds: string[]): MessageColumns {
  return {
    count: n,
    id: { high: new Float64Array(n), low: new Uint32Array(n) },
    sentAt: new Float64Array(n),
    author: new Int32Array(n),
    channel: new Int32Array(n),
    kind: new Uint16Array(n),
    kinds,
    conversational: new Uint8Array(n),
    referenceKind: new Uint8Array(n),
    referenced: new Int32Array(n).fill(-1),
    interactionUser: new Int32Array(n).fill(-1),
  };
}

/**
 * Rows arrive in time order; messages sent in the same millisecond must be in ID order. Returns
 * the positions in (time, ID) order, or null when they already are.
 */
function tiesInIdOrder(sentAt: Float64Array, id: SnowflakeHalves, n: number): Uint32Array | null {
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = sentAt[i - 1] < sentAt[i] || (sentAt[i - 1] === sentAt[i] && compareSnowflakes(id, i - 1, i) < 0);
  if (sorted) return null;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => sentAt[a] - sentAt[b] || compareSnowflakes(id, a, b));
}

function permute(m: MessageColumns, order: Uint32Array, n: number): MessageColumns {
  const pick = <T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(n);
    for (let i = 0; i < n; i++) out[i] = a[order[i]];
    return out;
  };
  return {
    count: n,
    id: permuteHalves(m.id, order, n),
    sentAt: pick(m.sentAt),
    author: pick(m.author),
    channel: pick(m.channel),
    kind: pick(m.kind),
    kinds: m.kinds,
    conversational: pick(m.conversational),
    referenceKind: pick(m.referenceKind),
    referenced: new Int32Array(n).fill(-1),
    interactionUser: pick(m.interactionUser),
  };
}

function permuteHalves(h: SnowflakeHalves, order: Uint32Array, n: number): SnowflakeHalves {
  const out = { high: new Float64Array(n), low: new Uint32Array(n) };
  for (let i = 0; i < n; i++) {
    out.high[i] = h.high[order[i]];
    out.low[i] = h.low[order[i]];
  }
  return out;
}

function truncate(m: MessageColumns, n: number): MessageColumns {
  if (n === m.count) return m;
  return {
    count: n,
    id: { high: m.id.high.subarray(0, n), low: m.id.low.subarray(0, n) },
    sentAt: m.sentAt.subarray(0, n),
    author: m.author.subarray(0, n),
    channel: m.channel.subarray(0, n),
    kind: m.kind.subarray(0, n),
    kinds: m.kinds,
    conversational: m.conversational.subarray(0, n),
    referenceKind: m.referenceKind.subarray(0, n),
    referenced: m.referenced.subarray(0, n),
    interactionUser: m.interactionUser.subarray(0, n),
  };
}

/**
 * Finds a message's position from its ID halves (-1 when it is not in the guild). Snowflakes grow
 * with time, so the time-ordered IDs are usually in ID order too and a binary search does;
 * otherwise a map.
 */
function messagePositions(id: SnowflakeHalves, n: number): (high: number, low: number) => number {
  let ordered = true;
  for (let i = 1; i < n && ordered; i++) ordered = compareSnowflakes(id, i - 1, i) < 0;
  if (!ordered) {
    const map = new Map<number, Map<number, number>>();
    for (let i = 0; i < n; i++) {
      const lows = map.get(id.high[i]) ?? map.set(id.high[i], new Map()).get(id.high[i])!;
      lows.set(id.low[i], i);
    }
    return (high, low) => map.get(high)?.get(low) ?? -1;
  }
  return (high, low) => {
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = id.high[mid] - high || id.low[mid] - low;
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
}

/** Numbers distinct strings densely in order of first sight. */
function interner() {
  const ids: string[] = [];
  const index = new Map<string, number>();
  return {
    ids,
    index,
    number(id: string): number {
      let i = index.get(id);
      if (i === undefined) {
        i = ids.length;
        index.set(id, i);
        ids.push(id);
      }
      return i;
    },
  };
}

/**
 * Reads (message, user) rows of a join into per-message lists; with `tag`, also `x.emoji_key`
 * of each row, numbered by `tag`, in `tags` (same positions as `values`).
 */
async function adjacency(
  db: Kysely<Database>,
  messages: number,
  joined: any,
  guild: string,
  position: (id: string) => number,
  user: (id: string) => number,
  tag?: (key: string) => number,
): Promise<Adjacency & { tags?: Int32Array }> {
  const at: number[] = [];
  const who: number[] = [];
  const what: number[] = [];
  const start = new Uint32Array(messages + 1);
  const query = joined.select(tag ? ['x.message_id', 'x.user_id', 'x.emoji_key'] : ['x.message_id', 'x.user_id']).where('m.guild_id', '=', guild).compile();
  await eachArrayRow(db, query, ([message, userId, key]) => {
    const i = position(message as string);
    if (i < 0) return;
    at.push(i);
    who.push(user(userId as string));
    if (tag) what.push(tag(key as string));
    start[i + 1]++;
  });
  for (let i = 0; i < messages; i++) start[i + 1] += start[i];
  const fill = start.slice(0, messages);
  const values = new Int32Array(at.length);
  const tags = tag ? new Int32Array(at.length) : undefined;
  for (let k = 0; k < at.length; k++) {
    const to = fill[at[k]]++;
    values[to] = who[k];
    if (tags) tags[to] = what[k];
  }
  return { start, values, tags };
}
