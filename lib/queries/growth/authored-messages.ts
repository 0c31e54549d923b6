import type { Adjacency, GuildColumns } from '../columns';
import { perColumns } from '../columns/columns-memo';

/**
 * Each user's conversational messages (system notices left out), as message positions in time
 * order: the entries of user `u` are `values[start[u]]` up to `values[start[u + 1]]`. Worked out
 * once per columns (two passes; the columns are immutable, and this is dropped with them), so a
 * query about some members reads their messages instead of passing over everyone's.
 *
 * @example
 * const { start, values } = authoredMessages(columns);
 * const firstMessage = start[u] < start[u + 1] ? values[start[u]] : -1;
 */
export const authoredMessages: (columns: GuildColumns) => Adjacency = perColumns((columns) => {
  const { author, conversational, count } = columns.messages;
  const users = columns.users.ids.length;
  const start = new Uint32Array(users + 1);
  for (let i = 0; i < count; i++) if (conversational[i] === 1) start[author[i] + 1]++;
  for (let u = 0; u < users; u++) start[u + 1] += start[u];
  const fill = start.slice(0, users);
  const values = new Int32Array(start[users]);
  for (let i = 0; i < count; i++) if (conversational[i] === 1) values[fill[author[i]]++] = i;
  return { start, values };
});
