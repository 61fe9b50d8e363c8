import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCallback } from '../../src/app/callback-data.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { startBotHarness, type BotHarness } from '../support/bot-harness.js';
import { frameworks } from '../support/bot-starters.js';

const t = createTranslator();

/** Conversations a user would have, against the real bot, a real Redis and a loopback Bot API. */
describe.each(frameworks())('conversations (%s)', (framework) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ framework });
  });
  afterAll(async () => {
    await h?.stop();
  });
  const title = (id: string, lang: 'en' | 'zh' | 'de' | 'fr') => h.store.current().byId(id)!.title[lang];

  it('greets /start in the user language with the four-button menu', async () => {
    const user = h.user({ languageCode: 'zh-hans', firstName: 'Li <Wei>' });
    const { reply } = await h.command(user, 'start');
    expect(reply.visibleText).toContain('Li <Wei>');
    expect(reply.text).toBe(t('zh', 'start:welcome', { name: 'Li <Wei>' }));
    expect(reply.parseMode).toBe('HTML');
    expect(reply.buttons.flat().map((b) => decodeCallback(b.data)?.action)).toEqual(['bl', 'sq', 'lm', 'h']);
  });

  it.each([
    ['en', 'en', 'Who leads the laser equipment community?', 'laser-equipment'],
    ['zh', 'en', '激光装备共同体在哪里', 'laser-equipment'],
    ['de', 'de', 'Wie kann mein Unternehmen einer Gemeinschaft beitreten?', 'membership'],
    ['fr', 'fr', "Qu'est-ce que le système 1+30+N ?", 'community-system'],
  ] as const)('answers a question in %s (client %s)', async (lang, client, question, id) => {
    const user = h.user({ languageCode: client });
    const { reply } = await h.say(user, question);
    expect(reply.visibleText.startsWith(title(id, lang))).toBe(true);
    expect(reply.text).toMatch(/<a href="https?:\/\//);
  });

  it('understands a typo', async () => {
    const { reply } = await h.say(h.user(), 'polymer new materials comunity');
    expect(reply.visibleText.startsWith(title('polymer-materials', 'en'))).toBe(true);
  });

  it('offers "did you mean" choices, and a tap turns them into the answer', async () => {
    const user = h.user({ languageCode: 'en' });
    const { reply } = await h.say(user, 'materials community');
    expect(reply.visibleText).toBe(t('en', 'question:did_you_mean'));
    const choice = reply.buttons[0]![0]!;
    const id = decodeCallback(choice.data)!.args[0]!;
    const tapped = await h.tap(user, reply, choice.data!);
    expect(tapped.edited!.visibleText.startsWith(title(id, 'en'))).toBe(true);
    expect(tapped.calls.filter((c) => c.method === 'answerCallbackQuery')).toHaveLength(1);
  });

  it('answers an out-of-scope question honestly, with a way to browse', async () => {
    const user = h.user({ languageCode: 'fr' });
    const { reply } = await h.say(user, 'Qui a gagné la coupe du monde ?');
    expect(reply.text).toBe(t('fr', 'question:unknown'));
    const browse = await h.tap(user, reply, reply.buttons[0]![0]!.data!);
    expect(browse.reply.buttons.length).toBeGreaterThan(1);
  });

  it('tells a stale button it is out of date, without an error', async () => {
    const user = h.user({ languageCode: 'de' });
    const { reply } = await h.command(user, 'start');
    for (const data of ['0:e:laser-equipment', '1:zz', '1:be:gone-entry-id:0']) {
      const tapped = await h.tap(user, reply, data);
      expect(tapped.toast?.text, data).toBe(t('de', 'errors:stale_button'));
    }
  });

  it('pages through the communities and shows a card with its facts and sources', async () => {
    const user = h.user({ languageCode: 'en' });
    const list = await h.command(user, 'communities');
    const communities = h.store.current().list('community');
    const next = list.reply.buttons.flat().find((b) => decodeCallback(b.data)?.action === 'bp')!;
    const page2 = await h.tap(user, list.reply, next.data!);
    expect(page2.edited!.buttons.flat().some((b) => b.text === communities.at(-1)!.title.en)).toBe(true);

    const first = list.reply.buttons[0]![0]!;
    const card = await h.tap(user, page2.edited!, first.data!);
    const entry = communities[0]!;
    expect(card.edited!.visibleText).toContain(entry.facts!.leadOrganisation!.en);
    expect(card.edited!.visibleText).toContain(t('en', 'common:card.sources'));
    const back = card.edited!.buttons.flat().at(-1)!;
    expect(back.text).toBe(t('en', 'browse:button.back'));
    const again = await h.tap(user, card.edited!, back.data!);
    expect(again.edited!.text).toContain(
      t('en', 'browse:title', { from: 1, to: 8, total: communities.length }),
    );
  });

  it('answers a 5000-character message within Telegram limits', async () => {
    const { reply } = await h.say(
      h.user(),
      `Where is the laser community? ${'very '.repeat(1000)}`.slice(0, 5000),
    );
    expect(reply.text.length).toBeLessThan(4096);
  });

  it('treats HTML in the text as text', async () => {
    const answered = await h.say(h.user(), '<b>laser</b> community?');
    expect(answered.reply.visibleText.startsWith(title('laser-equipment', 'en'))).toBe(true);
    // Whatever the outcome, the reply is valid HTML (the fake refuses anything else) and never echoes the markup.
    const { reply, calls } = await h.say(h.user(), '<b>laser</b> & <script>alert("x")</script> &amp; </i>');
    expect(calls.every((c) => c.ok)).toBe(true);
    expect(reply.text).not.toContain('<script>');
  });

  it('hints at /help for an unknown command and ignores commands for other bots', async () => {
    const user = h.user({ languageCode: 'de' });
    expect((await h.command(user, 'frobnicate')).reply.text).toBe(t('de', 'errors:unknown_command'));
    expect((await h.say(user, '/start@some_other_bot')).sent).toEqual([]);
  });
});
