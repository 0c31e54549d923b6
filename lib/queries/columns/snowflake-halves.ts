/**
 * Snowflakes as two exact numbers, `high * 1e9 + low`, so millions of IDs fit in typed arrays
 * (no string per message to keep, no BigInt) and still compare in numeric order.
 */
export interface SnowflakeHalves {
  high: Float64Array;
  low: Uint32Array;
}

/** Splits a decimal ID into its halves, written at `i`. */
export function splitSnowflake(id: string, into: SnowflakeHalves, i: number): void {
  into.high[i] = id.length > 9 ? Number(id.slice(0, -9)) : 0;
  into.low[i] = Number(id.length > 9 ? id.slice(-9) : id);
}

/** The decimal ID at `i`. */
export function joinSnowflake(halves: SnowflakeHalves, i: number): string {
  const high = halves.high[i];
  return high === 0 ? String(halves.low[i]) : String(high) + String(halves.low[i]).padStart(9, '0');
}

/** Numeric order of the IDs at `a` and `b`. */
export function compareSnowflakes(halves: SnowflakeHalves, a: number, b: number): number {
  return halves.high[a] - halves.high[b] || halves.low[a] - halves.low[b];
}
