import { REPLY, type GuildColumns } from '../columns';
import { perColumns } from '../columns/columns-memo';

/** Flag bits of `answeredMessages`. */
export const ANSWERED_BY_PERSON = 1;
export const ANSWERED_BY_BOT = 2;

/**
 * Per message, who replied to it: `ANSWERED_BY_PERSON` when a conversational, non-forward
 * message by another account that is not a bot references it, `ANSWERED_BY_BOT` when one by a
 * bot does (at any time, in any channel; staff are people here). Worked out once per columns.
 *
 * @example
 * const answered = answeredMessages(columns)[first] & (includeBots ? ANSWERED_BY_PERSON | ANSWERED_BY_BOT : ANSWERED_BY_PERSON);
 */
export const answeredMessages: (columns: GuildColumns) => Uint8Array = perColumns((columns) => {
  const { author, conversational, count, referenceKind, referenced } = columns.messages;
  const isBot = columns.users.isBot;
  const flags = new Uint8Array(count);
  for (let r = 0; r < count; r++) {
    const target = referenced[r];
    if (target < 0 || referenceKind[r] !== REPLY || conversational[r] === 0 || author[r] === author[target]) continue;
    flags[target] |= isBot[author[r]] === 1 ? ANSWERED_BY_BOT : ANSWERED_BY_PERSON;
  }
  return flags;
});
