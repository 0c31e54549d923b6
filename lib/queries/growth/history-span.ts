import type { AuditParams } from '../audit-params';
import { channelMask, periodSlice, type GuildColumns } from '../columns';

/**
 * The first and last message (epoch ms) of any kind and author in the period and channels: the
 * stretch of time the history observed. A growth series runs over all of it, so months without a
 * join still show as zeros, and a cohort's later buckets past its end are unobserved, not empty.
 * Null when there is no message.
 *
 * @example
 * const span = historySpan(await guildColumns(db, params.guild), params);
 */
export function historySpan(columns: GuildColumns, params: AuditParams): { first: number; last: number } | null {
  const m = columns.messages;
  let [lo, hi] = periodSlice(columns, params);
  if (params.channels !== null) {
    const inChannels = channelMask(columns, params.channels);
    while (lo < hi && inChannels[m.channel[lo]] === 0) lo++;
    while (hi > lo && inChannels[m.channel[hi - 1]] === 0) hi--;
  }
  return lo < hi ? { first: m.sentAt[lo], last: m.sentAt[hi - 1] } : null;
}
