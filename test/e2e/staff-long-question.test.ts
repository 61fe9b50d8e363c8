import { afterEach, describe, expect, it } from 'vitest';
import { decodeCallback } from '../../src/app/callback-data.js';
import type { SentMessage } from '../support/fake-bot-api.js';
import { frameworks } from '../support/bot-starters.js';
import { STAFF_CHAT, startFollowUpBot, translate as t, type FollowUpBot } from './follow-up-harness.js';

/** The question as staff read it: the text of every quote in the ticket's messages, in order, unescaped. */
function quotedQuestion(messages: SentMessage[]): string {
  const unescape = (html: string) =>
    html
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  return messages
    .flatMap((m) => [...m.text.matchAll(/<blockquote>([\s\S]*?)<\/blockquote>/g)].map((q) => unescape(q[1]!)))
    .join('');
}

/**
 * Questions at the 2,000-character limit reach the staff chat whole, through the BullMQ worker: one made of
 * characters that HTML escaping lengthens, one of characters Telegram counts twice (emoji).
 */
describe.each(frameworks())('a long question reaches staff whole (%s)', (framework) => {
  let bot: FollowUpBot;
  afterEach(async () => bot?.close());

  async function ticketFrom(question: string) {
    const user = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const asked = await bot.h.command(user, 'ask', question);
    expect(asked.reply.visibleText).toContain(question);
    const send = asked.reply.buttons.flat().find((b) => decodeCallback(b.data)?.action === 'fy')!;
    const confirmed = await bot.h.tap(user, asked.reply, send.data!);
    const number = Number(/#(\d{4})/.exec(confirmed.edited!.visibleText)![1]);
    return { user, number, card: await bot.waitForStaffPost(number) };
  }

  it('2,000 characters of "<&": staff see all of it in the ticket, with the reply line intact', async () => {
    bot = await startFollowUpBot({ framework });
    const question = '<&'.repeat(1000);
    const { user, number, card } = await ticketFrom(question);

    expect(quotedQuestion([card])).toBe(question);
    expect(card.visibleText).toContain(t('en', 'staff:ticket_help', { number }));
    expect(card.buttons.flat().map((b) => decodeCallback(b.data)?.action)).toEqual(['sc', 'sa', 'sx']);

    const anna = bot.staff('Anna');
    const reply = bot.h.fake.sendText(anna, 'Yes, it is eligible.', {
      chat: STAFF_CHAT,
      replyTo: bot.h.fake.messageInChat(STAFF_CHAT.id, card.messageId)!,
    });
    await bot.h.handled(reply.update_id);
    await bot.waitForUserMessages(user, 2);
    expect(bot.userMessages(user).at(-1)!.visibleText).toContain('Yes, it is eligible.');
  });

  it('an answer of 3,000 characters of "<&" reaches the user whole', async () => {
    bot = await startFollowUpBot({ framework });
    const { user, card } = await ticketFrom('Is a ceramic filter start-up eligible?');
    const answer = '<&'.repeat(1500);
    const reply = bot.h.fake.sendText(bot.staff('Anna'), answer, {
      chat: STAFF_CHAT,
      replyTo: bot.h.fake.messageInChat(STAFF_CHAT.id, card.messageId)!,
    });
    await bot.h.handled(reply.update_id);
    await bot.waitForUserMessages(user, 2);
    expect(bot.userMessages(user).at(-1)!.visibleText).toContain(answer);
  });

  it('2,000 emoji (4,000 characters for Telegram): the question goes on in a second message', async () => {
    bot = await startFollowUpBot({ framework });
    const question = '😀'.repeat(2000);
    const { number, card } = await ticketFrom(question);
    const [continuation] = await bot.waitForStaffMessages(2).then((all) => all.slice(1));

    expect(quotedQuestion([card, continuation!])).toBe(question);
    expect(continuation!.replyTo).toBe(card.messageId);
    expect(continuation!.visibleText).toContain(`#${number}`);
    expect(card.visibleText).toContain(t('en', 'staff:ticket_help', { number }));
    expect(card.buttons.flat()).toHaveLength(3);
    for (const message of [card, continuation!]) expect(message.visibleText.length).toBeLessThanOrEqual(4096);
  });
});
