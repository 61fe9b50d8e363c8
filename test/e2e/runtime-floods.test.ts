import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/translator.js';
import { frameworks } from '../support/bot-starters.js';
import { fakeUser, startFakeBotApi, type FakeBotApi, type FakeChat } from '../support/fake-bot-api.js';
import { baseEnv, startMain, until, type MainProcess } from '../support/main-process.js';

const t = createTranslator();
/** RATE_LIMIT_PER_MINUTE of these runs: lower than the default 20 only so that the paced answers end sooner. */
const LIMIT = 10;
const NOT_SERVED = 'runtime:private_chats_only';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Ids no other test uses: the bot runs with the deployment's own Redis keys (`desk:`) in the shared test
 * Redis, where rate counts outlive a test and every fake numbers its users from the same start.
 */
const freshId = () => 3_000_000_000 + Math.floor(Math.random() * 1e9);
const person = (languageCode: string) => fakeUser(freshId(), { languageCode });
const supergroup = (title: string): FakeChat => ({
  id: -1_000_000_000_000 - freshId(),
  type: 'supergroup',
  title,
});

describe.each(frameworks())('floods in polling mode on %s', { timeout: 60_000 }, (framework) => {
  let fake: FakeBotApi;
  let child: MainProcess;
  const staffChat = supergroup('Staff');
  const staffer = person('en');

  beforeAll(async () => {
    fake = await startFakeBotApi();
    child = startMain({
      ...(await baseEnv(fake, framework)),
      STAFF_CHAT_ID: String(staffChat.id),
      // No follow-up worker: these runs share the test Redis with other files' queues.
      ROLE: 'bot',
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
    });
    await until('long polling', () => child.output().includes('long polling started'), 30_000, child);
  }, 60_000);
  afterAll(async () => {
    child?.process.kill('SIGKILL');
    await child?.exit;
    await fake?.close();
  });

  /** Someone else asks a question and the staff chat asks for /help: how long each waited for its answer. */
  async function othersWait(): Promise<{ user: number; staff: number }> {
    const other = person('en');
    const since = fake.mark();
    const pushed = Date.now();
    fake.sendText(other, 'What is the 1+30+N system?');
    fake.sendCommand(staffer, 'help', '', { chat: staffChat });
    const answerIn = (chatId: number) =>
      fake.waitForCall('sendMessage', (c) => c.params.chat_id === chatId, 20_000, { since });
    const [user, staff] = await Promise.all([answerIn(other.id), answerIn(staffChat.id)]);
    return { user: user.at - pushed, staff: staff.at - pushed };
  }

  it('200 messages from one user in a second: LIMIT answers and one notice; everyone else within 2 s', async () => {
    const flooder = person('de');
    for (let i = 0; i < 200; i++) fake.sendText(flooder, 'Was ist das 1+30+N System?');
    const waits = await othersWait();
    expect(waits.user, 'another user waited (ms)').toBeLessThan(2_000);
    expect(waits.staff, 'the staff chat waited (ms)').toBeLessThan(2_000);
    await until('the flooder answered', () => fake.sentTo(flooder.id).length > LIMIT, 30_000, child);
    await sleep(1_500);
    const got = fake.sentTo(flooder.id);
    expect(got).toHaveLength(LIMIT + 1);
    expect(got.at(-1)!.text).toBe(t('de', 'runtime:rate_limited'));
  });

  it('120 commands in a group it does not serve: one notice in the group language, it leaves, everyone else within 2 s', async () => {
    const group = supergroup('Flood');
    const member = person('de-AT');
    for (let i = 0; i < 120; i++) fake.sendCommand(member, 'help', '', { chat: group });
    const waits = await othersWait();
    expect(waits.user, 'another user waited (ms)').toBeLessThan(2_000);
    expect(waits.staff, 'the staff chat waited (ms)').toBeLessThan(2_000);
    await until('the bot leaving the group', () => fake.leftChats.has(group.id), 10_000, child);
    await sleep(500);
    expect(fake.sentTo(group.id).map((m) => m.text)).toEqual([t('de', NOT_SERVED)]);
    expect(fake.calls('leaveChat').filter((c) => c.params.chat_id === group.id)).toHaveLength(1);
  });

  it('added to another group or a channel: says so once in the language of who added it, and leaves', async () => {
    const group = supergroup('Voisins');
    const channel: FakeChat = { ...supergroup('News'), type: 'channel' };
    const removedFrom = supergroup('Gone');
    const [fr, zh] = [person('fr-CA'), person('zh-hans')];
    fake.changeMembership(fr, group);
    fake.sendText(fr, 'Bonjour à tous', { chat: group });
    fake.changeMembership(zh, channel, 'administrator');
    fake.changeMembership(fr, removedFrom, 'kicked');
    fake.changeMembership(staffer, staffChat, 'administrator');
    const left = () => fake.leftChats.has(group.id) && fake.leftChats.has(channel.id);
    await until('the bot leaving both', left, 10_000, child);
    await sleep(500);
    expect(fake.sentTo(group.id).map((m) => m.text)).toEqual([t('fr', NOT_SERVED)]);
    expect(fake.sentTo(channel.id).map((m) => m.text)).toEqual([t('zh', NOT_SERVED)]);
    expect(fake.sentTo(removedFrom.id)).toEqual([]);
    const leaveCalls = fake.calls('leaveChat').map((c) => c.params.chat_id);
    expect(leaveCalls).not.toContain(removedFrom.id);
    expect(leaveCalls).not.toContain(staffChat.id);
  });

  it('120 commands from one user in a chat it serves: LIMIT answers and one notice; everyone else within 2 s', async () => {
    const flooder = person('fr');
    for (let i = 0; i < 120; i++) fake.sendCommand(flooder, 'help');
    const waits = await othersWait();
    expect(waits.user, 'another user waited (ms)').toBeLessThan(2_000);
    expect(waits.staff, 'the staff chat waited (ms)').toBeLessThan(2_000);
    await until('the flooder answered', () => fake.sentTo(flooder.id).length > LIMIT, 30_000, child);
    await sleep(1_500);
    const got = fake.sentTo(flooder.id);
    expect(got).toHaveLength(LIMIT + 1);
    expect(got.at(-1)!.text).toBe(t('fr', 'runtime:rate_limited'));
  });

  it('button taps have their own allowance, three times the messages, and do not use up the messages', async () => {
    const user = person('fr');
    fake.sendText(user, 'Qu’est-ce que le système 1+30+N ?');
    await until('the answer', () => fake.sentTo(user.id).length === 1, 10_000, child);
    const answer = fake.sentTo(user.id)[0]!;
    const since = fake.mark();
    const taps = Array.from({ length: 3 * LIMIT + 2 }, () => fake.tapButton(user, answer, '0:stale'));
    const answered = () => fake.calls('answerCallbackQuery').filter((c) => c.seq > since && c.ok);
    await until('every tap answered', () => answered().length === taps.length, 15_000, child);
    const toastOf = (update: (typeof taps)[number]) =>
      answered().find((c) => c.params.callback_query_id === update.callback_query!.id)!.params;
    for (const tap of taps.slice(0, 3 * LIMIT)) {
      expect(toastOf(tap).text).toBe(t('fr', 'errors:stale_button'));
    }
    expect(toastOf(taps[3 * LIMIT]!)).toMatchObject({
      text: t('fr', 'runtime:rate_limited'),
      show_alert: true,
    });
    expect(toastOf(taps[3 * LIMIT + 1]!).text).toBeUndefined();
    // The taps did not count as messages: a question is still answered.
    fake.sendText(user, 'Qu’est-ce que le système 1+30+N ?');
    await until('the second answer', () => fake.sentTo(user.id).length === 2, 10_000, child);
  });

  // Last: the staff chat's own replies stay backed up for a while after this.
  it('120 commands in the staff chat: its backlog is bounded (logged at warn), everyone else within 2 s', async () => {
    for (let i = 0; i < 120; i++) fake.sendCommand(staffer, 'help', '', { chat: staffChat });
    const other = person('en');
    const pushed = Date.now();
    fake.sendText(other, 'What is the 1+30+N system?');
    const reply = await fake.waitForCall('sendMessage', (c) => c.params.chat_id === other.id, 20_000);
    expect(reply.at - pushed, 'another user waited (ms)').toBeLessThan(2_000);
    await until('a warning about the backlog', () => /"level":40[^\n]*backlog/.test(child.output()), 5_000);
    const warning = child
      .output()
      .split('\n')
      .find((line) => /"level":40[^\n]*backlog/.test(line))!;
    expect(warning).toContain(String(staffChat.id));
  });
});
