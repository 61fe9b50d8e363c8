import { afterEach, describe, expect, it } from 'vitest';
import { frameworks } from '../support/bot-starters.js';
import type { SentMessage } from '../support/fake-bot-api.js';
import {
  conversationWords,
  openConversation,
  settle,
  staffRelays,
  userRelays,
} from './follow-up-conversation-helpers.js';
import { STAFF_CHAT, startFollowUpBot, type FollowUpBot } from './follow-up-harness.js';

const STAFF_WORDS = ['Sapphire', 'Saffron', 'Sorrel'];
const USER_WORDS = ['Umber', 'Ultramarine', 'Ubiquity'];

/**
 * Telegram refusing one message of a conversation (429 with retry_after, or a 5xx) holds that message's
 * followers back until it is through: each side reads every message once, in the order it was written.
 */
describe.each(frameworks())('follow-ups: relay order under Telegram errors (%s)', (framework) => {
  let bot: FollowUpBot;
  afterEach(async () => bot?.close());

  it('interleaved messages both ways, one 429 and one 5xx in each direction: all arrive once and in order', async () => {
    bot = await startFollowUpBot({ framework, tuning: { staffLimiter: { max: 50, duration: 1_000 } } });
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const { number, post } = await openConversation(bot, mia, 'Which community fits a battery start-up?');
    const anna = bot.staff('Anna');

    const about = (chat: number, word: string) => (params: Record<string, unknown>) =>
      Number(params.chat_id) === chat && String(params.text).includes(word);
    const [s1, s2, s3] = STAFF_WORDS as [string, string, string];
    const [u1, u2, u3] = USER_WORDS as [string, string, string];
    bot.h.fake.failNext('sendMessage', { status: 429, retryAfter: 1, when: about(mia.id, s1) });
    bot.h.fake.failNext('sendMessage', { status: 502, when: about(mia.id, s2) });
    bot.h.fake.failNext('sendMessage', { status: 503, when: about(STAFF_CHAT.id, u1) });
    bot.h.fake.failNext('sendMessage', { status: 429, retryAfter: 1, when: about(STAFF_CHAT.id, u2) });

    for (const [staffSays, userSays] of [
      [s1, u1],
      [s2, u2],
      [s3, u3],
    ]) {
      await bot.staffReply(anna, `${staffSays}: a staff message`, post);
      const ack = await bot.h.say(mia, `${userSays}: a message from the user`);
      expect(ack.sent.map((m) => m.visibleText)).toEqual([`✉️ Passed on to our staff (#${number}).`]);
    }

    await settle(
      () => userRelays(bot, mia).length >= 4 && staffRelays(bot).length >= 3,
      'every relay delivered',
      15_000,
    );
    expect(bot.h.fake.calls('sendMessage').filter((c) => !c.ok)).toHaveLength(4);
    const words = (messages: SentMessage[], of: string[]) => messages.map((m) => conversationWords(m, of));
    expect(words(userRelays(bot, mia), ['Good question', ...STAFF_WORDS])).toEqual([
      'Good question',
      ...STAFF_WORDS,
    ]);
    expect(words(staffRelays(bot), USER_WORDS)).toEqual(USER_WORDS);
    expect(bot.userMessages(mia).filter((m) => m.visibleText.startsWith('✉️'))).toHaveLength(3);
  });
});
