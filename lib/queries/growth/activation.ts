import type { Kysely } from 'kysely';
import { quantile } from '../../analysis/percentiles';
import type { Database } from '../../database/schema';
import { resolveAuditParams } from '../audit-params';
import type { QueryDefinition } from '../query-definition';
import { ACTIVATION_PARAMS, activationOptions, newMemberRows, type NewMemberRow, type NewMembersInput } from './new-members';

/** How the period's new members took part. */
export interface ActivationRow {
  /** Members first seen inside the period. */
  newMembers: number;
  /** Of them, those with a join notice. */
  withJoinNotice: number;
  /** Of them, those who sent at least one counted message within the horizon. */
  posted: number;
  /** Of them, those who sent at least `minMessages` counted messages within the horizon. */
  activated: number;
  /** activated / newMembers (0 when there are none). */
  activationShare: number;
  /** Median and 90th percentile of hours from first sighting to first counted message, over those who posted; null when none did. */
  medianHoursToFirstMessage: number | null;
  p90HoursToFirstMessage: number | null;
  /** Those whose first counted message got a reply from another account. */
  answered: number;
  /** answered / posted (0 when nobody posted). */
  answeredShare: number;
  /** The rule used: messages needed, and the horizon in days (null: to the end of the period). */
  minMessages: number;
  horizonDays: number | null;
}

/**
 * New-member activation, one row: how many members were first seen in the period, the share who
 * sent at least `minMessages` (default 3) counted messages within the horizon, median and p90
 * hours from first sighting to first counted message (linear interpolation, over those who
 * posted), and the share of posters whose first message was answered by someone else. Each
 * member's facts are in `new-members`, which defines new, horizon and answered.
 *
 * @example
 * const [a] = await activation(db, { guild, from: '2024-01-01', to: '2024-07-01', horizonDays: 30 });
 */
export async function activation(db: Kysely<Database>, input: NewMembersInput): Promise<ActivationRow[]> {
  const options = activationOptions(input);
  const params = await resolveAuditParams(db, input);
  return [summarizeActivation(await newMemberRows(db, params, options), options.minMessages, options.horizonDays)];
}

/** The activation summary of new-member rows. */
export function summarizeActivation(members: readonly NewMemberRow[], minMessages: number, horizonDays: number | null): ActivationRow {
  const hours = members.flatMap((m) => (m.hoursToFirstMessage === null ? [] : [m.hoursToFirstMessage]));
  const activated = members.filter((m) => m.activated).length;
  const answered = members.filter((m) => m.answered === true).length;
  return {
    newMembers: members.length,
    withJoinNotice: members.filter((m) => m.joinedAt !== null).length,
    posted: hours.length,
    activated,
    activationShare: members.length > 0 ? activated / members.length : 0,
    medianHoursToFirstMessage: quantile(hours, 0.5),
    p90HoursToFirstMessage: quantile(hours, 0.9),
    answered,
    answeredShare: hours.length > 0 ? answered / hours.length : 0,
    minMessages,
    horizonDays,
  };
}

export const activationQuery: QueryDefinition = {
  name: 'activation',
  summary: 'New members of the period: share with >= minMessages messages, median/p90 hours to first message, share answered',
  follows: 'new-member activation (Discord Server Insights, CHAOSS): >= 3 messages, time to first message, first message answered',
  scope: 'guild',
  params: ACTIVATION_PARAMS,
  run: activation,
};
