/**
 * IDs per SQL `IN` list: well within both engines' limits on bound parameters. Longer lists are
 * sent in slices of this many.
 */
export const IDS_PER_IN_LIST = 1000;
