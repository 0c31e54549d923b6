import type { Kysely } from 'kysely';
import { lowerBound } from '../../analysis/lower-bound';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { PARAMETER_SETS_KEPT, perColumnsAndKey } from './columns-memo';
import type { GuildColumns } from './guild-columns';

/** Which messages a scope keeps besides the period and channels. */
export interface ScopeOptions {
  /** Keep system notices too (default false). */
  system?: boolean;
}

/** Scopes kept per columns: the queries of one parameter set ask for about four (with or without system notices, bots and staff; widened periods). */
const kept = perColumnsAndKey<Int32Array>(4 * PARAMETER_SETS_KEPT);

/**
 * The positions of the messages a metric counts, in time order: **the** definition of which
 * messages count — in the period and channels, not system notices (joins, pins, thread
 * created...) unless asked, and, unless included, not from bots or staff. Worked out once per
 * columns and scope (see `scopeKey`) and shared by the queries that ask: read-only.
 *
 * @example
 * const columns = await guildColumns(db, params.guild);
 * for (const i of await scopedIndexes(db, columns, params)) perAuthor[columns.messages.author[i]]++;
 */
export async function scopedIndexes(db: Kysely<Database>, columns: GuildColumns, params: AuditParams, options: ScopeOptions = {}): Promise<Int32Array> {
  const userOut = await excludedUserMask(db, columns, params);
  return kept(columns, `${scopeKey(params, userOut)}|${options.system === true}`, () => scope(columns, params, userOut, options));
}

/**
 * What a scope of `params` depends on besides the columns, as a string: the period, the channels
 * and the accounts left out (as user numbers, so staff are matched by who holds the roles). The
 * key of anything derived from the scope.
 *
 * @example
 * scopeKey({ from: null, to: null, channels: null }, Uint8Array.of(0, 1)) // '[null,null,null]1'
 */
export function scopeKey(params: Pick<AuditParams, 'from' | 'to' | 'channels'>, excluded: Uint8Array): string {
  const out: number[] = [];
  for (let u = 0; u < excluded.length; u++) if (excluded[u] === 1) out.push(u);
  return JSON.stringify([params.from, params.to, params.channels]) + out.join(',');
}

function scope(columns: GuildColumns, params: AuditParams, userOut: Uint8Array, options: ScopeOptions): Int32Array {
  const m = columns.messages;
  const [lo, hi] = periodSlice(columns, params);
  const channelOk = params.channels === null ? null : channelMask(columns, params.channels);
  const out = new Int32Array(hi - lo);
  let k = 0;
  for (let i = lo; i < hi; i++) {
    if (!options.system && m.conversational[i] === 0) continue;
    if (userOut[m.author[i]] === 1) continue;
    if (channelOk !== null && channelOk[m.channel[i]] === 0) continue;
    out[k++] = i;
  }
  return out.subarray(0, k);
}

/**
 * 1 for each user number the metrics leave out: bots and staff, unless included (the rule of
 * `scopedIndexes`, for passes over users rather than messages).
 *
 * @example
 * const out = await excludedUserMask(db, columns, params);
 * if (out[user] === 0) counted++;
 */
export async function excludedUserMask(db: Kysely<Database>, columns: GuildColumns, params: AuditParams): Promise<Uint8Array> {
  const out = new Uint8Array(columns.users.ids.length);
  if (!params.includeBots) out.set(columns.users.isBot);
  if (!params.includeStaff) for (const u of await staffUsers(db, columns, params)) out[u] = 1;
  return out;
}

/** The positions [lo, hi) of the messages sent in the period (binary search on time). */
export function periodSlice(columns: GuildColumns, params: Pick<AuditParams, 'from' | 'to'>): [number, number] {
  const t = columns.messages.sentAt;
  return [params.from === null ? 0 : lowerBound(t, params.from), params.to === null ? t.length : lowerBound(t, params.to)];
}

/** 1 for each channel number in `channels`. */
export function channelMask(columns: GuildColumns, channels: readonly string[]): Uint8Array {
  const mask = new Uint8Array(columns.channels.ids.length);
  for (const id of channels) {
    const c = columns.channels.index.get(id);
    if (c !== undefined) mask[c] = 1;
  }
  return mask;
}

/** User numbers of the guild's staff: holders of one of `staffRoles` (by role name or ID). */
export async function staffUsers(db: Kysely<Database>, columns: GuildColumns, params: AuditParams): Promise<number[]> {
  if (params.staffRoles.length === 0) return [];
  const rows = await db
    .selectFrom('member_roles as mr')
    .innerJoin('roles as r', (j) => j.onRef('r.id', '=', 'mr.role_id').onRef('r.guild_id', '=', 'mr.guild_id'))
    .select('mr.user_id')
    .where('mr.guild_id', '=', params.guild)
    .where((w) => w.or([w('r.id', 'in', params.staffRoles), w('r.name', 'in', params.staffRoles)]))
    .execute();
  return rows.map((r) => columns.users.index.get(r.user_id)).filter((u): u is number => u !== undefined);
}
