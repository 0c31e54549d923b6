import type { Kysely } from 'kysely';
import { eachArrayRow } from '../../database/array-rows';
import type { Database } from '../../database/schema';
import type { GuildColumns } from './guild-columns';
import { compareSnowflakes, splitSnowflake, type SnowflakeHalves } from './snowflake-halves';

/** The emoji of each listed reaction: an extra column beside `GuildColumns.reactors`. */
export interface ReactorEmojis {
  /** Emoji number of each entry of `columns.reactors.values` (same positions); -1 if unknown. */
  emoji: Int32Array;
  /** `reactions.emoji_key` by emoji number: a custom emoji's ID, or the Unicode emoji itself. */
  keys: string[];
  /** The emoji's name by emoji number (the key itself when the reactions table has no row for it). */
  names: string[];
}

const loaded = new WeakMap<GuildColumns, Promise<ReactorEmojis>>();

/**
 * Which emoji each listed reactor of the columns reacted with, read once per columns (so once per
 * data version) for the queries that weigh reactions by emoji. Entries of one message for the
 * same user are interchangeable, so each row fills the first free entry of its (message, user).
 *
 * @example
 * const { emoji, keys } = await reactorEmojis(db, columns);
 * keys[emoji[k]] // the emoji of columns.reactors.values[k]
 */
export function reactorEmojis(db: Kysely<Database>, columns: GuildColumns): Promise<ReactorEmojis> {
  let emojis = loaded.get(columns);
  if (!emojis) {
    emojis = load(db, columns);
    emojis.catch(() => loaded.delete(columns));
    loaded.set(columns, emojis);
  }
  return emojis;
}

async function load(db: Kysely<Database>, columns: GuildColumns): Promise<ReactorEmojis> {
  const { start, values } = columns.reactors;
  const emoji = new Int32Array(values.length).fill(-1);
  const keys: string[] = [];
  const number = new Map<string, number>();
  const position = messagePosition(columns);
  // With one guild in the database its reactions are the whole table: a plain scan reads them
  // in well under half the time of the join (rows of other guilds would find no position).
  const guilds = await db.selectFrom('guilds').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = Number(guilds.n) <= 1
    ? db.selectFrom('reaction_users as x').select(['x.message_id', 'x.user_id', 'x.emoji_key'])
    : db
      .selectFrom('messages as m')
      .innerJoin('reaction_users as x', 'x.message_id', 'm.id')
      .select(['x.message_id', 'x.user_id', 'x.emoji_key'])
      .where('m.guild_id', '=', columns.guild);
  // Rows come message by message: look each message up once.
  let lastMessage = '';
  let i = -1;
  await eachArrayRow(db, rows.compile(), ([message, user, key]) => {
    if (message !== lastMessage) {
      lastMessage = message as string;
      i = position(lastMessage);
    }
    const u = columns.users.index.get(user as string);
    if (i < 0 || u === undefined) return;
    let e = number.get(key as string);
    if (e === undefined) {
      number.set(key as string, (e = keys.length));
      keys.push(key as string);
    }
    for (let k = start[i]; k < start[i + 1]; k++) {
      if (values[k] === u && emoji[k] === -1) {
        emoji[k] = e;
        break;
      }
    }
  });
  const named = await (Number(guilds.n) <= 1
    ? db.selectFrom('reactions as x')
    : db.selectFrom('reactions as x').innerJoin('messages as m', 'm.id', 'x.message_id').where('m.guild_id', '=', columns.guild))
    .select((eb) => ['x.emoji_key', eb.fn.max('x.emoji_name').as('name')])
    .groupBy('x.emoji_key')
    .execute();
  const nameOf = new Map(named.map((r) => [r.emoji_key, String(r.name)]));
  return { emoji, keys, names: keys.map((k) => nameOf.get(k) ?? k) };
}

const probe: SnowflakeHalves = { high: new Float64Array(1), low: new Uint32Array(1) };

/** Position of a message ID in the columns (-1 when absent): binary search when IDs are in time order, else a map. */
function messagePosition(columns: GuildColumns): (id: string) => number {
  const { id, count } = columns.messages;
  let ordered = true;
  for (let i = 1; i < count && ordered; i++) ordered = compareSnowflakes(id, i - 1, i) < 0;
  if (!ordered) {
    const map = new Map<number, Map<number, number>>();
    for (let i = 0; i < count; i++) {
      const lows = map.get(id.high[i]) ?? map.set(id.high[i], new Map()).get(id.high[i])!;
      lows.set(id.low[i], i);
    }
    return (message) => {
      splitSnowflake(message, probe, 0);
      return map.get(probe.high[0])?.get(probe.low[0]) ?? -1;
    };
  }
  return (message) => {
    splitSnowflake(message, probe, 0);
    const high = probe.high[0];
    const low = probe.low[0];
    let lo = 0;
    let hi = count - 1;
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
