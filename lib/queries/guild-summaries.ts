import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';

/** A guild and how much of it the database holds. */
export interface GuildSummary {
  id: string;
  name: string;
  /** Channels, threads and forum posts (categories are not counted). */
  channels: number;
  /** Every stored message, system notices included. */
  messages: number;
  /** Time of the first and last message (epoch ms), null when there are none. */
  first: number | null;
  last: number | null;
}

/**
 * The guilds in the database with their channel and message counts and time span, by name.
 *
 * @example
 * const guilds = await guildSummaries(engine.db);
 */
export async function guildSummaries(db: Kysely<Database>): Promise<GuildSummary[]> {
  const [guilds, channels, messages] = await Promise.all([
    db.selectFrom('guilds').select(['id', 'name']).orderBy('name').orderBy('id').execute(),
    db
      .selectFrom('channels')
      .select(['guild_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where((eb) => eb.or([eb('kind', 'is', null), eb('kind', '!=', 'GuildCategory')]))
      .groupBy('guild_id')
      .execute(),
    db
      .selectFrom('messages')
      .select([
        'guild_id',
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.min('sent_at').as('first'),
        (eb) => eb.fn.max('sent_at').as('last'),
      ])
      .groupBy('guild_id')
      .execute(),
  ]);
  const channelCounts = new Map(channels.map((c) => [c.guild_id, Number(c.n)]));
  const messageStats = new Map(messages.map((m) => [m.guild_id, m]));
  return guilds.map((g) => {
    const m = messageStats.get(g.id);
    return {
      id: g.id,
      name: g.name,
      channels: channelCounts.get(g.id) ?? 0,
      messages: m ? Number(m.n) : 0,
      first: m?.first == null ? null : Number(m.first),
      last: m?.last == null ? null : Number(m.last),
    };
  });
}
