import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeCallback } from '../../src/app/callback-data.js';
import { frameworks } from '../support/bot-starters.js';
import type { FakeUser, SentMessage } from '../support/fake-bot-api.js';
import { startFollowUpBot, translate as t, type FollowUpBot } from './follow-up-harness.js';

const button = (message: SentMessage, action: string, arg?: string) =>
  message.buttons.flat().find((b) => {
    const decoded = decodeCallback(b.data ?? '');
    return decoded?.action === action && (arg === undefined || decoded.args.at(-1) === arg);
  });

const DAY = 24 * 3600_000;

/** After staff close an answered ticket: the user rates it, and a reply reopens it (or, much later, follows it up). */
describe.each(frameworks())('follow-ups: ratings and reopening (%s)', (framework) => {
  let bot: FollowUpBot;
  afterEach(async () => bot?.close());

  async function answeredAndClosed(user: FakeUser, question: string) {
    const asked = await bot.h.command(user, 'ask', question);
    const confirmed = await bot.h.tap(user, asked.reply, button(asked.reply, 'fy')!.data!);
    const number = Number(/#(\d{4})/.exec(confirmed.edited!.visibleText)![1]);
    const post = await bot.waitForStaffPost(number);
    const anna = bot.staff('Anna');
    await bot.staffReply(anna, 'Apply on the provincial portal.', post);
    const answer = (await bot.waitForUserMessages(user, 2)).at(-1)!;
    const closed = await bot.staffCommand(anna, 'close', String(number));
    expect(closed.reply.visibleText).toContain('The user is asked whether it solved their question');
    const rating = (await bot.waitForUserMessages(user, 3)).at(-1)!;
    return { number, post, anna, answer, rating };
  }

  async function staffPostWith(text: string): Promise<SentMessage> {
    for (let waited = 0; waited < 5_000; waited += 25) {
      const found = bot.staffMessages().find((m) => m.visibleText.includes(text));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no staff-chat message with "${text}"`);
  }
  const replyTo = (user: FakeUser, message: SentMessage, text: string) =>
    bot.h.exchange(
      () =>
        bot.h.fake.sendText(user, text, { replyTo: bot.h.fake.messageInChat(user.id, message.messageId)! }),
      user.id,
    );

  it('👍 is stored on the ticket once, counted in metrics and /stats, and shown in /queue', async () => {
    bot = await startFollowUpBot({ framework });
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const { number, anna, rating } = await answeredAndClosed(mia, 'Who funds incubators?');
    expect(rating.visibleText).toContain(`Staff closed #${number}. Did this solve your question?`);
    expect(rating.buttons.flat().map((b) => b.text)).toEqual(['👍 Yes', '👎 No']);

    const stranger = bot.h.user({ languageCode: 'en' });
    const forged = await bot.h.exchange(
      () => bot.h.fake.tapButton(stranger, rating, button(rating, 'fr', 'u')!.data!),
      mia.id,
    );
    expect(forged.toast?.text).toBe(t('en', 'followup:not_yours'));
    expect((await bot.runtime.store.get(number))?.rating).toBeUndefined();

    const up = await bot.h.tap(mia, rating, button(rating, 'fr', 'u')!.data!);
    expect(up.toast?.text).toBe('Thank you for your rating!');
    expect(up.edited?.buttons.flat()).toEqual([]);
    const again = await bot.h.tap(mia, rating, button(rating, 'fr', 'd')!.data!);
    expect(again.toast?.text).toBe(`You have already rated #${number}.`);
    expect(await bot.runtime.store.get(number)).toMatchObject({ state: 'closed', rating: 'up' });
    const ratedToday = async () => (await bot.h.running.stats.days(Date.now(), 1))[0]!.ticketRatings;
    await expect.poll(ratedToday).toEqual(new Map([['👍', 1]]));
    expect(await bot.h.metrics.render()).toContain('desk_ticket_ratings_total{rating="up"} 1');

    const queue = await bot.staffCommand(anna, 'queue', '');
    expect(queue.reply.visibleText).toContain('Ratings, last 7 days: 👍 1 · 👎 0');
  });

  it('👎 asks what is missing, tells staff in the ticket thread, and the next message reopens the ticket', async () => {
    bot = await startFollowUpBot({ framework });
    const mia = bot.h.user({ languageCode: 'de', firstName: 'Mia' });
    const { number, post, rating } = await answeredAndClosed(mia, 'Wer fördert Inkubatoren?');
    const down = await bot.h.tap(mia, rating, button(rating, 'fr', 'd')!.data!);
    expect(down.edited?.buttons.flat()).toEqual([]);
    const prompt = down.sent.at(-1)!;
    expect(prompt.visibleText).toContain(`Was fehlt noch?`);
    expect(button(prompt, 'fa')).toBeDefined();
    const told = await staffPostWith(`👎 Mia says #${number} did not solve their question`);
    expect(told.replyTo).toBe(post.messageId);

    const missing = await bot.h.say(mia, 'Welche Fristen gelten?');
    expect(missing.sent.map((m) => m.visibleText)).toEqual([
      `🔁 #${number} ist wieder offen: an unser Team weitergeleitet.`,
    ]);
    const relayed = await staffPostWith(`🔁 #${number} reopened · Mia wrote:`);
    expect(relayed.visibleText).toContain('Welche Fristen gelten?');
    expect(relayed.replyTo).toBe(post.messageId);
    const ticket = await bot.runtime.store.get(number);
    expect(ticket).toMatchObject({ state: 'claimed', claimedBy: { name: 'Anna' }, rating: 'down' });
    expect(ticket?.closedAt).toBeUndefined();
    expect((await bot.runtime.store.thread(number)).at(-1)).toMatchObject({
      from: 'user',
      text: 'Welche Fristen gelten?',
    });
    const queue = await bot.staffCommand(bot.staff('Anna'), 'queue', '');
    expect(queue.reply.visibleText).toContain(`#${number}`);
    expect(queue.reply.visibleText).toContain('👍 0 · 👎 1');
  });

  it('a reply to a closed ticket reopens it within 7 days; later it starts a new ticket that names the old one', async () => {
    bot = await startFollowUpBot({ framework });
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const { number, post, anna, answer } = await answeredAndClosed(mia, 'Can a foreign founder join?');

    const reopened = await replyTo(mia, answer, 'One more thing: do I need a local partner?');
    expect(reopened.sent.map((m) => m.visibleText)).toEqual([
      `🔁 #${number} is open again: passed on to our staff.`,
    ]);
    const relayed = await staffPostWith(`#${number} reopened · Mia wrote:`);
    expect(relayed.replyTo).toBe(post.messageId);
    expect((await bot.runtime.store.get(number))?.state).toBe('claimed');
    // Reopened, the ticket is a conversation again: staff answer and close it once more.
    await bot.staffReply(anna, 'No partner needed.', relayed);
    await bot.staffCommand(anna, 'close', String(number));
    await bot.waitForUserMessages(mia, 6);

    // Eight days after the close, as if time had passed.
    const redis = new Redis(bot.redisUrl);
    const key = `${bot.namespace}desk:{fu}:ticket:${number}`;
    await redis.hset(key, 'closed_at', String(Date.now() - 8 * DAY));
    await redis.quit();
    const later = await replyTo(mia, answer, 'A year on: can I renew?');
    const next = number + 1;
    expect(later.sent.map((m) => m.visibleText)).toEqual([
      `#${number} was closed more than a week ago, so this starts a new ticket: #${next}. Our staff will see that it follows up #${number}.`,
    ]);
    const card = await bot.waitForStaffPost(next);
    expect(card.visibleText).toContain(`Follows up #${number}`);
    expect(card.visibleText).toContain('A year on: can I renew?');
    expect(await bot.runtime.store.get(next)).toMatchObject({ followsUp: number, state: 'waiting' });
    expect((await bot.runtime.store.get(number))?.state).toBe('closed');
  });

  it('a file sent as a reply to a closed ticket reopens it like a text; much later it starts a new ticket carrying the file', async () => {
    bot = await startFollowUpBot({ framework });
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const { number, answer } = await answeredAndClosed(mia, 'Which documents does the application need?');
    const replyingTo = { replyTo: bot.h.fake.messageInChat(mia.id, answer.messageId)! };

    const plan = await bot.h.exchange(
      () =>
        bot.h.fake.sendDocument(
          mia,
          { content: '%PDF plan', fileName: 'plan.pdf' },
          { ...replyingTo, caption: 'Our plan' },
        ),
      mia.id,
    );
    expect(plan.sent.map((m) => m.visibleText)).toEqual([
      `🔁 #${number} is open again: passed on to our staff.`,
    ]);
    await bot.waitForStaffMessages(1);
    for (let waited = 0; !bot.staffMessages().some((m) => m.copiedFrom); waited += 25) {
      if (waited > 5_000) throw new Error('the file never reached staff');
      await new Promise((r) => setTimeout(r, 25));
    }
    const copy = bot.staffMessages().find((m) => m.copiedFrom)!;
    expect(copy.copiedFrom).toEqual({ chatId: mia.id, messageId: plan.update.message!.message_id });
    expect((await bot.runtime.store.get(number))?.state).toBe('claimed');
    await bot.staffCommand(bot.staff('Anna'), 'close', String(number));

    const redis = new Redis(bot.redisUrl);
    await redis.hset(`${bot.namespace}desk:{fu}:ticket:${number}`, 'closed_at', String(Date.now() - 8 * DAY));
    await redis.quit();
    const bare = await bot.h.exchange(() => bot.h.fake.sendMedia(mia, 'photo', {}, replyingTo), mia.id);
    expect(bare.sent.map((m) => m.text)).toEqual([t('en', 'followup:attachment_no_caption')]);
    const photo = await bot.h.exchange(
      () => bot.h.fake.sendMedia(mia, 'photo', {}, { ...replyingTo, caption: 'The notice we got' }),
      mia.id,
    );
    const next = number + 1;
    expect(photo.sent.map((m) => m.visibleText)).toEqual([
      `#${number} was closed more than a week ago, so this starts a new ticket: #${next}. Our staff will see that it follows up #${number}.`,
    ]);
    expect(await bot.runtime.store.get(next)).toMatchObject({
      followsUp: number,
      question: 'The notice we got',
      attachment: { kind: 'photo', chatId: mia.id, messageId: photo.update.message!.message_id },
    });
  });
});
