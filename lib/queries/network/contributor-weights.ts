import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { QueryParamError } from '../query-error';
import { numberParam, weightsParam } from '../param-values';

/** The contributor score's own parameters, as callers pass them (CLI strings welcome). */
export interface ContributorWeightsInput {
  /** Share of score each member hands back to the seed at every step (default 0.2). */
  alpha?: number | string;
  /** Weight of a reply and of a mention as a path for score (default 1 each). */
  replyWeight?: number | string;
  mentionWeight?: number | string;
  /** `emoji=weight` (the emoji itself, a custom emoji's name or ID); others weigh 1. */
  emojiWeights?: string | string[] | Record<string, number | string>;
  /** `channel=weight` (ID or name); a thread takes its channel's, a channel its category's; others weigh 1. */
  channelWeights?: string | string[] | Record<string, number | string>;
  /** `role=weight` (ID or name); a reactor weighs their highest-weighted role; others weigh 1. */
  roleWeights?: string | string[] | Record<string, number | string>;
  /** Weight of a staff reactor (holder of `staffRoles`, counted only with includeStaff), instead of role weights (default 1). */
  staffWeight?: number | string;
}

/** Resolved weights: what one reaction mints is reactor(u) × channel(c) × emoji(e). */
export interface ContributorWeights {
  alpha: number;
  replyWeight: number;
  mentionWeight: number;
  reactor(user: string): number;
  channel(channel: string): number;
  emoji(key: string, name: string): number;
}

/**
 * Checks the weights against the guild (unknown roles or channels are errors naming them) and
 * returns lookups for them.
 *
 * @example
 * const w = await contributorWeights(db, params, { roleWeights: 'Maker=2', emojiWeights: '👍=1.5' });
 * w.reactor('605598306933466543') // 2 for a Maker
 */
export async function contributorWeights(db: Kysely<Database>, params: AuditParams, input: ContributorWeightsInput): Promise<ContributorWeights> {
  const alpha = numberParam(input.alpha, 'alpha', { default: 0.2, above: 0, max: 1 });
  const replyWeight = numberParam(input.replyWeight, 'replyWeight', { default: 1, min: 0 });
  const mentionWeight = numberParam(input.mentionWeight, 'mentionWeight', { default: 1, min: 0 });
  const staffWeight = numberParam(input.staffWeight, 'staffWeight', { default: 1, min: 0 });
  const emojiWeights = weightsParam(input.emojiWeights, 'emojiWeights');
  const channelWeights = weightsParam(input.channelWeights, 'channelWeights');
  const roleWeights = weightsParam(input.roleWeights, 'roleWeights');

  const [channels, roles, held] = await Promise.all([
    db.selectFrom('channels').select(['id', 'name', 'parent_id', 'category_id']).where('guild_id', '=', params.guild).execute(),
    db.selectFrom('roles').select(['id', 'name']).where('guild_id', '=', params.guild).execute(),
    db.selectFrom('member_roles').select(['user_id', 'role_id']).where('guild_id', '=', params.guild).execute(),
  ]);
  unknownKeys(channelWeights, channels, 'channelWeights', 'channel');
  unknownKeys(roleWeights, roles, 'roleWeights', 'role');

  const channelById = new Map(channels.map((c) => [c.id, c]));
  const own = (id: string | null) => {
    const c = id === null ? undefined : channelById.get(id);
    return c === undefined ? undefined : channelWeights.get(c.id) ?? channelWeights.get(c.name);
  };
  const channel = (id: string) => {
    const c = channelById.get(id);
    const parent = c?.parent_id ? channelById.get(c.parent_id) : undefined;
    return own(id) ?? own(c?.parent_id ?? null) ?? own(c?.category_id ?? null) ?? own(parent?.category_id ?? null) ?? 1;
  };

  const roleById = new Map(roles.map((r) => [r.id, r]));
  const staffRoles = new Set(params.staffRoles);
  const rolesOf = new Map<string, string[]>();
  for (const h of held) rolesOf.set(h.user_id, [...(rolesOf.get(h.user_id) ?? []), h.role_id]);
  const reactor = (user: string) => {
    const ids = rolesOf.get(user) ?? [];
    const isStaff = ids.some((id) => staffRoles.has(id) || staffRoles.has(roleById.get(id)?.name ?? ''));
    if (isStaff) return staffWeight;
    const weights = ids.map((id) => roleWeights.get(id) ?? roleWeights.get(roleById.get(id)?.name ?? '')).filter((w): w is number => w !== undefined);
    return weights.length > 0 ? Math.max(...weights) : 1;
  };

  return { alpha, replyWeight, mentionWeight, reactor, channel, emoji: (key, name) => emojiWeights.get(key) ?? emojiWeights.get(name) ?? 1 };
}

function unknownKeys(weights: ReadonlyMap<string, number>, known: ReadonlyArray<{ id: string; name: string }>, param: string, what: string): void {
  const names = new Set(known.flatMap((k) => [k.id, k.name]));
  const unknown = [...weights.keys()].filter((k) => !names.has(k));
  if (unknown.length > 0) throw new QueryParamError(`${param}: no ${what} '${unknown.join(`', '`)}' in this guild`);
}
