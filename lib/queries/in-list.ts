/**
 * IDs per SQL `IN` list: well within both engines' limits on bound parameters. Longer lists are
 * sent in slices of this many (`inListSlices`).
 */
export const IDS_PER_IN_LIST = 1000;

/**
 * `ids` in slices of at most `IDS_PER_IN_LIST`, one per `IN` list.
 *
 * @example
 * for (const slice of inListSlices(userIds)) rows.push(...(await select.where('id', 'in', slice).execute()));
 */
export function* inListSlices<T>(ids: readonly T[]): Generator<T[]> {
  for (let at = 0; at < ids.length; at += IDS_PER_IN_LIST) yield ids.slice(at, at + IDS_PER_IN_LIST);
}
