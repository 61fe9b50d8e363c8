import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCallback } from '../../src/app/callback-data.js';
import { FOLLOW_UP_ACTIONS } from '../../src/app/follow-up/render-user.js';
import { toTraditional } from '../../src/core/text/chinese-script.js';
import type { Language } from '../../src/core/language/languages.js';
import { frameworks } from '../support/bot-starters.js';
import type { SentMessage } from '../support/fake-bot-api.js';
import { startFollowUpBot, translate as t, type FollowUpBot } from './follow-up-harness.js';

const OFFER = FOLLOW_UP_ACTIONS.offer;
const actions = (message: SentMessage) => message.buttons.flat().map((b) => decodeCallback(b.data)?.action);
const button = (message: SentMessage, action: string, arg?: string) =>
  message.buttons
    .flat()
    .find(
      (b) => decodeCallback(b.data)?.action === action && (!arg || decodeCallback(b.data)?.args[1] === arg),
    )!;

/**
 * Messages as founders write them, against the real bot with follow-ups on: long messages, traditional
 * characters, "likely" answers, 👍/👎, follow-ups read in context, lists from the facts, small talk.
 */
describe.each(frameworks())('answers as people ask (%s)', (framework) => {
  let bot: FollowUpBot;
  beforeAll(async () => {
    bot = await startFollowUpBot({ framework, worker: false });
  });
  afterAll(async () => {
    await bot?.close();
  });
  const h = () => bot.h;
  const title = (id: string, lang: Language) => h().store.current().byId(id)!.title[lang];

  it('answers a long message that introduces the company first and asks at the end', async () => {
    const question =
      'Hello, we are a twelve-person company from Jinan founded in 2018. We build fibre laser cutting heads and ' +
      'sell them to machine tool makers across China and Southeast Asia. Our customers keep asking whether we ' +
      'take part in any provincial programme. Which community would fit a company like ours?';
    const { reply } = await h().say(h().user({ languageCode: 'en' }), question);
    expect(reply.visibleText).toContain(title('laser-equipment', 'en'));
  });

  it('answers a question in traditional characters in traditional characters', async () => {
    const { reply } = await h().say(h().user({ languageCode: 'zh-hant' }), '請問雷射裝備共同體由誰牽頭？');
    expect(reply.visibleText.startsWith(toTraditional(title('laser-equipment', 'zh')))).toBe(true);
    expect(reply.visibleText).not.toContain(title('laser-equipment', 'zh'));
  });

  it('answers a mixed Chinese and English message in Chinese, buttons included', async () => {
    const { reply } = await h().say(
      h().user({ languageCode: 'en' }),
      'Hi, we are a startup from Jinan making laser welding heads, 请问我们可以加入哪个共同体?',
    );
    expect(reply.visibleText).toMatch(/\p{Script=Han}{4}/u);
    const labels = reply.buttons.flat().map((b) => b.text);
    expect(labels).toContain(t('zh', 'question:feedback.up'));
    expect(labels.filter((l) => /[a-z]{4}/i.test(l))).toEqual([]);
  });

  it('frames a clear leader below the bar as "likely", with alternatives, "not what I asked" and feedback', async () => {
    const { reply } = await h().say(h().user({ languageCode: 'en' }), 'How many communities are there now?');
    expect(reply.visibleText.startsWith(t('en', 'question:likely'))).toBe(true);
    expect(actions(reply)).toEqual(['a', 'a', OFFER, 'fb', 'fb']);
    const labels = reply.buttons.flat().map((b) => b.text);
    expect(labels).toContain(t('en', 'question:button.not_what_i_asked'));
  });

  it('takes one 👍 per answer; the buttons give way to a thanks and the count is kept', async () => {
    const user = h().user({ languageCode: 'en' });
    const { reply } = await h().say(user, 'Who leads the laser equipment community?');
    const up = button(reply, 'fb', 'u');
    const rated = await h().tap(user, reply, up.data!);
    expect(rated.toast?.text).toBe(t('en', 'question:feedback.thanks'));
    expect(actions(rated.edited!)).not.toContain('fb');
    expect(rated.edited!.buttons.flat().map((b) => b.text)).toContain(t('en', 'question:feedback.thanks'));
    expect(rated.edited!.text).toBe(reply.text);
    const again = await h().tap(user, reply, up.data!);
    expect(again.toast?.text).toBe(t('en', 'question:feedback.already'));
    const counts = await h().redis.hgetall(`${h().prefix}:{answers}:feedback`);
    expect(counts['laser-equipment|en|u']).toBe('1');
  });

  it('offers staff after a 👎', async () => {
    const user = h().user({ languageCode: 'de' });
    const { reply } = await h().say(user, 'Wer leitet die Gemeinschaft für Lasergeräte?');
    const rated = await h().tap(user, reply, button(reply, 'fb', 'd').data!);
    expect(rated.reply.visibleText).toBe(t('de', 'question:feedback.sorry'));
    expect(actions(rated.reply)).toEqual([OFFER]);
  });

  it('reads a short follow-up with the entry just answered', async () => {
    const user = h().user({ languageCode: 'en' });
    await h().say(user, 'Tell me about the laser equipment community');
    const { reply } = await h().say(user, 'who leads it?');
    expect(reply.visibleText.startsWith(title('laser-equipment', 'en'))).toBe(true);
    const contact = await h().say(user, 'what is their phone number?');
    expect(contact.reply.text).toContain(
      t('en', 'question:contact.none', { title: title('laser-equipment', 'en') }),
    );
    expect(actions(contact.reply)).toEqual(['a', OFFER]);
  });

  it('lists the communities of a city from the facts, each a button to its card', async () => {
    const { reply } = await h().say(h().user({ languageCode: 'en' }), 'Which communities are in Qingdao?');
    expect(reply.visibleText).toContain(title('polymer-materials', 'en'));
    expect(reply.visibleText).toContain(title('marine-tech-transfer', 'en'));
    expect(reply.buttons.flat().map((b) => decodeCallback(b.data)?.args[0])).toEqual([
      'polymer-materials',
      'marine-tech-transfer',
    ]);
  });

  it('compares two communities side by side', async () => {
    const { sent } = await h().say(
      h().user({ languageCode: 'en' }),
      'What is the difference between the laser and the polymer community?',
    );
    const text = sent.map((m) => m.visibleText).join('\n');
    expect(text).toContain(title('laser-equipment', 'en'));
    expect(text).toContain(title('polymer-materials', 'en'));
  });

  it.each([
    ['hello', 'en', 'start:small_talk.greeting'],
    ['Danke schön!', 'en', 'start:small_talk.thanks'],
    ['谢谢', 'en', 'start:small_talk.thanks'],
    ['menu', 'fr', 'start:small_talk.menu'],
  ] as const)('answers small talk "%s" with the menu, not "I don\'t know"', async (text, client, key) => {
    const { reply } = await h().say(h().user({ languageCode: client }), text);
    const lang = text === 'Danke schön!' ? 'de' : text === '谢谢' ? 'zh' : client;
    expect(reply.text).toBe(t(lang, key));
    expect(actions(reply)).toEqual(['bl', 'sq', 'lm', 'h']);
  });

  it('answers an edited question again', async () => {
    const user = h().user({ languageCode: 'en' });
    const first = await h().say(user, 'Who leads the lazer equipmnet comunity?');
    const { reply } = await h().exchange(
      () => h().fake.editText(first.update, 'What is the 1+30+N system?'),
      user.id,
    );
    expect(reply.visibleText.startsWith(title('community-system', 'en'))).toBe(true);
  });

  it('names /ask and /mytickets in /help', async () => {
    const { reply } = await h().command(h().user({ languageCode: 'en' }), 'help');
    expect(reply.visibleText).toContain('/ask');
    expect(reply.visibleText).toContain('/mytickets');
  });
});
