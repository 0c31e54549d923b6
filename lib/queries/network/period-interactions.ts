import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema';
import type { AuditParams } from '../audit-params';
import { excludedUserMask, guildColumns, scopeKey, type GuildColumns } from '../columns';
import { PARAMETER_SETS_KEPT, perColumnsAndKey } from '../columns/columns-memo';
import { interactionEvents, interactionScope, type InteractionEvents } from './interactions';

/** A period's interactions, as the network and lifecycle queries all read them. */
export interface PeriodInteractions {
  columns: GuildColumns;
  /** The messages in scope (`interactionScope`). */
  scoped: Int32Array;
  /** 1 per user number left out at either end of an interaction (`excludedUserMask`). */
  excluded: Uint8Array;
  /** Every interaction, reactions included. */
  events: InteractionEvents;
  /** Names the period, channels and accounts left out: the key of anything derived from these interactions. */
  key: string;
}

const kept = perColumnsAndKey<Promise<PeriodInteractions>>(PARAMETER_SETS_KEPT);

/**
 * The period's interactions (`interactionEvents` over `interactionScope`, excluded accounts left
 * out), worked out once per columns and parameters that matter (period, channels, accounts left
 * out) and shared by every query that asks: the network, lifecycle and Orbit queries all start
 * from them. Read-only.
 *
 * @example
 * const { columns, events } = await periodInteractions(db, params);
 */
export async function periodInteractions(db: Kysely<Database>, params: AuditParams): Promise<PeriodInteractions> {
  const columns = await guildColumns(db, params.guild);
  const excluded = await excludedUserMask(db, columns, params);
  const key = scopeKey(params, excluded);
  return kept(columns, key, async () => {
    const scoped = await interactionScope(db, columns, params);
    return { columns, scoped, excluded, events: interactionEvents(columns, scoped, { excluded }), key };
  });
}
