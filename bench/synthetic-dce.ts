/**
 * Synthetic DiscordChatExporter (DCE) JSON exports, for benchmarks and memory tests.
 *
 * The files copy what DCE's current JSON writer emits, byte for byte in form:
 * its key order, System.Text.Json's indented layout (2 spaces, `"key": value`,
 * empty arrays as `[]`, no newline at the end), and its escaping: quotes,
 * backslashes, control characters and non-ASCII spaces (NBSP...) escaped, other BMP text written raw, and
 * characters outside the BMP (most emoji) written as `\uD83D\uDE02` pairs,
 * which System.Text.Json does even with the relaxed encoder DCE uses.
 * Content is drawn from a seeded PRNG, so the same options give the same bytes.
 *
 * @example
 *   const out = await writeSyntheticExport({ dir: '/tmp/dce', messages: 10_000 });
 *   // out.files: one JSON file per channel or thread; out.bytes: their total size
 *
 * CLI: node dist/bench/synthetic-dce.js --dir /tmp/dce --messages 300000 [--seed 1] [--single-file]
 *      [--local-offsets] [--crlf]
 */

import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync, type WriteStream } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

/** What to generate. */
export interface SyntheticExportOptions {
  /** Output folder (created if missing). */
  dir: string;
  /** Total messages across all files. */
  messages: number;
  /** Seed of the PRNG; the same options always give byte-identical files. Default 1. */
  seed?: number;
  /** Put every message in one channel file (for the memory test of a huge file). */
  singleFile?: boolean;
  /** Guild snowflake; its creation time anchors the whole timeline. */
  guildId?: string;
  guildName?: string;
  /**
   * Timestamps in an exporter's local time (Central Europe, +01:00/+02:00 with
   * DST), as DCE writes them without `--utc`. Default false: `+00:00`.
   */
  localOffsets?: boolean;
  /** Line break: DCE on Windows writes "\r\n". Default "\n". */
  newline?: '\n' | '\r\n';
}

/** What was written. */
export interface SyntheticExport {
  dir: string;
  /** Paths of the files written, in writing order. */
  files: string[];
  messages: number;
  /** Total size of the files in bytes. */
  bytes: number;
  guildId: string;
  guildName: string;
}

/**
 * Writes a synthetic DCE export: one file per channel or thread, named as DCE
 * names them (`Guild - Parent - channel [channelId].json`), messages sorted by
 * time. Files are streamed (memory stays flat however big they are) and each is
 * renamed into place only once complete.
 *
 * @example
 *   await writeSyntheticExport({ dir: 'tmp/huge', messages: 600_000, singleFile: true });
 */
export async function writeSyntheticExport(options: SyntheticExportOptions): Promise<SyntheticExport> {
  const opts = normaliseOptions(options);
  const mint = new SnowflakeMint();
  const guild = buildGuild(new Rng(opts.seed), mint, opts);
  const counts = allocate(guild.channels, opts.messages, opts.singleFile);
  mkdirSync(opts.dir, { recursive: true });

  const result: SyntheticExport = {
    dir: opts.dir, files: [], messages: 0, bytes: 0, guildId: guild.id, guildName: guild.name,
  };
  for (let i = 0; i < guild.channels.length; i++) {
    const count = counts[i];
    if (count === 0) continue; // DCE writes no file for an empty channel
    const channel = guild.channels[i];
    const file = path.join(opts.dir, fileNameFor(guild, channel));
    // A separate stream per file, so one file's content does not depend on the others' sizes.
    const rng = new Rng(mixSeed(opts.seed, i + 1));
    result.bytes += await writeChannelFile(file, guild, channel, count, rng, mint, opts, i);
    result.files.push(file);
    result.messages += count;
  }
  return result;
}

// ---------------------------------------------------------------------------
// Options

interface Options {
  dir: string;
  messages: number;
  seed: number;
  singleFile: boolean;
  guildId: string | null;
  guildName: string;
  localOffsets: boolean;
  newline: string;
}

function normaliseOptions(o: SyntheticExportOptions): Options {
  if (typeof o.dir !== 'string' || o.dir === '') throw new Error('option "dir" must be a non-empty path');
  if (!Number.isSafeInteger(o.messages) || o.messages < 0) {
    throw new Error(`option "messages" must be a non-negative integer, got ${String(o.messages)}`);
  }
  const seed = o.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new Error(`option "seed" must be an integer, got ${String(seed)}`);
  if (o.guildId !== undefined && !/^\d{17,20}$/.test(o.guildId)) {
    throw new Error(`option "guildId" must be a snowflake (17-20 digits), got "${o.guildId}"`);
  }
  if (o.newline !== undefined && o.newline !== '\n' && o.newline !== '\r\n') {
    throw new Error('option "newline" must be "\\n" or "\\r\\n"');
  }
  return {
    dir: o.dir,
    messages: o.messages,
    seed,
    singleFile: o.singleFile ?? false,
    guildId: o.guildId ?? null,
    guildName: o.guildName ?? 'Nightjar Dev Community',
    localOffsets: o.localOffsets ?? false,
    newline: o.newline ?? '\n',
  };
}

// ---------------------------------------------------------------------------
// Randomness, snowflakes, time

/** mulberry32: tiny, fast and good enough for test data; never Math.random. */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  /** Exponential with the given mean: gaps, sizes, counts with a long tail. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += HEX[this.int(16)];
    return out;
  }
  token(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += B64URL[this.int(64)];
    return out;
  }
}

const HEX = '0123456789abcdef';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function mixSeed(seed: number, salt: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt, 0xc2b2ae35)) >>> 0;
}

const DISCORD_EPOCH = 1_420_070_400_000;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Snowflakes from times: (ms - epoch) << 22 | counter, so ids sort like their times. */
class SnowflakeMint {
  private counter = 0;
  next(ms: number): string {
    const low = this.counter++ & 0x3fffff;
    return ((BigInt(ms - DISCORD_EPOCH) << 22n) | BigInt(low)).toString();
  }
}

function snowflakeMs(id: string): number {
  return Number(BigInt(id) >> 22n) + DISCORD_EPOCH;
}

/** Formats like System.Text.Json writes a DateTimeOffset: fraction trimmed of trailing zeros, `+00:00`. */
function formatTime(ms: number, extraTicks: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * MINUTE);
  const ticks = String((ms % 1000) * 10_000 + extraTicks).padStart(7, '0').replace(/0+$/, '');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}` +
    `T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}` +
    (ticks ? `.${ticks}` : '') +
    `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
  );
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Central European offset: +02:00 from the last Sunday of March to the last of October, 01:00 UTC. */
function centralEuropeOffset(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSundayUtc(year, 2) && ms < lastSundayUtc(year, 9) ? 120 : 60;
}

function lastSundayUtc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
}

/** Sorted uniform times without storing them: each is the minimum of the remaining draws. */
class SortedTimes {
  private x = 0;
  constructor(private readonly rng: Rng, private remaining: number, private readonly start: number, private readonly end: number) {}
  next(): number {
    this.x += (1 - this.x) * (1 - Math.pow(this.rng.next(), 1 / Math.max(1, this.remaining)));
    this.remaining--;
    return this.start + Math.floor(this.x * (this.end - this.start));
  }
}

/** Zipf-like ranks: a few members write most messages, as in real servers. */
class ZipfSampler {
  private readonly cdf: Float64Array;
  constructor(n: number, exponent: number) {
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) this.cdf[i] = sum += 1 / Math.pow(i + 1, exponent);
  }
  sample(rng: Rng): number {
    const target = rng.next() * this.cdf[this.cdf.length - 1];
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

// ---------------------------------------------------------------------------
// The guild: roles, members, emoji, channels and threads

interface Role { id: string; name: string; color: string | null; position: number }
interface Member {
  id: string; createdMs: number; name: string; discriminator: string; nickname: string; color: string | null;
  isBot: boolean; roles: Role[]; avatarUrl: string;
}
interface Emoji { id: string; name: string; code: string; isAnimated: boolean; imageUrl: string }
interface ThreadStart { id: string; ms: number }
interface ChannelPlan {
  id: string; type: string; parentId: string | null; parentName: string | null; name: string;
  topic: string | null; weight: number; startMs: number; endMs: number; botShare: number;
  announcesJoins: boolean;
  /** Threads started without a message: their ThreadCreated notices go in this channel. */
  threads: ThreadStart[];
  /** Forum posts open with a message whose id is the thread's id. */
  starterId: string | null;
}
interface Guild {
  id: string; name: string; iconUrl: string; exportMs: number;
  members: Member[]; bots: Member[]; mods: number[]; emojis: Emoji[]; channels: ChannelPlan[];
  activity: ZipfSampler;
}

const MEMBER_COUNT = 3000;

const ROLE_SPECS: ReadonlyArray<[string, string | null]> = [
  ['Admin', '#E74C3C'], ['Moderator', '#3498DB'], ['Bots', '#95A5A6'], ['Core Team', '#9B59B6'],
  ['Helper', '#2ECC71'], ['Server Booster', '#F47FFF'], ['Contributor', '#1ABC9C'],
  ['Veteran', '#E67E22'], ['Artist', '#F1C40F'], ['Musician', '#E91E63'], ['Events ping', null],
  ['Release ping', null], ['EU', null], ['NA', null], ['he/him', null], ['she/her', null], ['they/them', null],
];

const NAME_HEADS = ('shadow pixel luna frost byte echo nova maple quill rust ember koi sable tidal moss orbit velvet ' +
  'cobalt juniper zephyr crimson atlas birch cinder delta fable glimmer harbor indigo jasper kestrel lumen marlow ' +
  'nimbus onyx pebble quartz raven sorrel thistle umber vesper willow yarrow zinnia').split(' ');
const NAME_TAILS = 'fox wolf cat dev bean moth storm bird knight ling smith works hawk leaf root wave spark cloud stone'.split(' ');
const FANCY_NAMES = ['Zoë', 'René', 'Mika ✨', 'ゆき', 'Ольга', 'Ana Lúcia', '🌙 Luna', 'Søren', 'Chloé', 'Łukasz',
  'Jürgen', 'Dũng', '小明', 'Ayşe', 'Noé 🎧', 'Ingrid "Iggy"', 'Mateus\\Dev'];
const BOT_NAMES = ['Lanternbot', 'Ticketeer', 'Modwatch', 'Jukebox', 'Remindy', 'Statkeeper'];

const CUSTOM_EMOJI: ReadonlyArray<[string, boolean]> = [
  ['blobwave', true], ['catjam', true], ['nodders', true], ['lantern', false], ['ship_it', false],
  ['this', false], ['kekw', false], ['sadge', false], ['hmm', false], ['pog', false],
];
/** Standard emoji as DCE names them: the characters, and EmojiIndex's code. */
const STANDARD_EMOJI: ReadonlyArray<[string, string]> = [
  ['👍', 'thumbsup'], ['❤️', 'heart'], ['😂', 'joy'], ['🎉', 'tada'], ['👀', 'eyes'], ['🔥', 'fire'],
  ['✅', 'white_check_mark'], ['😭', 'sob'], ['🙏', 'pray'], ['💀', 'skull'], ['✨', 'sparkles'],
  ['🤔', 'thinking'], ['➕', 'heavy_plus_sign'], ['🇫🇷', 'flag_fr'], ['👨‍💻', 'man_technologist'],
];

interface ChannelSpec {
  name: string; type: string; parent: string; weight: number; topic: string | null;
  botShare?: number; joins?: boolean; day: number;
}
const CHANNEL_SPECS: ChannelSpec[] = [
  { name: 'announcements', type: 'GuildNews', parent: 'Information', weight: 1.5, botShare: 0.6, day: 1,
    topic: 'Release notes and server news. Follow this channel to get them in your own server.' },
  { name: 'general', type: 'GuildTextChat', parent: 'Community', weight: 34, joins: true, day: 0,
    topic: 'Anything goes (within the rules) — be nice \\o/' },
  { name: 'off-topic', type: 'GuildTextChat', parent: 'Community', weight: 13, day: 3, topic: null },
  { name: 'memes', type: 'GuildTextChat', parent: 'Community', weight: 8, day: 40, topic: 'Quality "content" only.' },
  { name: 'introductions', type: 'GuildTextChat', parent: 'Community', weight: 2.5, day: 2,
    topic: 'Say hi! Who are you, what do you build?' },
  { name: 'help', type: 'GuildTextChat', parent: 'Projects', weight: 12, botShare: 0.05, day: 5,
    topic: 'Ask for help here. Post logs in ``` blocks, not screenshots.' },
  { name: 'dev-talk', type: 'GuildTextChat', parent: 'Projects', weight: 8, day: 5, topic: 'Contributors, PRs, design.' },
  { name: 'showcase', type: 'GuildTextChat', parent: 'Projects', weight: 6, day: 380, topic: 'Show what you made 🎨' },
  { name: 'bot-commands', type: 'GuildTextChat', parent: 'Projects', weight: 3, botShare: 0.5, day: 90, topic: null },
  { name: 'lounge', type: 'GuildVoiceChat', parent: 'Voice', weight: 2, day: 10, topic: null },
];
interface ThreadSpec { name: string; parent: string; type: string; weight: number; days: number }
const THREAD_SPECS: ThreadSpec[] = [
  { name: 'release-planning', parent: 'dev-talk', type: 'GuildPublicThread', weight: 2.2, days: 45 },
  { name: 'bug: crash on startup (v2.3)', parent: 'help', type: 'GuildPublicThread', weight: 1.4, days: 12 },
  { name: 'mod-discussion', parent: 'general', type: 'GuildPrivateThread', weight: 1, days: 200 },
  { name: 'Movie night 🎬', parent: 'off-topic', type: 'GuildPublicThread', weight: 0.9, days: 3 },
  { name: 'weekly challenge #42', parent: 'showcase', type: 'GuildPublicThread', weight: 0.8, days: 8 },
];
const FORUM = { name: 'questions', parent: 'Projects', day: 600 };
const FORUM_POSTS = [
  { name: 'How do I configure the exporter?', weight: 0.8, days: 20 },
  { name: 'Docker build fails on ARM', weight: 0.5, days: 6 },
];

function buildGuild(rng: Rng, mint: SnowflakeMint, opts: Options): Guild {
  const createdMs = opts.guildId ? snowflakeMs(opts.guildId) : Date.UTC(2019, 3, 2, 17, 23, 41, 512);
  const id = opts.guildId ?? mint.next(createdMs);
  const exportMs = createdMs + 1990 * DAY + 4 * HOUR + 7 * MINUTE;

  const roles: Role[] = ROLE_SPECS.map(([name, color], i) => ({
    id: mint.next(createdMs + (i + 1) * 37 * MINUTE), name, color, position: ROLE_SPECS.length - i,
  }));
  const byName = (name: string): Role => roles.find((r) => r.name === name) as Role;
  const members: Member[] = [];
  for (let rank = 0; rank < MEMBER_COUNT; rank++) members.push(buildMember(rng, mint, id, rank, roles, createdMs, exportMs));
  const bots = BOT_NAMES.map((name, i) => buildBot(rng, mint, name, i, byName('Bots'), createdMs));

  // Moderators are among the regulars, as in most servers.
  const mods: number[] = [];
  for (const rank of [0, 2, 5, 9, 14, 23]) {
    const m = members[rank];
    m.roles = withRole(m.roles, rank < 3 ? byName('Admin') : byName('Moderator'));
    m.color = m.roles.find((r) => r.color)?.color ?? null;
    mods.push(rank);
  }

  const emojis = CUSTOM_EMOJI.map(([name, animated], i) => {
    const emojiId = mint.next(createdMs + (i + 2) * 11 * DAY);
    return { id: emojiId, name, code: name, isAnimated: animated,
      imageUrl: `https://cdn.discordapp.com/emojis/${emojiId}.${animated ? 'gif' : 'png'}` };
  });

  const lastMessageMs = exportMs - 2 * HOUR;
  const channels: ChannelPlan[] = [];
  const categoryIds = new Map<string, string>();
  const categoryId = (name: string): string => {
    if (!categoryIds.has(name)) categoryIds.set(name, mint.next(createdMs + categoryIds.size * 13 * MINUTE + HOUR));
    return categoryIds.get(name) as string;
  };
  for (const spec of CHANNEL_SPECS) {
    const start = createdMs + spec.day * DAY + rng.int(DAY);
    channels.push({
      id: mint.next(start), type: spec.type, parentId: categoryId(spec.parent), parentName: spec.parent,
      name: spec.name, topic: spec.topic, weight: spec.weight, startMs: start + 5 * MINUTE, endMs: lastMessageMs,
      botShare: spec.botShare ?? 0.025, announcesJoins: spec.joins ?? false, threads: [], starterId: null,
    });
  }
  for (const spec of THREAD_SPECS) {
    const parent = channels.find((c) => c.name === spec.parent) as ChannelPlan;
    const span = parent.endMs - parent.startMs - spec.days * DAY;
    const ms = parent.startMs + Math.floor(span * (0.3 + 0.6 * rng.next()));
    const thread = { id: mint.next(ms), ms };
    parent.threads.push(thread);
    channels.push(threadPlan(thread, spec.type, parent.id, parent.name, spec.name, spec.weight, spec.days));
  }
  const forumMs = createdMs + FORUM.day * DAY;
  const forumId = mint.next(forumMs);
  categoryId(FORUM.parent); // the forum sits in a category, its posts only name the forum
  for (const post of FORUM_POSTS) {
    const ms = forumMs + Math.floor((lastMessageMs - forumMs - post.days * DAY) * rng.next());
    const plan = threadPlan({ id: mint.next(ms), ms }, 'GuildPublicThread', forumId, FORUM.name, post.name, post.weight, post.days);
    plan.starterId = plan.id;
    channels.push(plan);
  }
  for (const c of channels) c.threads.sort((a, b) => a.ms - b.ms);

  return {
    id, name: opts.guildName, exportMs, members, bots, mods, emojis, channels,
    iconUrl: `https://cdn.discordapp.com/icons/${id}/${rng.hex(32)}.png?size=512`,
    activity: new ZipfSampler(MEMBER_COUNT, 1.0),
  };
}

function threadPlan(t: ThreadStart, type: string, parentId: string, parentName: string | null, name: string, weight: number, days: number): ChannelPlan {
  return {
    id: t.id, type, parentId, parentName, name, topic: null, weight, startMs: t.ms + 20 * SECOND,
    endMs: t.ms + days * DAY, botShare: 0.01, announcesJoins: false, threads: [], starterId: null,
  };
}

function buildMember(rng: Rng, mint: SnowflakeMint, guildId: string, rank: number, roles: Role[], guildMs: number, exportMs: number): Member {
  // Regulars and most members had accounts before the server existed; the rest signed up later.
  const earliest = Date.UTC(2015, 6, 1);
  const accountMs = rank < 60 || rng.chance(0.65)
    ? earliest + Math.floor(rng.next() * (guildMs - 30 * DAY - earliest))
    : guildMs + Math.floor(rng.next() * (exportMs - 60 * DAY - guildMs));
  const id = mint.next(accountMs);
  const head = rng.pick(NAME_HEADS);
  const tail = rng.pick(NAME_TAILS);
  const legacy = rng.chance(0.22); // accounts that never took a new-style username
  const name = `${head}${rng.pick(['', '_', '.'])}${tail}${rng.chance(0.5) ? rng.between(1, 2024) : ''}`;
  const globalName = rng.chance(0.1) ? null
    : rng.chance(0.1) ? rng.pick(FANCY_NAMES) : `${capitalise(head)} ${capitalise(tail)}`;
  const left = rank > 20 && rng.chance(0.12); // members who left keep no roles, no nick, no colour
  let nickname = globalName ?? name;
  if (!left && rng.chance(0.25)) nickname = rng.chance(0.5) ? `${nickname} | ${rng.pick(['he/him', 'she/her', 'away', 'EU'])}` : `[${rng.pick(['EU', 'NA', 'APAC'])}] ${nickname}`;

  let memberRoles: Role[] = [];
  if (!left) {
    // Regulars collect more roles; the first few roles (staff, bots) are handed out elsewhere.
    const wanted = Math.min(5, rank < 150 ? 2 + Math.floor(rng.exp(2.5)) : Math.floor(rng.exp(rank < 800 ? 2.2 : 1.2)));
    for (let i = 0; i < wanted; i++) memberRoles = withRole(memberRoles, roles[rng.between(3, roles.length - 1)]);
  }
  const index = legacy ? Number(BigInt(id) % 5n) : Number((BigInt(id) >> 22n) % 6n);
  const hash = `${rng.chance(0.08) ? 'a_' : ''}${rng.hex(32)}`;
  const roll = rng.next();
  const avatarUrl = roll < 0.1 ? `https://cdn.discordapp.com/embed/avatars/${index}.png`
    : roll < 0.15 && !left ? `https://cdn.discordapp.com/guilds/${guildId}/users/${id}/avatars/${hash}.${hash.startsWith('a_') ? 'gif' : 'png'}?size=512`
      : `https://cdn.discordapp.com/avatars/${id}/${hash}.${hash.startsWith('a_') ? 'gif' : 'png'}?size=512`;
  return {
    id, createdMs: accountMs, name, discriminator: legacy ? String(rng.between(1, 9999)).padStart(4, '0') : '0000',
    nickname, color: memberRoles.find((r) => r.color)?.color ?? null, isBot: false, roles: memberRoles, avatarUrl,
  };
}

function buildBot(rng: Rng, mint: SnowflakeMint, name: string, i: number, botsRole: Role, guildMs: number): Member {
  const createdMs = guildMs - (400 - i * 50) * DAY;
  const id = mint.next(createdMs);
  return {
    id, createdMs, name, discriminator: String(rng.between(1000, 9999)), nickname: name, color: botsRole.color, isBot: true,
    roles: [botsRole], avatarUrl: `https://cdn.discordapp.com/avatars/${id}/${rng.hex(32)}.png?size=512`,
  };
}

/** Roles as DCE lists them: highest position first, no duplicates. */
function withRole(roles: Role[], role: Role): Role[] {
  if (roles.includes(role)) return roles;
  return [...roles, role].sort((a, b) => b.position - a.position);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Splits the total by channel weight; remainders go to the largest fractions. */
function allocate(channels: ChannelPlan[], total: number, singleFile: boolean): number[] {
  if (singleFile) return channels.map((c) => (c.name === 'general' ? total : 0));
  const weightSum = channels.reduce((s, c) => s + c.weight, 0);
  const exact = channels.map((c) => (total * c.weight) / weightSum);
  const counts = exact.map(Math.floor);
  let rest = total - counts.reduce((s, n) => s + n, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) counts[order[k][1]]++;
  return counts;
}

/** DCE's default name, with the characters Windows forbids replaced by '_' as DCE does there. */
function fileNameFor(guild: Guild, c: ChannelPlan): string {
  const name = `${guild.name} - ${c.parentName ?? ''} - ${c.name} [${c.id}].json`;
  return name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_');
}

// ---------------------------------------------------------------------------
// JSON output, shaped like System.Text.Json's Utf8JsonWriter (Indented = true)

/** A user object, serialised once per member, shape and indentation, then reused. */
class UserRef {
  constructor(readonly member: Member, readonly withRoles: boolean) {}
}
type Json = null | boolean | number | string | UserRef | Json[] | { [key: string]: Json };

class JsonText {
  private readonly users = new Map<string, string>();
  constructor(private readonly nl: string) {}

  write(value: Json, indent: string): string {
    if (value === null) return 'null';
    if (typeof value === 'string') return quote(value);
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value instanceof UserRef) return this.user(value, indent);
    const inner = indent + '  ';
    let out: string;
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]';
      out = '[';
      for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + this.nl + inner + this.write(value[i], inner);
      return out + this.nl + indent + ']';
    }
    out = '{';
    let first = true;
    for (const key in value) {
      // Keys are this file's own ASCII constants: no escaping needed.
      out += (first ? '' : ',') + this.nl + inner + '"' + key + '": ' + this.write(value[key], inner);
      first = false;
    }
    return first ? '{}' : out + this.nl + indent + '}';
  }

  private user(ref: UserRef, indent: string): string {
    // Authors repeat constantly; caching their text is most of the generator's speed.
    const key = `${ref.member.id}|${ref.withRoles ? 1 : 0}|${indent.length}`;
    let text = this.users.get(key);
    if (text === undefined) {
      const m = ref.member;
      const obj: { [key: string]: Json } = {
        id: m.id, name: m.name, discriminator: m.discriminator, nickname: m.nickname, color: m.color, isBot: m.isBot,
      };
      if (ref.withRoles) obj.roles = m.roles.map((r) => ({ id: r.id, name: r.name, color: r.color, position: r.position }));
      obj.avatarUrl = m.avatarUrl;
      text = this.write(obj, indent);
      this.users.set(key, text);
    }
    return text;
  }
}

// Escaped besides '"' and '\\': controls (Cc), space separators other than ' ' (Zs),
// line/paragraph separators, private use, and every UTF-16 surrogate, i.e. all non-BMP text.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ud800-\uf8ff]/;
const ESCAPED = /["\\\u0000-\u001f\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ue000-\uf8ff]|[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;

function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? `"${s.replace(ESCAPED, escapeChars)}"` : `"${s}"`;
}

function escapeChars(c: string): string {
  switch (c) {
    case '"': return '\\"';
    case '\\': return '\\\\';
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
    case '\b': return '\\b';
    case '\f': return '\\f';
  }
  let out = '';
  for (let i = 0; i < c.length; i++) out += '\\u' + c.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return out;
}

/** Buffers text and writes it in ~1 MB chunks, waiting for 'drain' so memory stays flat. */
class ChunkedFile {
  private buffer = '';
  bytes = 0;
  constructor(private readonly stream: WriteStream) {}
  /** Returns true when the caller should await flush(). */
  push(text: string): boolean {
    this.buffer += text;
    return this.buffer.length >= 1 << 20;
  }
  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    this.bytes += Buffer.byteLength(chunk);
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

async function writeChannelFile(
  file: string, guild: Guild, channel: ChannelPlan, count: number, rng: Rng, mint: SnowflakeMint, opts: Options, index: number,
): Promise<number> {
  const partial = `${file}.partial`;
  const out = new ChunkedFile(createWriteStream(partial));
  const json = new JsonText(opts.newline);
  const nl = opts.newline;
  const offset = (ms: number): number => (opts.localOffsets ? centralEuropeOffset(ms) : 0);
  const time = (ms: number, extraTicks = 0): string => formatTime(ms, extraTicks, offset(ms));

  const channelJson: { [key: string]: Json } = {
    id: channel.id, type: channel.type, categoryId: channel.parentId, category: channel.parentName,
    name: channel.name, topic: channel.topic,
  };
  const exportedMs = guild.exportMs + index * 9 * SECOND + rng.int(9 * SECOND);
  const head = json.write({
    guild: { id: guild.id, name: guild.name, iconUrl: guild.iconUrl },
    channel: channelJson,
    dateRange: { after: null, before: null },
    exportedAt: time(exportedMs, rng.int(10_000)),
  }, '');
  out.push(head.slice(0, -(nl.length + 1)) + ',' + nl + '  "messages": [');

  const gen = new MessageFactory(rng, mint, guild, channel, time);
  const times = new SortedTimes(rng, count, channel.startMs, channel.endMs);
  for (let i = 0; i < count; i++) {
    const message = gen.next(times.next(), i === 0);
    if (out.push((i ? ',' : '') + nl + '    ' + json.write(message, '    '))) await out.flush();
  }
  out.push(nl + '  ],' + nl + '  "messageCount": ' + count + nl + '}');
  await out.close();
  renameSync(partial, file);
  return out.bytes;
}

// ---------------------------------------------------------------------------
// Messages

interface Recent { id: string; author: Member }
interface Content { text: string; emojis: Emoji[]; mentions: Member[]; link: string | null }
type Message = { [key: string]: Json };

const WORDS = ('the a to and i you it is that this for of on in my with just but so not be have what like do was are ' +
  'if can think its get know really now one build test fix works broke server bot update release code docs thread ' +
  'export file bug feature version issue merge branch tonight tomorrow today week yeah yep nope maybe probably ' +
  'actually honestly pretty good great nice weird cursed cool fun lol haha ok okay someone anyone everyone here there ' +
  'again still already always never after before because about time people thing stuff game music art config windows ' +
  'linux mac docker token channel message night coffee deadline review pipeline cache memory fast slow').split(' ');
const PHRASES = ['works on my machine', 'did you try turning it off and on again', 'ship it', 'can confirm, same here',
  'has anyone seen this error before', 'i think the cache is stale', 'just pushed a fix, can you pull and retry',
  "that's a known issue, there's a thread about it", 'the docs are out of date on this one', 'brb coffee',
  'who broke the build again', 'tests pass locally but not in CI', 'reading the changelog now',
  'pretty sure that was fixed in the last release', 'can someone review my PR when they have a minute',
  'good morning everyone', 'gn all', 'welcome to the server!', "i'll take a look tonight",
  'the new version is so much faster', 'it crashes when the file is bigger than 2 GB', 'what config are you using',
  'let me check the logs', 'ok that was the problem, thanks', 'honestly no idea', 'this channel is chaos today',
  'voice chat later?', 'happy friday', "i can't reproduce it", 'looks good to me', 'nice work on the release',
  'is there a way to export only one thread', 'the timestamps are off by an hour, daylight saving?',
  'maybe open an issue on github', 'that sounds like a permissions thing', "we're at 10k members!"];
const SHORT_REPLIES = ['lol', 'same', 'gg', 'true', '+1', 'nice!', 'ty', 'oh no', 'wait what', 'lmao', 'yes', 'no',
  'ok', 'agreed', 'F', 'based', 'this ^', 'hmm', 'brb', 'thanks!!'];
const OTHER_SCRIPTS = ["merci beaucoup, c'était génial\u00a0!", '¿alguien sabe cómo se configura esto?',
  'ありがとうございます！明日また試します', '谢谢大家，明天见', 'спасибо, теперь работает', 'das ist ja größer als gedacht',
  'naïve café résumé — voilà', 'Zażółć gęślą jaźń', 'Ελπίζω να δουλέψει', 'مرحبا بالجميع', 'नमस्ते सभी को',
  '한국어도 돼요?', 'Tiếng Việt cũng được nhé'];
const SNIPPETS = [
  'path is C:\\Users\\dev\\AppData\\Roaming\\lantern\\config.json, not the one in Program Files',
  'try this:\n```js\nconst re = /\\d+\\.\\d+/g;\nconsole.log("version:", re.exec(s));\n```',
  'she said "it\'s fine" and then it wasn\'t',
  '```\n$ lantern export --out "D:\\exports\\2023" --format json\nError: path "D:\\exports\\2023" not found\n```',
  'regex for that is `^\\s*#\\s*(\\w+)$` iirc',
  'the log just says:\n```\nTypeError: Cannot read properties of undefined (reading \'id\')\n    at parse (/app/lib/parse.js:42:17)\n```',
  'column\ttabs\tare\tfun (not)',
  '> is this still a thing?\nyes, since 2.1',
  'escape it like \\"this\\" or use single quotes',
];
const FILE_NAMES = ['image.png', 'unknown.png', 'clip.mp4', 'notes.txt', 'crash.log', 'design-v3.pdf', 'message.txt',
  'SPOILER_image.png', 'recording.ogg', 'IMG_####.jpg', 'Screenshot_####.png', 'config.json'];
const STICKERS: ReadonlyArray<[string, string, string]> = [
  ['Wave', 'Apng', 'png'], ['Laugh', 'Png', 'png'], ['Shrug', 'Lottie', 'json'], ['Party', 'Gif', 'gif'],
];

class MessageFactory {
  private readonly recent: Recent[] = [];
  private readonly pendingPins: string[] = [];
  private nextThread = 0;
  private lastMs = 0;
  private nowMs = 0;
  private readonly stickers: Array<{ id: string; name: string; format: string; ext: string }>;

  constructor(
    private readonly rng: Rng, private readonly mint: SnowflakeMint, private readonly guild: Guild,
    private readonly channel: ChannelPlan, private readonly time: (ms: number, extraTicks?: number) => string,
  ) {
    this.stickers = STICKERS.map(([name, format, ext], i) => ({ id: String(749054660769218631n + BigInt(i) * 7919n), name, format, ext }));
  }

  next(slotMs: number, first: boolean): Message {
    const { rng, channel } = this;
    const thread = channel.threads[this.nextThread];
    let ms = slotMs;
    this.nowMs = ms;
    let message: Message;
    if (first && channel.starterId) {
      ms = channel.startMs - 20 * SECOND;
      message = this.regular(channel.starterId, ms, this.member());
    } else if (thread && thread.ms <= slotMs) {
      // The notice takes this slot, at the thread's own time (still after the previous message).
      this.nextThread++;
      ms = Math.max(thread.ms, this.lastMs);
      message = this.system(ms, 'ThreadCreated', 'Started a thread.', this.member(), null, thread.id);
    } else if (this.pendingPins.length > 0 && rng.chance(0.2)) {
      const author = this.guild.members[rng.pick(this.guild.mods)];
      message = this.system(ms, 'ChannelPinnedMessage', 'Pinned a message.', author, this.pendingPins.shift() as string, channel.id);
    } else if (channel.announcesJoins && rng.chance(0.006)) {
      message = this.system(ms, 'GuildMemberJoin', 'Joined the server.', this.newcomer(), null, null);
    } else if (rng.chance(channel.botShare)) {
      message = this.bot(ms);
    } else {
      message = this.regular(null, ms, this.member());
    }
    this.lastMs = ms;
    return message;
  }

  /** An active member, by activity rank, whose account existed at the current message's time. */
  private member(): Member {
    for (let tries = 0; tries < 8; tries++) {
      const m = this.guild.members[this.guild.activity.sample(this.rng)];
      if (m.createdMs < this.nowMs) return m;
    }
    return this.guild.members[0];
  }

  /** Anyone can join, not only the regulars. */
  private newcomer(): Member {
    for (let tries = 0; tries < 32; tries++) {
      const m = this.guild.members[this.rng.int(MEMBER_COUNT)];
      if (m.createdMs < this.nowMs) return m;
    }
    return this.guild.members[MEMBER_COUNT - 1];
  }

  private remember(id: string, author: Member): void {
    this.recent.push({ id, author });
    if (this.recent.length > 64) this.recent.shift();
  }

  private skeleton(id: string, type: string, ms: number, author: Member, content: string): Message {
    return {
      id, type, timestamp: this.time(ms), timestampEdited: null, callEndedTimestamp: null, isPinned: false,
      content, author: new UserRef(author, true), attachments: [], components: [], embeds: [], stickers: [],
      reactions: [], mentions: [],
    };
  }

  private system(ms: number, type: string, content: string, author: Member, messageId: string | null, channelId: string | null): Message {
    const message = this.skeleton(this.mint.next(ms), type, ms, author, content);
    if (channelId) message.reference = { type: 'Default', messageId, channelId, guildId: this.guild.id };
    message.inlineEmojis = [];
    return message;
  }

  private regular(fixedId: string | null, ms: number, author: Member): Message {
    const { rng } = this;
    const id = fixedId ?? this.mint.next(ms);
    const forward = !fixedId && rng.chance(0.002);
    const replyTo = !forward && this.recent.length > 0 && rng.chance(0.13)
      ? this.recent[this.recent.length - 1 - Math.min(this.recent.length - 1, Math.floor(rng.exp(4)))] : null;
    const content = forward ? { text: '', emojis: [], mentions: [], link: null } : this.content(author);
    if (replyTo && replyTo.author !== author && rng.chance(0.6)) content.mentions.unshift(replyTo.author);

    const message = this.skeleton(id, replyTo ? 'Reply' : 'Default', ms, author, content.text);
    if (rng.chance(0.06)) message.timestampEdited = this.editedTime(ms);
    if (rng.chance(0.003)) {
      message.isPinned = true;
      this.pendingPins.push(id);
    }
    const attachments: Json[] = [];
    if (content.text === '' && !forward && rng.chance(0.8)) attachments.push(this.attachment(ms));
    else if (rng.chance(0.05)) for (let n = rng.between(1, 3); n > 0; n--) attachments.push(this.attachment(ms));
    message.attachments = attachments;
    if (content.link && rng.chance(0.8)) message.embeds = [this.linkEmbed(content.link)];
    if (rng.chance(0.005)) {
      const s = rng.pick(this.stickers);
      message.stickers = [{ id: s.id, name: s.name, format: s.format, sourceUrl: `https://cdn.discordapp.com/stickers/${s.id}.${s.ext}` }];
    }
    if (rng.chance(0.12)) message.reactions = this.reactions();
    message.mentions = dedupe(content.mentions).map((m) => new UserRef(m, true));
    if (replyTo) message.reference = { type: 'Default', messageId: replyTo.id, channelId: this.channel.id, guildId: this.guild.id };
    if (forward) {
      // Forwarded from another top-level channel of the guild.
      const k = rng.int(CHANNEL_SPECS.length);
      const source = this.guild.channels[this.guild.channels[k] === this.channel ? (k + 1) % CHANNEL_SPECS.length : k];
      const sourceMs = Math.max(source.startMs, ms - Math.floor(rng.exp(3 * DAY)));
      message.reference = { type: 'Forward', messageId: this.mint.next(sourceMs), channelId: source.id, guildId: this.guild.id };
      const inner = this.content(author);
      message.forwardedMessage = {
        timestamp: this.time(sourceMs), timestampEdited: null, content: inner.text, attachments: [], embeds: [], stickers: [],
      };
    }
    message.inlineEmojis = dedupeEmoji(content.emojis).map(emojiJson);
    this.remember(id, author);
    return message;
  }

  private bot(ms: number): Message {
    const { rng, guild } = this;
    const bot = this.channel.name === 'announcements' ? guild.bots[0] : rng.pick(guild.bots);
    const invoker = this.member();
    const slash = this.channel.name !== 'announcements' && rng.chance(0.35);
    const levelUp = !slash && rng.chance(0.4);
    const text = levelUp ? `GG @${invoker.nickname}, you just advanced to level ${rng.between(2, 60)}!` : '';
    // Slash-command replies are Discord type 20, which DCE has no name for: it writes the number.
    const message = this.skeleton(this.mint.next(ms), slash ? '20' : 'Default', ms, bot, text);
    if (!levelUp) message.embeds = [this.richEmbed(bot, ms)];
    if (rng.chance(0.15)) {
      message.components = [{ type: 'ActionRow', components: [{
        type: 'Button', style: 'Link', label: 'Open dashboard', url: 'https://nightjar.example/dashboard',
        customId: null, skuId: null, isDisabled: false,
      }] }];
    }
    if (rng.chance(0.08)) message.reactions = this.reactions();
    if (levelUp) message.mentions = [new UserRef(invoker, true)];
    if (slash) {
      message.interaction = {
        id: this.mint.next(ms - rng.between(200, 2500)), name: rng.pick(['rank', 'remind', 'ticket open', 'play', 'stats']),
        user: new UserRef(invoker, true),
      };
    }
    message.inlineEmojis = [];
    this.remember(message.id as string, bot);
    return message;
  }

  private editedTime(ms: number): string {
    const { rng } = this;
    const gap = rng.chance(0.1) ? rng.exp(3 * DAY) : 2 * SECOND + rng.exp(10 * MINUTE);
    // Discord stores edit times with microseconds: up to 6 fraction digits once trimmed.
    return this.time(Math.min(ms + Math.floor(gap), this.guild.exportMs - HOUR), rng.int(1000) * 10);
  }

  private content(author: Member): Content {
    const { rng } = this;
    const c: Content = { text: '', emojis: [], mentions: [], link: null };
    const roll = rng.next();
    if (roll < 0.04) return c; // attachment or sticker only
    if (roll < 0.2) c.text = rng.pick(SHORT_REPLIES);
    else if (roll < 0.25) c.text = rng.pick(OTHER_SCRIPTS);
    else if (roll < 0.28) c.text = rng.pick(SNIPPETS);
    else if (roll < 0.33) {
      c.link = this.link();
      c.text = `${this.sentence()} ${c.link}`;
    } else if (roll < 0.38) {
      const paragraphs: string[] = [];
      for (let p = rng.between(2, 5); p > 0; p--) paragraphs.push(this.sentences(rng.between(2, 5)));
      c.text = paragraphs.join('\n\n');
    } else c.text = this.sentences(1 + Math.floor(rng.exp(0.8)));

    if (rng.chance(0.07)) {
      const target = this.member();
      if (target !== author) {
        c.mentions.push(target);
        c.text = `@${target.nickname} ${c.text}`;
      }
    }
    if (rng.chance(0.05)) {
      const e = rng.pick(this.guild.emojis);
      c.emojis.push(e);
      c.text += ` :${e.name}:`;
    }
    if (rng.chance(0.12)) {
      const [char, code] = rng.pick(STANDARD_EMOJI);
      c.emojis.push(standardEmoji(char, code));
      c.text += ` ${char}`;
      if (rng.chance(0.3)) c.text += char;
    }
    return c;
  }

  private link(): string {
    const { rng } = this;
    switch (rng.int(5)) {
      case 0: return `https://github.com/nightjar-dev/lantern/pull/${rng.between(10, 4000)}`;
      case 1: return `https://docs.nightjar.example/guide/${rng.pick(['exporting', 'install', 'config'])}#${rng.pick(['threads', 'limits', 'faq'])}`;
      case 2: return `https://www.youtube.com/watch?v=${rng.token(11)}`;
      case 3: return `https://example.org/blog/${rng.between(2019, 2024)}/${rng.pick(WORDS)}-${rng.pick(WORDS)}`;
      default: return `https://gist.github.com/example-user/${rng.hex(32)}`;
    }
  }

  private sentences(n: number): string {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.sentence());
    return out.join(' ');
  }

  private sentence(): string {
    const { rng } = this;
    if (rng.chance(0.5)) {
      const phrase = rng.pick(PHRASES);
      return (rng.chance(0.3) ? capitalise(phrase) : phrase) + rng.pick(['', '', '.', '!', '?', ' lol']);
    }
    const words: string[] = [];
    for (let n = 2 + Math.floor(rng.exp(7)); n > 0; n--) words.push(rng.pick(WORDS));
    const text = words.join(' ');
    return (rng.chance(0.4) ? capitalise(text) : text) + rng.pick(['', '', '.', '!', '?', '...']);
  }

  private reactions(): Json[] {
    const { rng } = this;
    const out: Json[] = [];
    const used = new Set<string>();
    for (let n = 1 + Math.floor(rng.exp(0.6)); n > 0; n--) {
      const emoji = rng.chance(0.7) ? standardEmoji(...rng.pick(STANDARD_EMOJI)) : rng.pick(this.guild.emojis);
      if (used.has(emoji.name)) continue;
      used.add(emoji.name);
      const count = Math.min(80, 1 + Math.floor(rng.exp(2.5)));
      const reactors = new Set<Member>();
      for (let tries = 0; reactors.size < count && tries < count * 4; tries++) reactors.add(this.member());
      const users = [...reactors];
      // Reactors whose accounts are gone, or super reactions, leave the list shorter than the count.
      if (rng.chance(0.08) && users.length > 1) users.length -= rng.between(1, Math.min(2, users.length - 1));
      out.push({ emoji: emojiJson(emoji), count, users: users.map((m) => new UserRef(m, false)) });
    }
    return out;
  }

  private attachment(ms: number): Json {
    const { rng } = this;
    const id = this.mint.next(ms);
    const fileName = rng.pick(FILE_NAMES).replace('####', String(rng.between(1000, 9999)));
    const issued = Math.floor(this.guild.exportMs / SECOND);
    const url = `https://cdn.discordapp.com/attachments/${this.channel.id}/${id}/${fileName}` +
      `?ex=${(issued + 86_400).toString(16)}&is=${issued.toString(16)}&hm=${rng.hex(64)}&`;
    return { id, url, fileName, fileSizeBytes: 1_000 + Math.floor(rng.exp(400_000)) };
  }

  private linkEmbed(link: string): Json {
    const { rng } = this;
    const youtube = link.includes('youtube.com');
    const image = (canonical: string, width: number, height: number): Json => ({
      url: `https://images-ext-1.discordapp.net/external/${rng.token(43)}/${canonical.replace('://', '/')}`,
      canonicalUrl: canonical, width, height,
    });
    const embed: { [key: string]: Json } = {
      title: youtube ? `Building an exporter in 10 minutes (part ${rng.between(1, 9)})` : this.sentence(),
      url: link, timestamp: null, description: this.sentences(rng.between(1, 3)),
    };
    if (youtube) {
      const video = link.slice(link.indexOf('v=') + 2);
      embed.color = '#FF0000';
      embed.author = { name: 'Nightjar Tutorials', url: 'https://www.youtube.com/@nightjar-tutorials' };
      embed.thumbnail = image(`https://i.ytimg.com/vi/${video}/maxresdefault.jpg`, 1280, 720);
      embed.video = { url: `https://www.youtube.com/embed/${video}`, canonicalUrl: `https://www.youtube.com/embed/${video}`, width: 1280, height: 720 };
      embed.images = [];
    } else if (rng.chance(0.5)) {
      const img = image(`https://opengraph.example.org/${rng.hex(12)}.png`, 1200, 600);
      embed.image = img;
      embed.images = [img];
    } else {
      embed.thumbnail = image(`https://example.org/favicon-${rng.hex(6)}.png`, 256, 256);
      embed.images = [];
    }
    embed.fields = [];
    embed.inlineEmojis = [];
    return embed;
  }

  private richEmbed(bot: Member, ms: number): Json {
    const { rng } = this;
    const release = this.channel.name === 'announcements';
    const icon = bot.avatarUrl;
    const fields: Json[] = [];
    for (let n = release ? 3 : rng.between(0, 4); n > 0; n--) {
      fields.push({ name: capitalise(rng.pick(WORDS)), value: this.sentence(), isInline: rng.chance(0.5) });
    }
    return {
      title: release ? `Lantern v2.${rng.between(0, 30)}.${rng.between(0, 9)} released 🎉` : capitalise(this.sentence()),
      url: release ? `https://github.com/nightjar-dev/lantern/releases/tag/v2.${rng.between(0, 30)}.0` : null,
      timestamp: this.time(ms),
      description: release ? `**Highlights**\n- ${this.sentence()}\n- ${this.sentence()}\n- ${this.sentence()}` : this.sentences(rng.between(1, 2)),
      color: rng.pick(['#5865F2', '#57F287', '#FEE75C', '#EB459E']),
      author: { name: bot.name, url: null, iconUrl: icon, iconCanonicalUrl: icon },
      footer: { text: `${bot.name} • requested in #${this.channel.name}`, iconUrl: icon, iconCanonicalUrl: icon },
      images: [], fields, inlineEmojis: [],
    };
  }
}

function standardEmoji(char: string, code: string): Emoji {
  const points = [...char].map((ch) => (ch.codePointAt(0) as number).toString(16));
  // Twemoji drops the variation selector unless the emoji has a zero-width joiner.
  const id = points.includes('200d') ? points.join('-') : points.filter((p) => p !== 'fe0f').join('-');
  return { id: '', name: char, code, isAnimated: false, imageUrl: `https://cdn.jsdelivr.net/gh/twitter/twemoji@latest/assets/svg/${id}.svg` };
}

function emojiJson(e: Emoji): Json {
  return { id: e.id, name: e.name, code: e.code, isAnimated: e.isAnimated, imageUrl: e.imageUrl };
}

function dedupe<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function dedupeEmoji(items: Emoji[]): Emoji[] {
  const seen = new Set<string>();
  return items.filter((e) => !seen.has(e.name) && seen.add(e.name));
}

// ---------------------------------------------------------------------------
// CLI

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dir: { type: 'string' },
      messages: { type: 'string' },
      seed: { type: 'string' },
      'single-file': { type: 'boolean' },
      'local-offsets': { type: 'boolean' },
      crlf: { type: 'boolean' },
    },
    strict: true,
  });
  if (!values.dir) throw new Error('--dir is required');
  const started = performance.now();
  const result = await writeSyntheticExport({
    dir: values.dir,
    messages: Number(values.messages ?? '10000'),
    seed: values.seed === undefined ? undefined : Number(values.seed),
    singleFile: values['single-file'],
    localOffsets: values['local-offsets'],
    newline: values.crlf ? '\r\n' : '\n',
  });
  const seconds = (performance.now() - started) / 1000;
  const perMessage = result.messages ? Math.round(result.bytes / result.messages) : 0;
  console.log(
    `synthetic-dce: ${result.messages} messages in ${result.files.length} files, ` +
    `${(result.bytes / 1048576).toFixed(1)} MiB (${perMessage} B/message) in ${seconds.toFixed(1)} s -> ${result.dir}`,
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`synthetic-dce: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
