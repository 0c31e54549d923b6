/**
 * Who a pseudonymized report hides, and the pseudonym of each: every user of the audit database
 * becomes `Member 001`, `Member 002`, … (numbered by user ID in numeric order; as many digits as
 * the count needs, at least three), and their ID becomes `member-001`, ….
 *
 * What names a user: the user ID, the username, the global display name, the legacy
 * `username#1234` form when a real discriminator is stored, and every nickname in every guild.
 *
 * Kept named:
 * - bots and webhooks, by default (`keepBots`): they are not people, and their names
 *   (`MEE6`, `GitHub`) make a report readable. A webhook that relays people's messages under
 *   their own names (a Matrix or IRC bridge) shows those names: pass `keepBots: false` then.
 * - staff, with `keepStaff`: members holding one of `staffRoles` (role names or IDs), exactly
 *   as the queries define staff (`staffUserIds`), in `guild` or, without it, in any guild.
 *   Without `staffRoles` nobody is staff.
 *
 * A string that names both a hidden user and a kept one (a bot called like a member) is
 * hidden: privacy wins. A string naming several hidden users gets one pseudonym: an ID before
 * a username, before a display name, before a `name#1234` form, before a nickname, then the
 * lower member number.
 */
import type { Kysely } from 'kysely';
import { byId } from '../analysis/id-order';
import type { Database } from '../database/schema';
import type { AuditParams } from '../queries/audit-params';
import { compareIds } from '../queries/compare-ids';
import { staffUserIds } from '../queries/responsiveness/conversation-params';

/** Options of `pseudonymIdentities`. */
export interface PseudonymIdentityOptions {
  /** Keep staff (holders of `staffRoles`) named; default false. */
  keepStaff?: boolean;
  /** Role names or IDs that make a member staff; default none (nobody is staff). */
  staffRoles?: string[];
  /** Staff are holders of the roles in this guild only; default: in any guild. */
  guild?: string;
  /** Keep bot and webhook accounts named; default true. */
  keepBots?: boolean;
}

/** One hidden user and the pseudonyms that replace them. */
export interface PseudonymousMember {
  userId: string;
  /** Replaces every name of the user, e.g. `Member 007`. */
  pseudonym: string;
  /** Replaces the user's ID, e.g. `member-007`. */
  pseudonymId: string;
  /** The user's names as stored: username, display name, `username#1234`, nicknames (distinct, in that order). */
  names: string[];
}

/** Everything a pseudonymized report hides or keeps. */
export interface PseudonymIdentities {
  /** Hidden users, in numbering order. */
  members: PseudonymousMember[];
  /** Every string to hide → its pseudonym (IDs → `member-…`, names → `Member …`). */
  replacements: Map<string, string>;
  /**
   * IDs and names of kept users (staff, bots) that no hidden user shares: left as they are, and
   * matched as whole strings so that a hidden name inside them (member "Bob" in staff
   * "Bob Admin") is not replaced.
   */
  kept: string[];
  /** User IDs kept named because they are staff. */
  keptStaff: string[];
  /** User IDs kept named because they are bots or webhooks. */
  keptBots: string[];
}

/** Which kind of string names a user; lower wins when several users share a string. */
const RANK = { id: 0, username: 1, displayName: 2, tag: 3, nickname: 4 } as const;

interface Naming {
  text: string;
  rank: number;
}

interface UserNames {
  id: string;
  isBot: boolean;
  namings: Naming[];
}

/**
 * The identities of every user in the database and their pseudonyms, stable within one call.
 *
 * @example
 * const ids = await pseudonymIdentities(engine.db, { keepStaff: true, staffRoles: ['Admin'] });
 * ids.replacements.get('755126265953910784') // 'member-004'
 */
export async function pseudonymIdentities(db: Kysely<Database>, options: PseudonymIdentityOptions = {}): Promise<PseudonymIdentities> {
  const users = await userNames(db);
  const staff = options.keepStaff ? await staffIds(db, options.staffRoles ?? [], options.guild) : new Set<string>();
  const keepBots = options.keepBots ?? true;

  const keptStaff: string[] = [];
  const keptBots: string[] = [];
  const hidden: UserNames[] = [];
  for (const user of users) {
    if (keepBots && user.isBot) keptBots.push(user.id);
    else if (staff.has(user.id)) keptStaff.push(user.id);
    else hidden.push(user);
  }

  const width = Math.max(3, String(hidden.length).length);
  const members = hidden.map((user, i): PseudonymousMember => {
    const number = String(i + 1).padStart(width, '0');
    return {
      userId: user.id,
      pseudonym: `Member ${number}`,
      pseudonymId: `member-${number}`,
      names: user.namings.filter((n) => n.rank !== RANK.id).map((n) => n.text),
    };
  });

  // Rank first, then member number: the order decides who owns a shared string.
  const claims = hidden
    .flatMap((user, i) => user.namings.map((n) => ({ ...n, index: i, member: members[i] })))
    .sort((a, b) => a.rank - b.rank || a.index - b.index);
  const replacements = new Map<string, string>();
  for (const claim of claims) {
    if (replacements.has(claim.text)) continue;
    replacements.set(claim.text, claim.rank === RANK.id ? claim.member.pseudonymId : claim.member.pseudonym);
  }

  const keptIds = new Set([...keptStaff, ...keptBots]);
  const kept = [...new Set(users.filter((u) => keptIds.has(u.id)).flatMap((u) => u.namings.map((n) => n.text)))].filter(
    (text) => !replacements.has(text),
  );
  return { members, replacements, kept, keptStaff, keptBots };
}

/** Every user (and member without a user row) with their names, in numeric ID order. */
async function userNames(db: Kysely<Database>): Promise<UserNames[]> {
  const users = await db.selectFrom('users').select(['id', 'name', 'discriminator', 'display_name', 'is_bot']).execute();
  const members = await db.selectFrom('members').select(['user_id', 'nickname']).execute();
  const found = new Map<string, { isBot: boolean; namings: Naming[] }>();
  const entry = (id: string) => {
    let e = found.get(id);
    if (!e) found.set(id, (e = { isBot: false, namings: [{ text: id, rank: RANK.id }] }));
    return e;
  };
  for (const u of users) {
    const e = entry(u.id);
    e.isBot = u.is_bot === 1;
    e.namings.push({ text: u.name, rank: RANK.username });
    if (u.display_name !== null) e.namings.push({ text: u.display_name, rank: RANK.displayName });
    // "0"/"0000" mark new-style usernames, which have no tag.
    if (u.discriminator !== null && !/^0*$/.test(u.discriminator)) e.namings.push({ text: `${u.name}#${u.discriminator}`, rank: RANK.tag });
  }
  // Nicknames sorted so the result never depends on the engine's row order.
  for (const m of [...members].sort((a, b) => byId(a.nickname ?? '', b.nickname ?? ''))) {
    const e = entry(m.user_id);
    if (m.nickname !== null) e.namings.push({ text: m.nickname, rank: RANK.nickname });
  }
  return [...found.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([id, e]) => ({ id, isBot: e.isBot, namings: distinctNamings(e.namings) }));
}

/** Each text once (its first, best-ranked occurrence); blank names dropped: they name nobody. */
function distinctNamings(namings: Naming[]): Naming[] {
  const seen = new Set<string>();
  return namings.filter((n) => n.text.trim() !== '' && !seen.has(n.text) && seen.add(n.text));
}

/** Holders of the staff roles, through the queries' own definition, in one guild or in each. */
async function staffIds(db: Kysely<Database>, staffRoles: string[], guild: string | undefined): Promise<Set<string>> {
  if (staffRoles.length === 0) return new Set();
  const guilds = guild !== undefined ? [guild] : (await db.selectFrom('guilds').select('id').execute()).map((g) => g.id);
  const ids = new Set<string>();
  for (const id of guilds) {
    const params: AuditParams = {
      guild: id, from: null, to: null, channels: null, timeZone: 'UTC', includeBots: true, includeStaff: true, staffRoles,
    };
    for (const user of await staffUserIds(db, params)) ids.add(user);
  }
  return ids;
}
