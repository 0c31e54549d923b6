/**
 * The guilds, channels, users, roles and members an import has already sent to the server, by
 * key, as they were last sent. Every group of messages names most of the same users and
 * members again; upserting an identical record with the same observation time a second time
 * changes nothing (the first one won or lost already, and a member's roles would be replaced by
 * the same roles), so `StagedRows` leaves such records out. A record that differs from the
 * last one sent is sent, and becomes the one remembered: the last copy still wins.
 */
export class SentRecords {
  readonly #last = new Map<string, object>();

  /** True if `record` is the same as the last one sent under `key`; otherwise remembers it as sent. */
  repeats(key: string, record: object): boolean {
    const last = this.#last.get(key);
    if (last !== undefined && sameRecord(last, record)) return true;
    this.#last.set(key, record);
    return false;
  }
}

/** Field by field; arrays (a member's role ids) element by element. */
function sameRecord(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key in x) {
    const u = x[key];
    const v = y[key];
    if (u === v) continue;
    if (!Array.isArray(u) || !Array.isArray(v) || u.length !== v.length) return false;
    for (let i = 0; i < u.length; i++) if (u[i] !== v[i]) return false;
  }
  return true;
}
