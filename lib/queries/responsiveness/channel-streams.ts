import { bucketByKey, type Buckets } from '../../analysis/bucket-by-key';
import type { GuildColumns } from '../columns/guild-columns';

/**
 * Message positions regrouped by channel, each channel's messages still in (time, ID) order:
 * channel `c`'s stream is `order[start[c]]` up to (not including) `order[start[c + 1]]`.
 */
export type ChannelStreams = Buckets;

/**
 * Groups time-ordered message positions by channel with a counting sort (two passes, no
 * comparison), so a query can walk each channel's stream the way SQL's
 * `over (partition by channel_id order by sent_at, id)` does.
 *
 * @example
 * const { start, order } = channelStreams(columns, await scopedIndexes(db, columns, params));
 * for (let c = 0; c + 1 < start.length; c++) for (let k = start[c]; k < start[c + 1]; k++) visit(order[k]);
 */
export function channelStreams(columns: GuildColumns, positions: Int32Array): ChannelStreams {
  return bucketByKey(columns.messages.channel, columns.channels.ids.length, positions);
}
