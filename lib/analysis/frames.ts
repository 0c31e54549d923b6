import type { DataFrame } from 'danfojs-node';

/**
 * A danfojs DataFrame of query rows, for notebook work (groupby, describe, joins). danfojs is
 * loaded on first use only: it takes a second to load and the CLI never needs it.
 *
 * @example
 * const df = toDataFrame((await runQuery(db, 'activity', { guild })).rows);
 * df.describe().print();
 */
export function toDataFrame(rows: readonly object[]): DataFrame {
  const dfd = require('danfojs-node') as typeof import('danfojs-node');
  return new dfd.DataFrame(rows.length > 0 ? [...rows] : [{}]);
}
