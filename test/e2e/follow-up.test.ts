import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCallback } from '../../src/app/callback-data.js';
import { frameworks } from '../support/bot-starters.js';
import { startFollowUpBot, translate as t, type FollowUpBot } from './follow-up-harness.js';

/** The user's side of follow-ups, end to end: real bot, real Redis, loopback Bot API, in-process worker. */
describe.each(frameworks())('follow-ups: the user side (%s)', (framework) => {
  let bot: FollowUpBot;
  beforeAll(async () => {
    bot = await startFollowUpBot({ framework });
  });
  afterAll(async () => bot?.close());

  const buttonWith = (message: { buttons: { text: string; data?: string }[][] }, action: string) =>
    message.buttons.flat().find((b) => decodeCallback(b.data)?.action === action);

  it('"I don\'t know" offers "Ask our staff"; a tap shows the question back; confirming gives a number that exists', async () => {
    const h = bot.h;
    const user = h.user({ languageCode: 'en', firstName: 'Mia' });
    const { reply } = await h.say(user, 'What is the weather in Jinan tomorrow?');
    expect(reply.text).toBe(t('en', 'question:unknown'));
    const offer = buttonWith(reply, 'fo')!;
    expect(offer.text).toBe(t('en', 'followup:offer_button'));
    expect(Buffer.byteLength(offer.data!)).toBeLessThan(64);

    const shown = await h.tap(user, reply, offer.data!);
    const prompt = shown.reply;
    expect(prompt.visibleText).toContain('What is the weather in Jinan tomorrow?');
    const send = buttonWith(prompt, 'fy')!;

    const confirmed = await h.tap(user, prompt, send.data!);
    expect(confirmed.edited!.visibleText).toMatch(/ticket #\d{4}/);
    const number = Number(/#(\d{4})/.exec(confirmed.edited!.visibleText)![1]);
    // Stored before the user was told: the ticket is readable right away.
    expect(await bot.runtime.store.get(number)).toMatchObject({
      state: 'waiting',
      userName: 'Mia',
      lang: 'en',
    });
    const staffPost = await bot.waitForStaffMessages(1);
    expect(staffPost.some((m) => m.text.includes(`#${number}`))).toBe(true);
  });

  it('"did you mean" carries the offer too, in the language of the question', async () => {
    const user = bot.h.user({ languageCode: 'en' });
    const { reply } = await bot.h.say(user, 'materials community');
    expect(reply.text).toBe(t('en', 'question:did_you_mean'));
    expect(buttonWith(reply, 'fo')?.text).toBe(t('en', 'followup:offer_button'));
  });

  it('/ask <text> asks to confirm in the question language; Cancel sends nothing', async () => {
    const user = bot.h.user({ languageCode: 'de' });
    const { reply } = await bot.h.command(user, 'ask', 'Wie hoch ist die Förderung für Startups in Qingdao?');
    expect(reply.visibleText).toContain('Diese Frage an unser Team senden?');
    const cancelled = await bot.h.tap(user, reply, buttonWith(reply, 'fn')!.data!);
    expect(cancelled.edited!.visibleText).toBe(t('de', 'followup:cancelled'));
    expect(await bot.runtime.requests.mine({ channel: 'telegram', userId: user.id })).toEqual([]);
  });

  it('"I want to talk to a person" asks for the question, and the next message becomes it', async () => {
    const user = bot.h.user({ languageCode: 'zh-hans' });
    const first = await bot.h.say(user, '转人工');
    expect(first.reply.text).toBe(t('zh', 'followup:ask_person'));
    const second = await bot.h.say(user, '我们公司想加入激光装备共同体，需要准备什么材料？');
    expect(second.reply.visibleText).toContain('要把这个问题发给我们的工作人员吗？');
    expect(second.reply.visibleText).toContain('需要准备什么材料');
  });

  it.each([
    ['en', 'I want to talk to a person'],
    ['de', 'Ich möchte mit einem Menschen sprechen'],
    ['fr', 'Je voudrais parler à une personne'],
  ] as const)('understands the request for a person in %s', async (lang, text) => {
    const user = bot.h.user({ languageCode: lang });
    const { reply } = await bot.h.say(user, text);
    expect(reply.text).toBe(t(lang, 'followup:ask_person'));
  });

  it('a second tap on Send, or the same question within a minute, is the same ticket', async () => {
    const user = bot.h.user({ languageCode: 'en' });
    const asked = await bot.h.command(user, 'ask', 'Is there a deadline for the third batch?');
    const send = buttonWith(asked.reply, 'fy')!.data!;
    const first = await bot.h.tap(user, asked.reply, send);
    const again = await bot.h.tap(user, asked.reply, send);
    const number = /#\d{4}/.exec(first.edited!.visibleText)![0];
    expect(again.edited?.visibleText ?? again.sent[0]?.visibleText).toContain(number);

    const retyped = await bot.h.command(user, 'ask', 'is there a deadline for the third batch');
    const dup = await bot.h.tap(user, retyped.reply, buttonWith(retyped.reply, 'fy')!.data!);
    expect(dup.edited!.visibleText).toBe(t('en', 'followup:duplicate', { number }).replace(/<\/?b>/g, ''));
    expect(await bot.runtime.requests.mine({ channel: 'telegram', userId: user.id })).toHaveLength(1);
  });

  it('refuses a fourth open ticket and a question over 2,000 characters, with clear messages', async () => {
    const user = bot.h.user({ languageCode: 'fr' });
    for (const q of ['Première question ?', 'Deuxième question ?', 'Troisième question ?']) {
      const asked = await bot.h.command(user, 'ask', q);
      await bot.h.tap(user, asked.reply, buttonWith(asked.reply, 'fy')!.data!);
    }
    const fourth = await bot.h.command(user, 'ask', 'Quatrième question ?');
    const refused = await bot.h.tap(user, fourth.reply, buttonWith(fourth.reply, 'fy')!.data!);
    expect(refused.edited!.text).toBe(t('fr', 'followup:limit', { max: 3 }));

    const long = await bot.h.command(user, 'ask', 'x'.repeat(2001));
    expect(long.reply.text).toBe(t('fr', 'followup:too_long', { max: 2000, count: 2001 }));
  });

  it('/mytickets lists tickets with state and age; /ask without text explains itself', async () => {
    const user = bot.h.user({ languageCode: 'en' });
    const empty = await bot.h.command(user, 'mytickets');
    expect(empty.reply.text).toBe(t('en', 'followup:mine_empty'));
    const usage = await bot.h.command(user, 'ask');
    expect(usage.reply.text).toBe(t('en', 'followup:ask_usage'));
    const asked = await bot.h.command(user, 'ask', 'How are communities evaluated each year?');
    await bot.h.tap(user, asked.reply, buttonWith(asked.reply, 'fy')!.data!);
    const list = await bot.h.command(user, 'mytickets');
    expect(list.reply.visibleText).toMatch(
      /#\d{4} · waiting · just now\nHow are communities evaluated each year\?/,
    );
  });

  it('the offer button of someone else is refused', async () => {
    const owner = bot.h.user({ languageCode: 'en' });
    const { reply } = await bot.h.command(owner, 'ask', 'My private question');
    const stranger = bot.h.user({ languageCode: 'en' });
    const send = buttonWith(reply, 'fy')!.data!;
    const tapped = await bot.h.exchange(() => bot.h.fake.tapButton(stranger, reply, send), owner.id);
    expect(tapped.toast?.text).toBe(t('en', 'followup:not_yours'));
  });
});
