import type { GuildColumns } from '../columns';

/** Messages, distinct authors and first and last time per group, indexed by group number. */
export interface GroupTotals {
  messages: Int32Array;
  /** Distinct authors of the group's messages. */
  communicators: Int32Array;
  /** Epoch ms of the group's first and last message; NaN for a group without one. */
  first: Float64Array;
  last: Float64Array;
}

/**
 * Folds the messages at `indexes` (in time order) into totals per group: `group[k]` is the group
 * number (0 to `groups - 1`) of message `indexes[k]`. Distinct authors come from a counting sort
 * by group and one mark per author, so there is no set or map per message.
 *
 * @example
 * const perChannel = groupTotals(columns, counted, channelOfEach, columns.channels.ids.length);
 */
export function groupTotals(columns: GuildColumns, indexes: Int32Array, group: Int32Array, groups: number): GroupTotals {
  const m = columns.messages;
  const messages = new Int32Array(groups);
  const first = new Float64Array(groups).fill(Number.NaN);
  const last = new Float64Array(groups).fill(Number.NaN);
  for (let k = 0; k < indexes.length; k++) {
    const g = group[k];
    const t = m.sentAt[indexes[k]];
    if (messages[g]++ === 0) first[g] = t;
    last[g] = t;
  }

  // Authors laid out group after group, then each group's distinct ones marked once.
  const start = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) start[g + 1] = start[g] + messages[g];
  const fill = start.slice(0, groups);
  const authors = new Int32Array(indexes.length);
  for (let k = 0; k < indexes.length; k++) authors[fill[group[k]]++] = m.author[indexes[k]];
  const communicators = new Int32Array(groups);
  const seenIn = new Int32Array(columns.users.ids.length).fill(-1);
  for (let g = 0; g < groups; g++) {
    let distinct = 0;
    for (let j = start[g]; j < start[g + 1]; j++) {
      const u = authors[j];
      if (seenIn[u] !== g) {
        seenIn[u] = g;
        distinct++;
      }
    }
    communicators[g] = distinct;
  }
  return { messages, communicators, first, last };
}
