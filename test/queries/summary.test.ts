import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../lib/database/schema';
import { QueryParamError } from '../../lib/queries/query-error';
import { concentration, overview } from '../../lib/queries/summary';
import { buildGuild } from '../support/build-guild';
import { describeEachEngine } from '../support/engines';
import { SUMMARY_GUILD } from './summary-guild';

const guild = SUMMARY_GUILD.id;

describeEachEngine('summary metrics', (ctx) => {
  let db: Kysely<Database>;
  before(async () => {
    const { engine } = await ctx.fresh();
    await buildGuild(engine, SUMMARY_GUILD);
    db = engine.db;
  });

  test('overview by default leaves out bots and system notices', async () => {
    assert.deepEqual(await overview(db, { guild }), [{
      messages: 7, // m1 m2 m3 m4 m7 m9 m10 (m5 bot, m6 join, m8 pin left out)
      members: 6, // alice bob carol dave(pin) frank(join) erin(reacted); the bot left out
      communicators: 3, // alice bob carol
      channels: 3, // #general, #random, the thread
      first: '2024-01-01T10:00:00.000Z',
      last: '2024-01-08T10:00:00.000Z',
      botShare: 1 / 8, // 8 non-system messages, one by the bot
      systemShare: 2 / 10, // m6 and m8 of 10
    }]);
  });

  test('overview with bots, with staff left out, in a period, in channels', async () => {
    const [bots] = await overview(db, { guild, includeBots: 'true' });
    assert.deepEqual([bots.messages, bots.communicators, bots.members], [8, 4, 7]);

    const [noStaff] = await overview(db, { guild, staffRoles: 'Admin' });
    // alice (Admin) out: m2 m4 m9; bob and carol; #general and #random; members 6 - alice
    assert.deepEqual([noStaff.messages, noStaff.communicators, noStaff.channels, noStaff.members, noStaff.first, noStaff.last],
      [3, 2, 2, 5, '2024-01-01T10:05:00.000Z', '2024-01-07T23:00:00.000Z']);
    const [withStaff] = await overview(db, { guild, staffRoles: ['9300'], includeStaff: true });
    assert.equal(withStaff.messages, 7);

    const [period] = await overview(db, { guild, from: '2024-01-03', to: '2024-01-06' });
    // m4, m7 counted; seen: carol, frank, alice, and the reactors erin and bob
    assert.deepEqual([period.messages, period.communicators, period.channels, period.members], [2, 2, 2, 5]);

    // Midnight of 5 January in New York is 05:00Z, after m7 (00:30Z): m9 and m10 remain.
    const [newYork] = await overview(db, { guild, from: '2024-01-05', timeZone: 'America/New_York' });
    assert.equal(newYork.messages, 2);
    const [utc] = await overview(db, { guild, from: '2024-01-05' });
    assert.equal(utc.messages, 3);

    // A channel stands for its threads; a category for its channels.
    for (const channels of ['9201', ['9200']]) {
      const [general] = await overview(db, { guild, channels });
      assert.equal(general.messages, 5, String(channels)); // m1 m2 m3 m7 m10
    }
  });

  test('concentration over communicators', async () => {
    // alice 4, bob 2, carol 1; total 7. Gini of [1,2,4]: 2(1·1 + 2·2 + 3·4)/(3·7) − 4/3 = 34/21 − 28/21 = 6/21.
    // Top 1% and top 10% of 3 are ceil(0.03) = ceil(0.3) = 1 communicator: 4/7. Alice alone reaches half (4 ≥ 3.5).
    const [c] = await concentration(db, { guild });
    assert.equal(c.communicators, 3);
    assert.equal(c.messages, 7);
    assert.ok(Math.abs(c.gini - 6 / 21) < 1e-12, String(c.gini));
    assert.equal(c.top1Share, 4 / 7);
    assert.equal(c.top10Share, 4 / 7);
    assert.equal(c.absenceFactor, 1);
  });

  test('bad parameters are errors, not empty results', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ guild: '1' }, /unknown guild '1'.*9100 \(Summary Guild\)/],
      [{ guild: '' }, /a guild is required/],
      [{ guild, from: '2024-02-01', to: '2024-01-01' }, /empty or inverted/],
      [{ guild, from: '2024-01-01', to: '2024-01-01' }, /empty or inverted/],
      [{ guild, timeZone: 'Mars/Olympus' }, /unknown time zone 'Mars\/Olympus'/],
      [{ guild, from: 'last tuesday' }, /from must be a date/],
      [{ guild, from: '2024-02-30' }, /from must be a date/],
      [{ guild, channels: '123' }, /channel 123 is not in guild 9100/],
      [{ guild, includeBots: 'maybe' }, /includeBots must be true or false/],
    ];
    for (const [input, message] of cases) {
      await assert.rejects(overview(db, input as never), (e: unknown) => e instanceof QueryParamError && message.test(e.message), JSON.stringify(input));
    }
  });
});
