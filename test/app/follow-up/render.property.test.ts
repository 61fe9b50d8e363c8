import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CALLBACK_BYTES } from '../../../src/app/callback-data.js';
import type { BoundTranslate } from '../../../src/app/feature.js';
import { renderQueue } from '../../../src/app/follow-up/render-staff-replies.js';
import { renderDigest, renderTicketPosts } from '../../../src/app/follow-up/render-staff.js';
import { renderConfirmPrompt, renderMyTickets } from '../../../src/app/follow-up/render-user.js';
import type { OutMessage } from '../../../src/app/types.js';
import { cleanQuestion, FOLLOW_UP_LIMITS } from '../../../src/core/follow-up/limits.js';
import { TICKET_STATES, type Ticket } from '../../../src/core/follow-up/ticket.js';
import { LANGUAGES, type Language } from '../../../src/core/language/languages.js';
import { createTranslator } from '../../../src/i18n/translator.js';
import { parseTelegramHtml } from '../../support/fake-bot-api.js';
import { userText } from '../../support/arbitraries.js';

const translate = createTranslator();
const NOW = Date.UTC(2030, 0, 1);
const inLanguage =
  (lang: Language): BoundTranslate =>
  (key, vars) =>
    translate(lang, key, vars);
const boundT = fc.constantFrom(...LANGUAGES).map(inLanguage);

/** Long questions of what escaping lengthens and what Telegram counts twice, near the 2,000 limit. */
const heavy = fc
  .array(fc.constantFrom('😀', '<&', '共', 'a ', '&amp;', '\n'), { minLength: 900, maxLength: 2000 })
  .map((parts) => parts.join(''));
/** A question as the desk stores it: cleaned, at most 2,000 characters. */
const question = fc
  .oneof(userText(2400), heavy)
  .map((text) => [...cleanQuestion(text)].slice(0, FOLLOW_UP_LIMITS.questionChars).join(''))
  .filter((text) => text.length > 0);
const person = fc.record({ id: fc.nat(), name: userText(64) });
/** A ticket holding `text` as its question (digests and lists show only its start, so a short one will do). */
const ticketWith = (text: fc.Arbitrary<string>): fc.Arbitrary<Ticket> =>
  fc.record(
    {
      number: fc.integer({ min: 1000, max: 99_999 }),
      state: fc.constantFrom(...TICKET_STATES),
      userId: fc.nat(),
      chatId: fc.nat(),
      userName: userText(64),
      username: userText(32),
      lang: fc.constantFrom(...LANGUAGES),
      question: text,
      considered: fc.array(fc.record({ id: fc.stringMatching(/^[a-z0-9-]{1,64}$/), title: userText(120) }), {
        maxLength: 3,
      }),
      origin: fc.constantFrom('offer', 'ask', 'person'),
      createdAt: fc.integer({ min: NOW - 40 * 86_400_000, max: NOW }),
      staffMessages: fc.nat(5),
      claimedBy: person,
      answeredBy: person,
      closedBy: person,
    },
    { requiredKeys: ['number', 'state', 'userId', 'chatId', 'userName', 'lang', 'question', 'considered'] },
  ) as fc.Arbitrary<Ticket>;
const ticket = ticketWith(question);
const listedTicket = ticketWith(userText(300).filter((text) => text.trim().length > 0));

/** What Telegram takes: valid HTML within 4096 visible characters, callback data within 64 bytes. */
function expectSendable(message: OutMessage | string): void {
  const { html, buttons = [] } = typeof message === 'string' ? { html: message } : message;
  expect(parseTelegramHtml(html).length).toBeLessThanOrEqual(4096);
  for (const b of buttons.flat()) expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
}

const visible = (message: OutMessage) => parseTelegramHtml(message.html);

describe('follow-up messages, for any question and any names', () => {
  it('the staff ticket holds the whole question and the reply line, in one message or two', () => {
    fc.assert(
      fc.property(boundT, ticket, (t, tk) => {
        const posts = renderTicketPosts(t, tk, NOW);
        posts.forEach(expectSendable);
        const quotes = posts
          .flatMap((m) => [...m.html.matchAll(/<blockquote>([\s\S]*?)<\/blockquote>/g)].map((q) => q[1]!))
          .map((quote) => parseTelegramHtml(quote))
          .join('');
        expect(quotes).toBe(tk.question);
        expect(visible(posts[0])).toContain(parseTelegramHtml(t('staff:ticket_help', { number: tk.number })));
      }),
      { numRuns: 80 },
    );
  });

  it('the confirmation prompt shows the user their whole question', () => {
    fc.assert(
      fc.property(boundT, question, fc.stringMatching(/^[A-Za-z0-9_-]{8}$/), (t, q, id) => {
        const prompt = renderConfirmPrompt(t, id, q);
        expectSendable(prompt);
        expect(visible(prompt)).toContain(q);
      }),
      { numRuns: 150 },
    );
  });

  it('digests, /queue and /mytickets stay sendable whatever the tickets hold', () => {
    fc.assert(
      fc.property(boundT, fc.array(listedTicket, { minLength: 1, maxLength: 12 }), (t, tickets) => {
        const { message, included } = renderDigest(t, tickets);
        expectSendable(message);
        expect(included.length).toBeGreaterThan(0);
        expectSendable(renderQueue(t, { tickets, total: tickets.length + 3 }, NOW));
        expectSendable(renderMyTickets(t, tickets, NOW));
      }),
      { numRuns: 40 },
    );
  });
});
