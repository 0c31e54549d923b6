import type { Kysely } from 'kysely';
import { byId } from '../../analysis/id-order';
import type { Database } from '../../database/schema';
import { resolveAuditParams, type AuditParamsInput } from '../audit-params';
import { memberNames, nameOf } from '../network/member-names';
import { membersWithMessages } from '../network/members-seen';
import { periodInteractions } from '../network/period-interactions';
import { numberParam } from '../param-values';
import type { QueryDefinition } from '../query-definition';

/** A member's Orbit level and the love it comes from. */
export interface OrbitLevelRow {
  user: string;
  name: string;
  love: number;
  /** 1 (top 10% by love), 2 (next 25%), 3 (the other 65%), 4 (seen, no love at all). */
  level: 1 | 2 | 3 | 4;
  messages: number;
  repliesReceived: number;
  mentionsReceived: number;
  reactionsReceived: number;
}

export interface OrbitLevelsInput extends AuditParamsInput {
  /** Love per counted message, reply received, mention received, listed reaction received (default 1 each). */
  messageWeight?: number | string;
  replyWeight?: number | string;
  mentionWeight?: number | string;
  reactionWeight?: number | string;
}

/**
 * Orbit levels by love percentile, after the Orbit model: love is what a member put in and what
 * the community gave back in the period — messageWeight × counted messages + replyWeight ×
 * replies received + mentionWeight × mentions received + reactionWeight × listed reactions
 * received (default 1 each; interactions as in network-edges, so self-replies and reactions to
 * one's own messages earn nothing, and reactions whose reactors the archive does not list
 * cannot be credited). Among members with love > 0, a member whose love fewer than 10% of them
 * exceed is level 1, fewer than 35% level 2, the rest level 3 — so tied members share a level;
 * members seen (authors of any message in scope, command invokers, interaction ends) with no love
 * are level 4. A reaction given is credited to the author who received it, not to the reactor.
 * Highest love first, then by user ID.
 *
 * @example
 * const rows = await orbitLevels(db, { guild: '755126265953910784', reactionWeight: 0.5 });
 */
export async function orbitLevels(db: Kysely<Database>, input: OrbitLevelsInput): Promise<OrbitLevelRow[]> {
  const weight = (value: number | string | undefined, name: string) => numberParam(value, name, { default: 1, min: 0 });
  const w = {
    message: weight(input.messageWeight, 'messageWeight'), reply: weight(input.replyWeight, 'replyWeight'),
    mention: weight(input.mentionWeight, 'mentionWeight'), reaction: weight(input.reactionWeight, 'reactionWeight'),
  };
  const params = await resolveAuditParams(db, input);
  const { columns, excluded, events } = await periodInteractions(db, params);
  const [{ seen, messages }, names] = await Promise.all([membersWithMessages(db, columns, params, excluded), memberNames(db, columns)]);

  // Received per kind, by user number: [replies, mentions, reactions] at 3u..3u+2.
  const received = new Int32Array(3 * seen.length);
  const members = seen.slice();
  for (let e = 0; e < events.count; e++) {
    members[events.source[e]] = members[events.target[e]] = 1;
    received[3 * events.target[e] + events.kind[e]]++;
  }
  const rows: OrbitLevelRow[] = [];
  for (let u = 0; u < members.length; u++) {
    if (members[u] === 0) continue;
    const user = columns.users.ids[u];
    const [replies, mentions, reactions] = received.subarray(3 * u, 3 * u + 3);
    const n = messages[u];
    rows.push({
      user, name: nameOf(names, user), love: w.message * n + w.reply * replies + w.mention * mentions + w.reaction * reactions,
      level: 4, messages: n, repliesReceived: replies, mentionsReceived: mentions, reactionsReceived: reactions,
    });
  }
  rows.sort((a, b) => b.love - a.love || byId(a.user, b.user));
  const loved = rows.filter((r) => r.love > 0);
  let above = 0; // members with strictly more love than the current one
  loved.forEach((r, i) => {
    if (i > 0 && r.love < loved[i - 1].love) above = i;
    // Integer comparisons: above / N < 10% ⇔ 10·above < N, < 35% ⇔ 20·above < 7·N.
    r.level = 10 * above < loved.length ? 1 : 20 * above < 7 * loved.length ? 2 : 3;
  });
  return rows;
}

/** How many members each Orbit level holds. */
export interface OrbitLevelCountRow {
  level: 1 | 2 | 3 | 4;
  members: number;
  /** Share of all members seen. */
  share: number;
  /** Love range of the level; null when it is empty. */
  minLove: number | null;
  maxLove: number | null;
}

/**
 * Members per Orbit level (see `orbitLevels`, same parameters), levels 1 to 4.
 *
 * @example
 * const counts = await orbitLevelCounts(db, { guild: '755126265953910784' });
 */
export async function orbitLevelCounts(db: Kysely<Database>, input: OrbitLevelsInput): Promise<OrbitLevelCountRow[]> {
  const rows = await orbitLevels(db, input);
  return ([1, 2, 3, 4] as const).map((level) => {
    const at = rows.filter((r) => r.level === level).map((r) => r.love);
    return {
      level, members: at.length, share: rows.length > 0 ? at.length / rows.length : 0,
      minLove: at.length > 0 ? at[at.length - 1] : null, maxLove: at.length > 0 ? at[0] : null,
    };
  });
}

const ORBIT_PARAMS: QueryDefinition['params'] = [
  { name: 'messageWeight', type: 'number', default: 1, description: 'love per counted message' },
  { name: 'replyWeight', type: 'number', default: 1, description: 'love per reply received' },
  { name: 'mentionWeight', type: 'number', default: 1, description: 'love per mention received' },
  { name: 'reactionWeight', type: 'number', default: 1, description: 'love per listed reaction received' },
];

export const orbitLevelsQuery: QueryDefinition = {
  name: 'orbit-levels',
  summary: 'Per member: love (messages + replies, mentions, reactions received) and Orbit level 1-4 by love percentile',
  follows: 'Orbit model: level 1 top 10% by love, 2 next 25%, 3 next 65%, 4 members with no love',
  scope: 'guild',
  params: ORBIT_PARAMS,
  run: orbitLevels,
};

export const orbitLevelCountsQuery: QueryDefinition = {
  name: 'orbit-level-counts',
  summary: 'Members per Orbit level (1-4), their share and love range',
  follows: 'Orbit model (see orbit-levels)',
  scope: 'guild',
  params: ORBIT_PARAMS,
  run: orbitLevelCounts,
};
