import type { Kysely } from 'kysely';
import { bucketByKey } from '../../analysis/bucket-by-key';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { FORWARD, REPLY, scopedIndexes, type GuildColumns } from '../columns';
import { idOrder, idRanks } from '../columns/id-ranks';

/** Kinds of interaction, as `InteractionEvents.kind` holds them. */
export const REPLIED = 0;
export const MENTIONED = 1;
export const REACTED = 2;

/**
 * Interactions from one member to another over the period, one entry per interaction, after
 * TogetherCrew's interaction graph:
 * - a reply: the reply's author → the author of the message replied to (any message of the
 *   guild, system notices included, so "wave to say hi" counts);
 * - a mention: the author → the mentioned member, except the mention Discord adds to a reply
 *   to ping the replied-to author (already counted as the reply);
 * - a reaction: the reacting member → the message's author, only where the archive lists who
 *   reacted (`reaction_users`); reactions have no time of their own, so a reaction takes the
 *   time (and channel) of the message reacted to.
 * The acting message (the reply, the mentioning message, the message reacted to) must be in
 * scope: period, channels, not a system notice. Self-interactions are not interactions, and
 * excluded accounts (see `excludedUserMask`) are left out at either end. Users are the columns'
 * user numbers; entries are in the acting messages' time order.
 */
export interface InteractionEvents {
  count: number;
  source: Int32Array;
  target: Int32Array;
  /** `REPLIED`, `MENTIONED` or `REACTED`. */
  kind: Uint8Array;
  /** Position of the acting message in the columns (the reply, the mentioning message, the message reacted to). */
  message: Int32Array;
  /**
   * Listed reactors per author (by user number) of the messages in scope, self-reactions and
   * excluded accounts included: compared with the reactions' own counts it tells how many
   * reactions the archive does not attribute (see `unlistedReactions`).
   */
  listedReactions: Int32Array;
}

export interface InteractionOptions {
  /** 1 per user number to leave out at either end (see `excludedUserMask`). */
  excluded: Uint8Array;
}

/**
 * The messages whose interactions count: in the period and channels, no system notices, bots and
 * staff kept (`excluded` drops them at either end of each interaction instead). The queries
 * take it through `periodInteractions`, which works it out once per parameters.
 *
 * @example
 * const scoped = await interactionScope(db, columns, params);
 */
export function interactionScope(db: Kysely<Database>, columns: GuildColumns, params: AuditParams): Promise<Int32Array> {
  return scopedIndexes(db, columns, { ...params, includeBots: true, includeStaff: true });
}

/**
 * The period's interactions, one by one (see `InteractionEvents`): a single pass over the
 * messages in scope (`interactionScope`) and their mentions and listed reactors.
 *
 * @example
 * const events = interactionEvents(columns, await interactionScope(db, columns, params), { excluded });
 */
export function interactionEvents(columns: GuildColumns, scoped: Int32Array, options: InteractionOptions): InteractionEvents {
  const m = columns.messages;
  const { mentions, reactors } = columns;
  const out = options.excluded;
  // Module constants as locals: compiled CommonJS reads imported ones through a getter each time.
  const reply = REPLY;
  const forward = FORWARD;
  const [replied, mentioned, reacted] = [REPLIED, MENTIONED, REACTED];
  let capacity = 0;
  for (const i of scoped) {
    if (m.referenceKind[i] === reply) capacity++;
    capacity += mentions.start[i + 1] - mentions.start[i];
    capacity += reactors.start[i + 1] - reactors.start[i];
  }
  const source = new Int32Array(capacity);
  const target = new Int32Array(capacity);
  const kind = new Uint8Array(capacity);
  const message = new Int32Array(capacity);
  const listed = new Int32Array(columns.users.ids.length);
  let n = 0;
  for (let x = 0; x < scoped.length; x++) {
    const i = scoped[x];
    const a = m.author[i];
    const ref = m.referenced[i];
    const refAuthor = ref >= 0 ? m.author[ref] : -1;
    const authorOut = out[a] === 1;
    if (m.referenceKind[i] === reply && ref >= 0 && refAuthor !== a && !authorOut && out[refAuthor] === 0) {
      source[n] = a; target[n] = refAuthor; kind[n] = replied; message[n++] = i;
    }
    // The ping Discord adds to a reply names the replied-to author: already counted as the reply.
    const ping = m.referenceKind[i] === forward ? -1 : refAuthor;
    for (let k = mentions.start[i]; k < mentions.start[i + 1]; k++) {
      const u = mentions.values[k];
      if (u === a || u === ping || authorOut || out[u] === 1) continue;
      source[n] = a; target[n] = u; kind[n] = mentioned; message[n++] = i;
    }
    const end = reactors.start[i + 1];
    listed[a] += end - reactors.start[i];
    for (let k = reactors.start[i]; k < end; k++) {
      const u = reactors.values[k];
      if (u === a || authorOut || out[u] === 1) continue;
      source[n] = u; target[n] = a; kind[n] = reacted; message[n++] = i;
    }
  }
  return {
    count: n, source: source.subarray(0, n), target: target.subarray(0, n), kind: kind.subarray(0, n),
    message: message.subarray(0, n), listedReactions: listed,
  };
}

/** Interaction counts per (source, target) pair: one entry per pair with at least one interaction. */
export interface InteractionCounts {
  count: number;
  /** User numbers, sorted by source ID then target ID (JS string order), so float sums built on them come out the same on every engine. */
  source: Int32Array;
  target: Int32Array;
  replies: Int32Array;
  mentions: Int32Array;
  reactions: Int32Array;
  /** See `InteractionEvents.listedReactions`. */
  listedReactions: Int32Array;
}

/**
 * Interaction counts per (source, target) over the period: the events bucketed by source (a
 * counting sort), then each source's targets counted in a scratch array indexed by user number
 * and put in ID order (no key per interaction, no map).
 *
 * @example
 * const counts = countInteractions(columns, interactionEvents(columns, scoped, { excluded }));
 */
export function countInteractions(columns: GuildColumns, events: InteractionEvents): InteractionCounts {
  const users = columns.users.ids.length;
  const rank = idRanks(columns.users.ids);
  const { count: n, source: S, target: T, kind: K } = events;
  const { start, order } = bucketByKey(S, users, n);
  // Each source's interactions as target * 4 + kind, side by side.
  const packed = new Int32Array(n);
  for (let k = 0; k < n; k++) packed[k] = T[order[k]] * 4 + K[order[k]];

  const atRank = idOrder(columns.users.ids);
  const slot = new Int32Array(users).fill(-1);
  const local = new Int32Array(3 * users);
  const targetRanks = new Int32Array(users);
  const source = new Int32Array(n);
  const target = new Int32Array(n);
  const kinds = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  let p = 0;
  for (let r = 0; r < users; r++) {
    const s = atRank[r];
    let m = 0;
    for (let k = start[s]; k < start[s + 1]; k++) {
      const t = packed[k] >> 2;
      if (slot[t] < 0) {
        slot[t] = m;
        targetRanks[m++] = rank[t];
      }
      local[3 * slot[t] + (packed[k] & 3)]++;
    }
    const ranks = targetRanks.subarray(0, m).sort();
    for (let j = 0; j < m; j++) {
      const t = atRank[ranks[j]];
      const at = 3 * slot[t];
      source[p] = s;
      target[p] = t;
      for (let kind = 0; kind < 3; kind++) {
        kinds[kind][p] = local[at + kind];
        local[at + kind] = 0;
      }
      slot[t] = -1;
      p++;
    }
  }
  return {
    count: p, source: source.slice(0, p), target: target.slice(0, p),
    replies: kinds[REPLIED].slice(0, p), mentions: kinds[MENTIONED].slice(0, p), reactions: kinds[REACTED].slice(0, p),
    listedReactions: events.listedReactions,
  };
}
