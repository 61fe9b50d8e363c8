import { expect } from 'vitest';
import { decodeCallback } from '../../src/app/callback-data.js';
import type { FakeUser, SentMessage } from '../support/fake-bot-api.js';
import { STAFF_CHAT, type FollowUpBot } from './follow-up-harness.js';

/** The first staff message, which starts the conversation (the human takeover). */
export const FIRST_STAFF_MESSAGE = 'Good question: which city are you in?';

/** How long a chat must stay quiet after the expected messages arrived, so that a late duplicate shows. */
const QUIET_MS = 700;

export const button = (message: SentMessage, action: string) =>
  message.buttons.flat().find((b) => decodeCallback(b.data)?.action === action);

/** A ticket `user` asks for with /ask and confirms; its number (its post may still be on its way). */
export async function confirmedTicket(bot: FollowUpBot, user: FakeUser, question: string): Promise<number> {
  const asked = await bot.h.command(user, 'ask', question);
  const confirmed = await bot.h.tap(user, asked.reply, button(asked.reply, 'fy')!.data!);
  return Number(/#(\d{4})/.exec(confirmed.edited!.visibleText)![1]);
}

/** A ticket `user` asks for with /ask and confirms, and its post in the staff chat. */
export async function askedTicket(bot: FollowUpBot, user: FakeUser, question: string) {
  const number = await confirmedTicket(bot, user, question);
  return { number, post: await bot.waitForStaffPost(number) };
}

/** A ticket from `user`, announced in the staff chat, that staff took over with FIRST_STAFF_MESSAGE. */
export async function openConversation(bot: FollowUpBot, user: FakeUser, question: string) {
  const { number, post } = await askedTicket(bot, user, question);
  const before = userRelays(bot, user).length;
  await bot.staffReply(bot.staff('Anna'), FIRST_STAFF_MESSAGE, post);
  await settle(() => userRelays(bot, user).length === before + 1, 'the first staff message');
  return { number, post };
}

/** Staff messages relayed into the user's private chat, oldest first. */
export const userRelays = (bot: FollowUpBot, user: FakeUser) =>
  bot.userMessages(user).filter((m) => m.visibleText.includes('You are talking with our staff'));

/** The user's messages relayed into the staff chat, oldest first. */
export const staffRelays = (bot: FollowUpBot) =>
  bot.staffMessages().filter((m) => / wrote:/.test(m.visibleText));

/** The one word of `words` a message carries (fails the test when it carries none or several). */
export function conversationWords(message: SentMessage, words: string[]): string {
  const found = words.filter((w) => message.visibleText.includes(w));
  expect(found, message.visibleText).toHaveLength(1);
  return found[0]!;
}

/** Polls until `done` holds (failing after `timeoutMs`), then waits QUIET_MS for anything sent late. */
export async function settle(done: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
  await new Promise((r) => setTimeout(r, QUIET_MS));
}

/** The staff chat's relayed messages are replies to the ticket's card. */
export const inStaffChat = (bot: FollowUpBot, messageId: number) =>
  bot.h.fake.messageInChat(STAFF_CHAT.id, messageId);
