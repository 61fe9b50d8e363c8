import { afterEach, describe, expect, it } from 'vitest';
import { decodeCallback } from '../../src/app/callback-data.js';
import { frameworks } from '../support/bot-starters.js';
import type { FakeUser, SentMessage } from '../support/fake-bot-api.js';
import { askedTicket, settle } from './follow-up-conversation-helpers.js';
import { STAFF_CHAT, startFollowUpBot, translate as t, type FollowUpBot } from './follow-up-harness.js';

const button = (message: SentMessage, action: string) =>
  message.buttons.flat().find((b) => decodeCallback(b.data)?.action === action);
const MB = 1024 * 1024;
/** The staff chat's limiter is tried elsewhere; here it must not hold up the copies being looked at. */
const ROOMY = { staffLimiter: { max: 100, duration: 1_000 } };

/** Files both ways: copied with copyMessage (never downloaded), in order, named in the thread. */
describe.each(frameworks())('follow-ups: attachments (%s)', (framework) => {
  let bot: FollowUpBot;
  afterEach(async () => bot?.close());

  const ticketFrom = (user: FakeUser, question: string) => askedTicket(bot, user, question);
  const inStaffChat = (id: number) => bot.h.fake.messageInChat(STAFF_CHAT.id, id)!;
  const inChatOf = (user: FakeUser, id: number) => bot.h.fake.messageInChat(user.id, id)!;

  /** A ticket in conversation: staff asked something, the user has it. */
  async function conversation(user: FakeUser, question = 'Can my start-up join a community?') {
    const { number, post } = await ticketFrom(user, question);
    const anna = bot.staff('Anna');
    await bot.h.exchange(
      () =>
        bot.h.fake.sendText(anna, 'Please send your business plan.', {
          chat: STAFF_CHAT,
          replyTo: inStaffChat(post.messageId),
        }),
      STAFF_CHAT.id,
    );
    await bot.waitForUserMessages(user, 2);
    return { number, post, anna };
  }

  it("a user's files in a conversation reach staff in order as copies under the card, and the thread names them", async () => {
    bot = await startFollowUpBot({ framework, tuning: ROOMY });
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const { number, post } = await conversation(mia);

    const photo = await bot.h.exchange(
      () => bot.h.fake.sendMedia(mia, 'photo', {}, { caption: 'Our notice from the district' }),
      mia.id,
    );
    expect(photo.sent.map((m) => m.visibleText)).toEqual([
      t('en', 'followup:message_sent', { number: `#${number}` }),
    ]);
    const plan = bot.h.fake.sendDocument(mia, { content: '%PDF plan', fileName: 'plan.pdf' });
    const voice = bot.h.fake.sendMedia(mia, 'voice');
    await bot.h.handled(voice.update_id);

    const copies = (await bot.waitForStaffMessages(5)).slice(2);
    expect(copies.map((m) => m.copiedFrom)).toEqual([
      { chatId: mia.id, messageId: photo.update.message!.message_id },
      { chatId: mia.id, messageId: plan.message!.message_id },
      { chatId: mia.id, messageId: voice.message!.message_id },
    ]);
    expect(copies.every((m) => m.replyTo === post.messageId)).toBe(true);
    expect(copies[0]!.photo).toBeDefined();
    expect(copies[0]!.visibleText).toContain(`#${number} · Mia sent 📎 photo`);
    expect(copies[0]!.visibleText).toContain('Our notice from the district');
    expect(copies[1]!.document?.file_name).toBe('plan.pdf');
    expect(copies[2]!.voice).toBeDefined();
    expect(bot.h.fake.calls('getFile')).toEqual([]);

    const thread = await bot.runtime.store.thread(number);
    expect(thread.slice(1).map((e) => [e.from, e.attachment, e.text])).toEqual([
      ['user', 'photo', 'Our notice from the district'],
      ['user', 'document', ''],
      ['user', 'voice', ''],
    ]);
    const shown = await bot.h.exchange(
      () => bot.h.fake.sendCommand(bot.staff(), 'ticket', String(number), { chat: STAFF_CHAT }),
      STAFF_CHAT.id,
    );
    expect(shown.reply.visibleText).toContain('📎 photo · Our notice from the district');
  });

  it('staff answer with a file, by replying or with /reply in its caption: the user gets a copy with Back to automatic answers', async () => {
    bot = await startFollowUpBot({ framework, tuning: ROOMY });
    const mia = bot.h.user({ languageCode: 'de', firstName: 'Mia' });
    const { number, post, anna } = await conversation(mia, 'Kann mein Start-up einer Community beitreten?');

    bot.h.fake.sendDocument(
      anna,
      { content: 'form', fileName: 'antrag.pdf' },
      { chat: STAFF_CHAT, replyTo: inStaffChat(post.messageId), caption: 'Das Formular' },
    );
    bot.h.fake.sendMedia(anna, 'video', {}, { chat: STAFF_CHAT, caption: `/reply ${number} So geht es` });
    const [form, video] = (await bot.waitForUserMessages(mia, 4)).slice(2);
    expect(form!.document?.file_name).toBe('antrag.pdf');
    expect(form!.visibleText).toContain('Anna');
    expect(form!.visibleText).toContain('Das Formular');
    expect(form!.visibleText).toContain(`#${number}`);
    expect(button(form!, 'fa')?.text).toBe(t('de', 'followup:back_button'));
    expect(video!.video).toBeDefined();
    expect(video!.visibleText).toContain('So geht es');
    expect(video!.visibleText).not.toContain('/reply');

    // A reply to the copied file goes to the ticket like a reply to any relayed message.
    const answer = await bot.h.exchange(
      () => bot.h.fake.sendText(mia, 'Danke!', { replyTo: inChatOf(mia, form!.messageId) }),
      mia.id,
    );
    expect(answer.reply.visibleText).toBe(t('de', 'followup:message_sent', { number: `#${number}` }));
    const thread = await bot.runtime.store.thread(number);
    expect(thread.filter((e) => e.from === 'staff').map((e) => e.attachment ?? null)).toEqual([
      null,
      'document',
      'video',
    ]);
  });

  it('outside any ticket a file is offered to staff as a new ticket, its caption the question; the file follows the card', async () => {
    bot = await startFollowUpBot({ framework, tuning: ROOMY });
    const li = bot.h.user({ languageCode: 'zh', firstName: 'Li' });
    const sent = await bot.h.exchange(
      () => bot.h.fake.sendMedia(li, 'photo', {}, { caption: '这个通知是什么意思？' }),
      li.id,
    );
    expect(sent.sent[0]!.visibleText).toBe(t('zh', 'followup:attachment_offer'));
    const prompt = sent.sent[1]!;
    expect(prompt.visibleText).toContain('这个通知是什么意思？');
    const confirmed = await bot.h.tap(li, prompt, button(prompt, 'fy')!.data!);
    const number = Number(/#(\d{4})/.exec(confirmed.edited!.visibleText)![1]);
    const card = await bot.waitForStaffPost(number);
    const [copy] = (await bot.waitForStaffMessages(2)).filter((m) => m.copiedFrom);
    expect(copy!.photo).toBeDefined();
    expect(copy!.replyTo).toBe(card.messageId);
    expect(copy!.copiedFrom).toEqual({ chatId: li.id, messageId: sent.update.message!.message_id });

    // Staff replying to the copied file answer the ticket.
    await bot.h.exchange(
      () =>
        bot.h.fake.sendText(bot.staff(), 'Es ist eine Förderung.', {
          chat: STAFF_CHAT,
          replyTo: inStaffChat(copy!.messageId),
        }),
      STAFF_CHAT.id,
    );
    await bot.waitForUserMessages(li, 3);
    expect(bot.userMessages(li).at(-1)!.visibleText).toContain('Es ist eine Förderung.');
  });

  it("a copy of the question's file that fails for a moment (502) is retried alone: one card, one copy", async () => {
    bot = await startFollowUpBot({ framework, tuning: ROOMY });
    const toStaff = (params: Record<string, unknown>) => Number(params.chat_id) === STAFF_CHAT.id;
    bot.h.fake.failNext('copyMessage', { status: 502, description: 'Bad Gateway', when: toStaff });
    const li = bot.h.user({ languageCode: 'en', firstName: 'Li' });
    const sent = await bot.h.exchange(
      () => bot.h.fake.sendMedia(li, 'photo', {}, { caption: 'What does this notice mean?' }),
      li.id,
    );
    const prompt = sent.sent[1]!;
    const confirmed = await bot.h.tap(li, prompt, button(prompt, 'fy')!.data!);
    const number = Number(/#(\d{4})/.exec(confirmed.edited!.visibleText)![1]);
    const card = await bot.waitForStaffPost(number);
    await settle(() => bot.staffMessages().some((m) => m.copiedFrom), 'the copy');

    expect(bot.h.fake.calls('copyMessage').filter((c) => !c.ok)).toHaveLength(1);
    expect(bot.staffMessages().filter((m) => m.visibleText.includes(`Ticket #${number}`))).toEqual([card]);
    const copies = bot.staffMessages().filter((m) => m.copiedFrom);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.replyTo).toBe(card.messageId);
    expect(copies[0]!.copiedFrom).toEqual({ chatId: li.id, messageId: sent.update.message!.message_id });
  });

  it('limits: no caption, a kind the bot cannot pass on and a file over 20 MB are answered in the user language, and nothing reaches staff', async () => {
    bot = await startFollowUpBot({ framework, tuning: ROOMY });
    const anne = bot.h.user({ languageCode: 'fr' });
    const bare = await bot.h.exchange(() => bot.h.fake.sendMedia(anne, 'audio'), anne.id);
    expect(bare.reply.visibleText).toContain(t('fr', 'followup:attachment_no_caption'));
    const sticker = await bot.h.exchange(() => bot.h.fake.sendMedia(anne, 'sticker'), anne.id);
    expect(sticker.reply.visibleText).toBe(t('fr', 'errors:document_not_understood'));
    const big = await bot.h.exchange(
      () => bot.h.fake.sendMedia(anne, 'video', { size: 25 * MB }, { caption: 'Notre pitch' }),
      anne.id,
    );
    expect(big.reply.visibleText).toBe(t('fr', 'followup:attachment_too_big', { size: 25, max: 20 }));

    // In a conversation the same limits hold, in the ticket's language, and the thread is unchanged.
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const { number } = await conversation(mia);
    const inTalk = await bot.h.exchange(() => bot.h.fake.sendMedia(mia, 'sticker'), mia.id);
    expect(inTalk.reply.visibleText).toBe(t('en', 'followup:attachment_unsupported'));
    const huge = await bot.h.exchange(() => bot.h.fake.sendMedia(mia, 'photo', { size: 21 * MB }), mia.id);
    expect(huge.reply.visibleText).toBe(t('en', 'followup:attachment_too_big', { size: 21, max: 20 }));
    expect(await bot.runtime.store.thread(number)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.staffMessages().filter((m) => m.copiedFrom)).toEqual([]);
  });
});
