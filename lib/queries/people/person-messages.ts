import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import { DAY_MS, HOUR_MS } from '../time-buckets';
import { offsetSegments, type OffsetSegment } from '../time-zone';
import { ownMessages, personGuilds, type PersonGuild } from './person-guilds';

/** A person's messages in one channel, of one sort, in one UTC hour and local hour of the day. */
export interface MessageCell {
  guild: string;
  author: string;
  channel: string;
  /** Conversational (true) or a system notice such as a join (false). */
  talk: boolean;
  utcHour: number;
  localHour: number;
  messages: number;
  /** First and last message of the cell, epoch ms. */
  first: number;
  last: number;
}

/**
 * Everything the dossier needs from a person's own messages, in one pass over the columns of each
 * guild they appear in (`personGuilds`): counts grouped by guild, account, channel,
 * conversational or not, UTC hour and local hour of day, with first and last times. Local hours
 * (meant for conversational messages) use the zone's offsets over the span of the person's
 * messages.
 *
 * @example
 * const cells = await messageCells(db, ['3001'], 'Europe/Berlin');
 * const perHour = cells.filter((c) => c.talk).reduce((h, c) => (h[c.localHour] += c.messages, h), new Array(24).fill(0));
 */
export async function messageCells(db: Kysely<Database>, ids: string[], timeZone: string): Promise<MessageCell[]> {
  return messageCellsOf(await personGuilds(db, ids), timeZone);
}

/** `messageCells` over guilds already read, so the dossier reads them once for cells and partners. */
export function messageCellsOf(personGuilds: PersonGuild[], timeZone: string): MessageCell[] {
  const guilds = personGuilds.map((g) => ({ ...g, own: ownMessages(g) }));
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const { columns, own } of guilds) {
    if (own.length === 0) continue;
    first = Math.min(first, columns.messages.sentAt[own[0]]);
    last = Math.max(last, columns.messages.sentAt[own[own.length - 1]]);
  }
  const segments: OffsetSegment[] = timeZone === 'UTC' || first > last
    ? [{ start: Number.NEGATIVE_INFINITY, offsetMs: 0 }]
    : offsetSegments(timeZone, first - DAY_MS, last + DAY_MS);

  const cells: MessageCell[] = [];
  for (const { columns, mine, own } of guilds) {
    const m = columns.messages;
    const channels = columns.channels.ids.length;
    // A cell per (account, channel, talk, UTC hour, local hour): one small integer as the key.
    const slot = new Int32Array(mine.length);
    for (let u = 0, k = 0; u < mine.length; u++) if (mine[u] === 1) slot[u] = k++;
    const byKey = new Map<number, MessageCell>();
    let segment = 0;
    for (const i of own) {
      const at = m.sentAt[i];
      while (segment + 1 < segments.length && segments[segment + 1].start <= at) segment++; // time order
      const utcHour = Math.floor(at / HOUR_MS) % 24;
      const localHour = Math.floor((at + segments[segment].offsetMs) / HOUR_MS) % 24;
      const key = (((slot[m.author[i]] * channels + m.channel[i]) * 2 + m.conversational[i]) * 24 + utcHour) * 24 + localHour;
      const cell = byKey.get(key);
      if (cell) {
        cell.messages++;
        cell.last = at;
        continue;
      }
      byKey.set(key, {
        guild: columns.guild, author: columns.users.ids[m.author[i]], channel: columns.channels.ids[m.channel[i]], talk: m.conversational[i] === 1,
        utcHour, localHour, messages: 1, first: at, last: at,
      });
    }
    for (const cell of byKey.values()) cells.push(cell);
  }
  return cells;
}
