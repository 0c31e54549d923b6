import { bucketByKey } from '../../analysis/bucket-by-key';
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

/** Above this many (group, user) pairs, distinct authors are not marked in a matrix (16 MB). */
const MATRIX_LIMIT = 1 << 24;

/**
 * Folds the messages at `indexes` (in time order) into totals per group: `group[k]` is the group
 * number (0 to `groups - 1`) of message `indexes[k]`. No set or map per message: distinct authors
 * are marked once per (group, user) in typed arrays.
 *
 * @example
 * const perChannel = groupTotals(columns, counted, channelOfEach, columns.channels.ids.length);
 */
export function groupTotals(columns: GuildColumns, indexes: Int32Array, group: Int32Array, groups: number): GroupTotals {
  const m = columns.messages;
  const users = columns.users.ids.length;
  const messages = new Int32Array(groups);
  const first = new Float64Array(groups).fill(Number.NaN);
  const last = new Float64Array(groups).fill(Number.NaN);
  const communicators = new Int32Array(groups);
  // Groups in time order (days, weeks...) come one after another: then the last group each
  // author was seen in tells whether they are new to this one, in the same pass.
  const seenIn = new Int32Array(users).fill(-1);
  let inOrder = true;
  let previous = 0;
  for (let k = 0; k < indexes.length; k++) {
    const g = group[k];
    const i = indexes[k];
    const t = m.sentAt[i];
    if (messages[g]++ === 0) first[g] = t;
    last[g] = t;
    if (!inOrder) continue;
    if (g < previous) {
      inOrder = false;
      continue;
    }
    previous = g;
    const u = m.author[i];
    if (seenIn[u] !== g) {
      seenIn[u] = g;
      communicators[g]++;
    }
  }
  if (!inOrder) {
    const distinct = groups * users <= MATRIX_LIMIT ? distinctByMatrix : distinctBySort;
    communicators.set(distinct(columns, indexes, group, groups));
  }
  return { messages, communicators, first, last };
}

/** Distinct authors per group, marking (group, user) pairs in one byte each. Exported for tests. */
export function distinctByMatrix(columns: GuildColumns, indexes: Int32Array, group: Int32Array, groups: number): Int32Array {
  const author = columns.messages.author;
  const users = columns.users.ids.length;
  const seen = new Uint8Array(groups * users);
  const distinct = new Int32Array(groups);
  for (let k = 0; k < indexes.length; k++) {
    const g = group[k];
    const at = g * users + author[indexes[k]];
    if (seen[at] === 0) {
      seen[at] = 1;
      distinct[g]++;
    }
  }
  return distinct;
}

/**
 * Distinct authors per group for many groups: authors laid out group after group (a counting
 * sort), then marked per group. Exported for tests (real guilds reach it only past 16M pairs).
 */
export function distinctBySort(columns: GuildColumns, indexes: Int32Array, group: Int32Array, groups: number): Int32Array {
  const author = columns.messages.author;
  const { start, order } = bucketByKey(group, groups, indexes.length);
  const byGroup = order.map((k) => author[indexes[k]]);
  const seenIn = new Int32Array(columns.users.ids.length).fill(-1);
  const distinct = new Int32Array(groups);
  for (let g = 0; g < groups; g++) {
    for (let j = start[g]; j < start[g + 1]; j++) {
      const u = byGroup[j];
      if (seenIn[u] !== g) {
        seenIn[u] = g;
        distinct[g]++;
      }
    }
  }
  return distinct;
}
