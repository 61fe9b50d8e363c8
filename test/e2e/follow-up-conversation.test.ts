import { afterEach, describe, expect, it } from 'vitest';
import { decodeCallback } from '../../src/app/callback-data.js';
import { frameworks } from '../support/bot-starters.js';
import type { FakeUser, SentMessage } from '../support/fake-bot-api.js';
import { askedTicket } from './follow-up-conversation-helpers.js';
import { startFollowUpBot, translate as t, type FollowUpBot } from './follow-up-harness.js';

const button = (message: SentMessage, action: string) =>
  message.buttons.flat().find((b) => decodeCallback(b.data)?.action === action);

/** A ticket becomes a conversation: a human takes over, messages go both ways in order, the thread is kept. */
describe.each(frameworks())('follow-ups: conversations (%s)', (framework) => {
  let bot: FollowUpBot;
  afterEach(async () => bot?.close());

  const ticketFrom = (user: FakeUser, question: string) => askedTicket(bot, user, question);

  const lastTo = (user: FakeUser) => bot.userMessages(user).at(-1)!;

  it('after the first staff message the user talks to staff, both ways, and /ticket shows the whole thread', async () => {
    bot = await startFollowUpBot({ framework });
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const { number, post } = await ticketFrom(mia, 'Can my start-up join a community?');
    const anna = bot.staff('Anna');
    await bot.staffReply(anna, 'Which city are you in?', post);
    await bot.waitForUserMessages(mia, 2);
    const question = lastTo(mia);
    expect(question.visibleText).toContain('Which city are you in?');
    expect(question.visibleText).toContain(`You are talking with our staff about #${number}`);
    expect(button(question, 'fa')?.text).toBe('🤖 Back to automatic answers');

    // A plain message: no knowledge-base answer, no new ticket, a quiet acknowledgement.
    const said = await bot.h.say(mia, 'Jinan, in the high-tech zone.');
    expect(said.sent.map((r) => r.visibleText)).toEqual([`✉️ Passed on to our staff (#${number}).`]);
    const relayed = (await bot.waitForStaffMessages(3)).at(-1)!;
    expect(relayed.visibleText).toContain(`#${number} · Mia wrote:`);
    expect(relayed.visibleText).toContain('Jinan, in the high-tech zone.');
    expect(relayed.replyTo).toBe(post.messageId);
    expect((await bot.runtime.store.get(number))?.state).toBe('claimed');

    // Staff answer the relayed message itself; the second staff message is a message, not "answered".
    await bot.staffReply(anna, 'Then the Jinan community is yours: apply online.', relayed);
    await bot.waitForUserMessages(mia, 4);
    expect(lastTo(mia).visibleText).toContain(`Anna (our staff, #${number}):`);
    expect(lastTo(mia).visibleText).not.toContain('answered your question');
    await bot.staffCommand(anna, 'note', `${number} asked twice about Jinan`);

    const shown = await bot.staffCommand(anna, 'ticket', String(number));
    const thread = shown.reply.visibleText;
    const order = [
      'Can my start-up join a community?',
      'Anna (staff)',
      'Which city are you in?',
      'Mia (user)',
      'Jinan, in the high-tech zone.',
      'Then the Jinan community is yours',
      'Anna (note)',
    ].map((part) => thread.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(await bot.runtime.store.thread(number)).toHaveLength(4);

    // The owner opens the thread from /mytickets; the note stays internal.
    const mine = await bot.h.command(mia, 'mytickets');
    const open = button(mine.reply, 'fh')!;
    expect(open.text).toBe(`📜 #${number}`);
    const opened = await bot.h.tap(mia, mine.reply, open.data!);
    expect(opened.sent.at(-1)!.visibleText).toContain('Which city are you in?');
    expect(opened.sent.at(-1)!.visibleText).toContain('You ·');
    expect(opened.sent.at(-1)!.visibleText).not.toContain('asked twice');
    const stranger = bot.h.user({ languageCode: 'en' });
    const forged = await bot.h.exchange(() => bot.h.fake.tapButton(stranger, mine.reply, open.data!), mia.id);
    expect(forged.toast?.text).toBe(t('en', 'followup:not_yours'));
  });

  it('Back to automatic answers and closing hand the user back to the bot; a reply to a relayed message still reaches staff', async () => {
    bot = await startFollowUpBot({ framework });
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const { number, post } = await ticketFrom(mia, 'Who funds the incubators?');
    const anna = bot.staff('Anna');
    await bot.staffReply(anna, 'Do you mean provincial funds?', post);
    await bot.waitForUserMessages(mia, 2);
    const relayed = lastTo(mia);
    const back = await bot.h.tap(mia, relayed, button(relayed, 'fa')!.data!);
    expect(back.sent.at(-1)!.visibleText).toContain('your messages go to the bot again');

    const question = await bot.h.say(mia, 'How can my company join a community?');
    expect(question.sent[0]!.visibleText).not.toContain('Passed on to our staff');
    const reply = await bot.h.exchange(
      () =>
        bot.h.fake.sendText(mia, 'Yes, provincial.', {
          replyTo: bot.h.fake.messageInChat(mia.id, relayed.messageId)!,
        }),
      mia.id,
    );
    expect(reply.sent.map((r) => r.visibleText)).toEqual([`✉️ Passed on to our staff (#${number}).`]);
    await bot.waitForStaffMessages(3);

    // Closing ends the conversation: a plain message is a question for the bot again.
    await bot.staffCommand(anna, 'close', String(number));
    const after = await bot.h.say(mia, 'How can my company join a community?');
    expect(after.sent.map((r) => r.visibleText).join()).not.toContain('Passed on');
    expect(after.sent.map((r) => r.visibleText).join()).not.toContain('open again');
    expect((await bot.runtime.store.thread(number)).filter((e) => e.from === 'user')).toHaveLength(1);
  });

  it('with two tickets in conversation a plain message goes to the one with the latest staff message', async () => {
    bot = await startFollowUpBot({ framework });
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const first = await ticketFrom(mia, 'First: what is a community?');
    const second = await ticketFrom(mia, 'Second: who can join?');
    const anna = bot.staff('Anna');
    await bot.staffReply(anna, 'About the second one: which sector?', second.post);
    await bot.waitForUserMessages(mia, 3);
    await bot.staffReply(anna, 'About the first one: it is a network.', first.post);
    await bot.waitForUserMessages(mia, 4);
    const said = await bot.h.say(mia, 'Great, thanks');
    expect(said.sent[0]!.visibleText).toBe(`✉️ Passed on to our staff (#${first.number}).`);
    expect(await bot.runtime.store.thread(second.number)).toHaveLength(1);
  });

  it('a failed relay never lets the next message overtake it: the user reads staff messages in order, once', async () => {
    bot = await startFollowUpBot({ framework });
    const mia = bot.h.user({ languageCode: 'de', firstName: 'Mia' });
    const { number } = await ticketFrom(mia, 'Wie lange dauert die Anerkennung?');
    bot.h.fake.failNext('sendMessage', { status: 503 });
    const anna = { id: 1, name: 'Anna' };
    for (const [i, text] of ['Erstens', 'Zweitens', 'Drittens'].entries())
      await bot.runtime.staffActions.write(number, anna, text, 700_000 + i);
    await bot.waitForUserMessages(mia, 4, 10_000);
    await new Promise((r) => setTimeout(r, 500));
    const texts = bot
      .userMessages(mia)
      .slice(1)
      .map((m) => m.visibleText);
    expect(texts).toHaveLength(3);
    expect(texts.map((m) => ['Erstens', 'Zweitens', 'Drittens'].find((w) => m.includes(w)))).toEqual([
      'Erstens',
      'Zweitens',
      'Drittens',
    ]);
  });
});
