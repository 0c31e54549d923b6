import type { GuildSpec } from '../support/build-guild';

/**
 * A small guild for the summary metrics, small enough to count by hand:
 *
 *   m1  alice  #general  2024-01-01 10:00Z
 *   m2  bob    #general  2024-01-01 10:05Z  reply to m1, mentions alice
 *   m3  alice  #general  2024-01-02 09:00Z
 *   m4  carol  #random   2024-01-03 12:00Z  👍 by erin and bob
 *   m5  bot    #random   2024-01-03 12:01Z  (a bot)
 *   m6  frank  #general  2024-01-04 08:00Z  GuildMemberJoin (system)
 *   m7  alice  thread    2024-01-05 00:30Z  (thread of #general)
 *   m8  dave   #general  2024-01-06 15:00Z  ChannelPinnedMessage (system)
 *   m9  bob    #random   2024-01-07 23:00Z
 *   m10 alice  #general  2024-01-08 10:00Z
 *
 * alice holds the Admin role; #general is in the category "Main".
 */
export const SUMMARY_GUILD: GuildSpec = {
  id: '9100',
  name: 'Summary Guild',
  channels: [
    { id: '9200', name: 'Main', kind: 'GuildCategory' },
    { id: '9201', name: 'general', category: '9200' },
    { id: '9202', name: 'random' },
    { id: '9203', name: 'a thread', parent: '9201' },
  ],
  roles: [{ id: '9300', name: 'Admin' }],
  users: [
    { id: '9401', name: 'alice', roles: ['9300'] },
    { id: '9402', name: 'bob' },
    { id: '9403', name: 'carol' },
    { id: '9404', name: 'dave' },
    { id: '9405', name: 'helperbot', bot: true },
    { id: '9406', name: 'erin' },
    { id: '9407', name: 'frank' },
  ],
  messages: [
    { id: '9501', channel: '9201', author: '9401', at: '2024-01-01T10:00:00Z' },
    { id: '9502', channel: '9201', author: '9402', at: '2024-01-01T10:05:00Z', replyTo: '9501', mentions: ['9401'] },
    { id: '9503', channel: '9201', author: '9401', at: '2024-01-02T09:00:00Z' },
    { id: '9504', channel: '9202', author: '9403', at: '2024-01-03T12:00:00Z', reactions: { '👍': ['9406', '9402'] } },
    { id: '9505', channel: '9202', author: '9405', at: '2024-01-03T12:01:00Z' },
    { id: '9506', channel: '9201', author: '9407', at: '2024-01-04T08:00:00Z', kind: 'GuildMemberJoin' },
    { id: '9507', channel: '9203', author: '9401', at: '2024-01-05T00:30:00Z' },
    { id: '9508', channel: '9201', author: '9404', at: '2024-01-06T15:00:00Z', kind: 'ChannelPinnedMessage' },
    { id: '9509', channel: '9202', author: '9402', at: '2024-01-07T23:00:00Z' },
    { id: '9510', channel: '9201', author: '9401', at: '2024-01-08T10:00:00Z' },
  ],
};
