import { QueryParamError } from './query-error';

/**
 * The memory budget when `GUILDAUDIT_QUERY_MEMORY_MB` is not set: 256 MiB of result JSON, so
 * the whole audit query set of a 1,000,000-message guild fits (about 100 MiB, scaled up from the
 * 26.5 MiB of a 200,000-message one; network-edges and messages-by-user are most of it) with
 * room to spare. Parsed rows took 0.8-1.5 times their JSON length in the heap.
 */
export const DEFAULT_MEMORY_BUDGET = 256 * 1024 * 1024;

/** Environment variable that sets the budget in megabytes (0 turns the memory layer off). */
export const MEMORY_BUDGET_ENV = 'GUILDAUDIT_QUERY_MEMORY_MB';

interface Entry {
  owner: number;
  rows: readonly object[];
  size: number;
}

/**
 * A bounded, least-recently-used store of query results in this process, in front of the
 * database's `query_cache`. Long-lived processes (notebook kernels, the dashboard server) run the
 * same queries again and again; a hit here skips reading and parsing the stored JSON.
 *
 * An entry's size is the length of its rows' JSON (already made for the database cache). The
 * parsed rows take a few times that in the heap, so the budget bounds memory, not exactly.
 * Entries belong to one database handle (the `owner` object, a Kysely instance), so two
 * databases open in one process never share results, even for equal cache keys. Rows must be
 * frozen by the caller: every reader gets the same arrays.
 */
export class ResultMemory {
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly entries = new Map<string, Entry>();
  /** A number per owner; weak, so a dropped database handle is not kept alive. */
  private readonly owners = new WeakMap<object, number>();
  private nextOwner = 1;
  private used = 0;

  /** @param budget the most JSON characters held at once; 0 holds nothing. */
  constructor(private budget: number = DEFAULT_MEMORY_BUDGET) {}

  /** The rows stored for `key` on `owner`'s database, marked as just used; undefined when absent. */
  get(owner: object, key: string): readonly object[] | undefined {
    const id = this.ownerId(owner);
    const entry = this.entries.get(`${id}:${key}`);
    if (!entry) return undefined;
    this.entries.delete(`${id}:${key}`);
    this.entries.set(`${id}:${key}`, entry);
    return entry.rows;
  }

  /**
   * Stores frozen rows whose JSON is `size` characters long, evicting the least recently used
   * entries to stay within the budget. A result larger than the whole budget is not stored.
   */
  set(owner: object, key: string, rows: readonly object[], size: number): void {
    const id = this.ownerId(owner);
    this.remove(`${id}:${key}`);
    if (size > this.budget) return;
    this.entries.set(`${id}:${key}`, { owner: id, rows, size });
    this.used += size;
    this.evictOverBudget();
  }

  /** Drops every entry of `owner`'s database, or every entry when no owner is given; returns how many. */
  clear(owner?: object): number {
    const id = owner === undefined ? undefined : this.ownerId(owner);
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (id !== undefined && entry.owner !== id) continue;
      this.remove(key);
      dropped += 1;
    }
    return dropped;
  }

  /** Changes the budget (JSON characters), evicting at once if the store is now over it. */
  setBudget(budget: number): void {
    this.budget = budget;
    this.evictOverBudget();
  }

  /** What the store holds now: entries, their JSON characters, and the budget. */
  stats(): { entries: number; size: number; budget: number } {
    return { entries: this.entries.size, size: this.used, budget: this.budget };
  }

  private evictOverBudget(): void {
    for (const key of this.entries.keys()) {
      if (this.used <= this.budget) break;
      this.remove(key);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.size;
  }

  private ownerId(owner: object): number {
    let id = this.owners.get(owner);
    if (id === undefined) {
      id = this.nextOwner++;
      this.owners.set(owner, id);
    }
    return id;
  }
}

/**
 * The budget `GUILDAUDIT_QUERY_MEMORY_MB` asks for, in JSON characters (megabytes of 2^20);
 * the default when unset or empty. A value that is not a number >= 0 is a `QueryParamError`.
 */
export function memoryBudgetFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[MEMORY_BUDGET_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_MEMORY_BUDGET;
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb < 0) {
    throw new QueryParamError(`${MEMORY_BUDGET_ENV} must be a number of megabytes >= 0 (got '${raw}')`);
  }
  return Math.floor(mb * 1024 * 1024);
}

let processMemory: ResultMemory | undefined;

/**
 * This process's memory layer, shared by every `runQuery` call; made on first use with the
 * budget from `GUILDAUDIT_QUERY_MEMORY_MB` (default 256 MiB). Change it with `setBudget`.
 */
export function queryMemory(): ResultMemory {
  processMemory ??= new ResultMemory(memoryBudgetFromEnv());
  return processMemory;
}
