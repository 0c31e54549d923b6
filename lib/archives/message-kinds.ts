/**
 * Which message kinds are people talking, and which are system notices (joins, pins, thread
 * created...). Kinds are DiscordChatExporter's names; kinds it has no name for are numbers as text
 * (the Discord API's `type`).
 */

/** Message kinds whose content was written by the author. */
export const CONVERSATIONAL_KINDS: ReadonlySet<string> = new Set([
  'Default',
  'Reply',
  // Numeric API types: 0 default, 19 reply, 20 slash-command response, 23 context-menu response.
  '0',
  '19',
  '20',
  '23',
]);

/** True for joins, pins, calls, renames and every other notice Discord writes itself. */
export function isSystemKind(kind: string): boolean {
  return !CONVERSATIONAL_KINDS.has(kind);
}

/** The kind of the notice Discord posts when someone joins the guild. */
export const MEMBER_JOIN_KIND = 'GuildMemberJoin';
