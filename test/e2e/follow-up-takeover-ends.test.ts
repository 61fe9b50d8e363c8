import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { THREAD_LIMITS } from '../../src/core/follow-up/thread.js';
import { frameworks } from '../support/bot-starters.js';
import type { FakeUser } from '../support/fake-bot-api.js';
import { button, openConversation, settle, userRelays } from './follow-up-conversation-helpers.js';
import { STAFF_CHAT, startFollowUpBot, type FollowUpBot } from './follow-up-harness.js';

const KB_QUESTION = 'Who leads the laser equipment community?';
const undeliverableNotices = (bot: FollowUpBot) =>
  bot.staffMessages().filter((m) => m.visibleText.includes('could not be delivered'));

/** How a human takeover ends: the user is back with the knowledge base; an unreachable user is reported once. */
describe.each(frameworks())('follow-ups: the end of a takeover (%s)', (framework) => {
  let bot: FollowUpBot;
  afterEach(async () => bot?.close());

  /** The user's plain message is a question for the knowledge base again (its answer, nothing passed on). */
  async function expectKnowledgeBaseAnswer(user: FakeUser) {
    const asked = await bot.h.say(user, KB_QUESTION);
    const title = bot.h.store.current().byId('laser-equipment')!.title.en;
    expect(asked.sent.map((m) => m.visibleText.startsWith(title))).toEqual([true]);
  }

  async function expectPassedOn(user: FakeUser, number: number) {
    const said = await bot.h.say(user, KB_QUESTION);
    expect(said.sent.map((m) => m.visibleText)).toEqual([`✉️ Passed on to our staff (#${number}).`]);
  }

  it('seven days without a staff message hand the user back to the knowledge base; less does not', async () => {
    bot = await startFollowUpBot({ framework });
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const { number } = await openConversation(bot, mia, 'Which community fits a battery start-up?');
    // The conversation's age is the score of the ticket in the user's talk index: the latest staff message.
    const redis = new Redis(bot.redisUrl);
    const talk = `${bot.namespace}desk:{fu}:telegram:user:${mia.id}:talk`;
    const lastStaffMessage = (ago: number) => redis.zadd(talk, 'XX', Date.now() - ago, String(number));
    try {
      await lastStaffMessage(THREAD_LIMITS.idleMs - 60_000);
      await expectPassedOn(mia, number);
      await lastStaffMessage(THREAD_LIMITS.idleMs + 60_000);
      await expectKnowledgeBaseAnswer(mia);
    } finally {
      await redis.quit();
    }
    // A new staff message takes over again.
    await bot.staffCommand(bot.staff('Anna'), 'reply', `${number} Are you still there?`);
    await settle(() => userRelays(bot, mia).length === 2, 'the new staff message');
    await expectPassedOn(mia, number);
  });

  it('an edited message in a conversation is not passed on a second time', async () => {
    bot = await startFollowUpBot({ framework });
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    await openConversation(bot, mia, 'Which community fits a battery start-up?');
    const passedOn = (text: string) => bot.staffMessages().filter((m) => m.visibleText.includes(text)).length;
    const sent = bot.h.fake.sendText(mia, 'We are in Qingdao, sorry for the typo');
    await bot.h.handled(sent.update_id);
    await settle(() => passedOn('sorry for the typo') === 1, 'the message to staff');
    await bot.h.exchange(() => bot.h.fake.editText(sent, 'We are in Qingdao, sorry for the typo!'), mia.id);
    await settle(() => true, 'anything sent late');
    expect(passedOn('sorry for the typo')).toBe(1);
  });

  it('closing and Back to automatic answers each hand the user back to the knowledge base', async () => {
    bot = await startFollowUpBot({ framework });
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const first = await openConversation(bot, mia, 'Which community fits a battery start-up?');
    const relayed = userRelays(bot, mia)[0]!;
    await bot.h.tap(mia, relayed, button(relayed, 'fa')!.data!);
    await expectKnowledgeBaseAnswer(mia);

    const second = await openConversation(bot, mia, 'Can a lab join two communities?');
    expect(second.number).not.toBe(first.number);
    await expectPassedOn(mia, second.number);
    await bot.staffCommand(bot.staff('Anna'), 'close', String(second.number));
    const asksRating = () => bot.userMessages(mia).some((m) => m.visibleText.includes('Did this solve'));
    await settle(asksRating, 'the rating question');
    await expectKnowledgeBaseAnswer(mia);
  });

  it('a user who blocked the bot is reported to staff once, not once per message; again after they came back', async () => {
    bot = await startFollowUpBot({ framework, tuning: { staffLimiter: { max: 50, duration: 1_000 } } });
    const sam = bot.h.user({ languageCode: 'en', firstName: 'Sam' });
    const { number, post } = await openConversation(bot, sam, 'Which community fits a battery start-up?');
    const anna = bot.staff('Anna');
    bot.h.fake.blockChat(sam.id);
    for (const text of ['Are you there?', 'We need your city.', 'Last try.'])
      await bot.staffReply(anna, text, post);
    const refusals = () =>
      bot.h.fake.calls('sendMessage').filter((c) => c.params.chat_id === sam.id && c.status === 403);
    await settle(() => refusals().length === 3, 'three refused relays');
    expect(undeliverableNotices(bot).map((m) => m.visibleText)).toEqual([
      `⚠️ The answer to #${number} could not be delivered: Sam has blocked the bot or deleted the chat.`,
    ]);

    // Sam comes back and writes: reachable again, so a later block is news for staff again.
    bot.h.fake.unblockChat(sam.id);
    await expectPassedOn(sam, number);
    await bot.staffReply(anna, 'Welcome back.', post);
    await settle(() => userRelays(bot, sam).length === 2, 'the welcome');
    bot.h.fake.blockChat(sam.id);
    await bot.staffReply(anna, 'Gone again?', post);
    await settle(() => undeliverableNotices(bot).length >= 2, 'the second notice');
    expect(undeliverableNotices(bot)).toHaveLength(2);
    expect(bot.staffMessages().every((m) => m.chatId === STAFF_CHAT.id)).toBe(true);
  });
});
