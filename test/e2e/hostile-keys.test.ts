import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameworks } from '../support/bot-starters.js';
import type { Exchange } from '../support/bot-harness.js';
import { startFollowUpBot, STAFF_CHAT, translate as t, type FollowUpBot } from './follow-up-harness.js';

/** Names every plain object answers to: user input used as a key into one finds them. */
const HOSTILE = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

const APOLOGY = ['en', 'zh', 'de', 'fr'].map((lang) => t(lang as 'en', 'errors:apology'));

/** A normal reply: something was sent, and it is not the apology for a failure. */
function expectNormalReply(exchange: Exchange): void {
  expect(exchange.reply.visibleText.length).toBeGreaterThan(0);
  expect(APOLOGY).not.toContain(exchange.reply.visibleText);
}

/** A tap answered once (the spinner stops), with no apology. */
function expectAnsweredTap(exchange: Exchange): void {
  const answers = exchange.calls.filter((c) => c.method === 'answerCallbackQuery');
  expect(answers.map((c) => c.ok)).toEqual([true]);
  expect(APOLOGY).not.toContain(exchange.toast?.text);
  for (const sent of exchange.sent) expect(APOLOGY).not.toContain(sent.visibleText);
}

/**
 * Words such as "constructor" in every field a user controls: the Telegram client's language_code, callback
 * data (action, entry id, language, draft id, ticket number), command names and text. Each gets the reply
 * any other unknown word gets.
 */
describe.each(frameworks())('hostile keys in user input (%s)', (framework) => {
  let bot: FollowUpBot;
  beforeAll(async () => {
    bot = await startFollowUpBot({ framework });
  });
  afterAll(async () => bot?.close());

  describe.each(HOSTILE)('"%s"', (word) => {
    it('as language_code: /start, /help and a menu tap are answered in the default language', async () => {
      const user = bot.h.user({ languageCode: word, firstName: 'Ada' });
      const start = await bot.h.command(user, 'start');
      expect(start.reply.text).toBe(t('en', 'start:welcome', { name: 'Ada' }));
      // Follow-ups are on here, so the help names /ask and /mytickets too.
      const helpText = `${t('en', 'start:help')}\n\n${t('en', 'start:help_staff')}`;
      expect((await bot.h.command(user, 'help')).reply.text).toBe(helpText);
      const help = start.reply.buttons.flat().find((b) => b.text === t('en', 'start:button.help'))!;
      const tapped = await bot.h.tap(user, start.reply, help.data!);
      expectAnsweredTap(tapped);
      expect(tapped.reply.text).toBe(helpText);
      expectNormalReply(await bot.h.say(user, 'What is the 1+30+N system?'));
    });

    it('in callback data: every button is answered, stale or not', async () => {
      const user = bot.h.user({ languageCode: 'de' });
      const { reply } = await bot.h.command(user, 'start');
      const data = [
        word,
        `1:${word}`,
        `1:${word}:${word}`,
        `1:be:${word}:0`,
        `1:bp:${word}`,
        `1:a:${word}:n:en`,
        `1:a:community-system:e:${word}`,
        `1:ls:${word}`,
        `1:fo:${word}`,
        `1:fy:${word}`,
        `1:fn:${word}`,
        `1:sc:${word}`,
      ];
      for (const item of data) expectAnsweredTap(await bot.h.tap(user, reply, item));
    });

    it('as a command name, as text, and as arguments: the usual replies', async () => {
      const user = bot.h.user({ languageCode: 'fr' });
      const command = await bot.h.command(user, word);
      expect(command.reply.text).toBe(t('fr', 'errors:unknown_command'));
      expectNormalReply(await bot.h.say(user, word));
      expectNormalReply(await bot.h.command(user, 'ask', word));
      expectNormalReply(await bot.h.command(user, 'lang', word));
    });

    it('in the staff chat: /reply, /close and a reply are answered as for any unknown ticket', async () => {
      const staff = bot.staff();
      const opts = { chat: STAFF_CHAT };
      expectNormalReply(await bot.h.command(staff, 'reply', `${word} ${word}`, opts));
      expectNormalReply(await bot.h.command(staff, 'close', word, opts));
      // An unknown command in a group is left to other bots and people: nothing is sent, no apology either.
      expect((await bot.h.command(staff, word, '', opts)).sent).toEqual([]);
    });
  });
});
