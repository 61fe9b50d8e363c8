import { afterEach, describe, expect, it } from 'vitest';
import { STAFF_PACING } from '../../src/core/follow-up/staff-pacing.js';
import { frameworks } from '../support/bot-starters.js';
import type { RecordedCall, SentMessage } from '../support/fake-bot-api.js';
import {
  askedTicket,
  confirmedTicket,
  FIRST_STAFF_MESSAGE,
  settle,
  staffRelays,
  userRelays,
} from './follow-up-conversation-helpers.js';
import { STAFF_CHAT, startFollowUpBot, translate as t, type FollowUpBot } from './follow-up-harness.js';

/** Pace loose enough that a conversation's posts are not held up; the burst below uses the real one. */
const ROOMY = { staffLimiter: { max: 50, duration: 1_000 } };
/** The warning logged when a ticket's topic turns out deleted. */
const TOPIC_GONE_LOG =
  "a ticket's forum topic is gone (deleted in the staff chat); its posts go to the General topic";

/** Staff-chat calls that put a message (or a topic) into the chat, each counting against Telegram's limit. */
const POSTING = ['createForumTopic', 'sendMessage', 'copyMessage'];

/** The most calls in any stretch of `spanMs` (a sliding window over the calls' times). */
function busiest(calls: RecordedCall[], spanMs: number): number {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= spanMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/** Forum topics under stress: staff deleting one, and a burst of tickets against the chat's pace. */
describe.each(frameworks())('follow-ups: topics when things go wrong (%s)', (framework) => {
  let bot: FollowUpBot;
  afterEach(async () => bot?.close());

  const notices = (number: number) =>
    bot.staffMessages().filter((m) => m.visibleText.includes(`topic of ticket #${number}`));
  const failedInThread = (threadId: number) =>
    bot.h.fake.calls().filter((c) => !c.ok && Number(c.params.message_thread_id) === threadId);

  it("a deleted topic: the user's messages and files come to General in order, staff are told once, the ticket forgets it", async () => {
    bot = await startFollowUpBot({ framework, forum: { canManageTopics: true }, tuning: ROOMY });
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const { number, post } = await askedTicket(bot, mia, 'Who funds laser start-ups in Jinan?');
    const threadId = post.threadId!;
    await bot.staffInTopic(bot.staff('Anna'), FIRST_STAFF_MESSAGE, threadId);
    await bot.waitForUserMessages(mia, 2);

    bot.h.fake.deleteTopic(STAFF_CHAT.id, threadId);
    await bot.h.say(mia, 'Jinan, in the high-tech zone.');
    const photo = bot.h.fake.sendMedia(mia, 'photo', {}, { caption: 'Our district notice' });
    await bot.h.handled(photo.update_id);
    await bot.h.say(mia, 'Is that enough?');

    const isCopy = (m: SentMessage) => m.copiedFrom !== undefined;
    await settle(
      () => staffRelays(bot).length === 2 && bot.staffMessages().some(isCopy) && notices(number).length > 0,
      'the relays and the notice in General',
    );
    const relayed = bot.staffMessages().filter((m) => / wrote:/.test(m.visibleText) || isCopy(m));
    expect(relayed.map((m) => m.copiedFrom?.messageId ?? m.visibleText.split('\n\n')[1])).toEqual([
      'Jinan, in the high-tech zone.',
      photo.message!.message_id,
      'Is that enough?',
    ]);
    expect(relayed.every((m) => m.threadId === undefined && m.visibleText.includes(`#${number}`))).toBe(true);
    expect(notices(number)).toHaveLength(1);
    expect(notices(number)[0]!.visibleText).toBe(
      t('en', 'staff:topic_deleted', { number: `#${number}`, user: 'Mia' }),
    );
    // Only the first post found the topic gone; the ticket forgot it, so later ones went straight to General.
    expect(failedInThread(threadId)).toHaveLength(1);
    expect((await bot.runtime.store.get(number))!.topicId).toBeUndefined();
    const warnings = bot.records.filter((r) => r.msg === TOPIC_GONE_LOG);
    expect(warnings).toMatchObject([{ level: 40, ticket: number, thread: threadId }]);
    expect(JSON.stringify(bot.records)).not.toMatch(/high-tech zone|district notice|enough\?/);

    // Staff answer as in a group without topics: a reply to the relayed message reaches the user.
    await bot.staffReply(bot.staff('Anna'), 'Yes, that is all we need.', relayed[2]);
    await settle(() => userRelays(bot, mia).length === 2, 'the answer');
    expect(userRelays(bot, mia)[1]!.visibleText).toContain('Yes, that is all we need.');
  });

  it('closing a ticket whose topic was deleted tells staff once and does not retry the topic', async () => {
    bot = await startFollowUpBot({ framework, forum: { canManageTopics: true }, tuning: ROOMY });
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const { number, post } = await askedTicket(bot, mia, 'Is there a maker space in Yantai?');
    bot.h.fake.deleteTopic(STAFF_CHAT.id, post.threadId!);

    await bot.staffCommand(bot.staff('Anna'), 'close', String(number));
    await settle(() => notices(number).length > 0, 'the notice');
    // The backoff would have retried within a second; give it that second.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(notices(number)).toHaveLength(1);
    const topicCalls = ['editForumTopic', 'closeForumTopic'].flatMap((m) => bot.h.fake.calls(m));
    expect(topicCalls).toHaveLength(1);
    expect(topicCalls[0]!.ok).toBe(false);
    expect((await bot.runtime.store.get(number))!.topicId).toBeUndefined();
  });

  it("a burst in a forum keeps to the chat's pace: topics, cards and digests each take a slot of the limiter", async () => {
    // The real limiter (3 per window), its window a tenth of production's so that the burst takes seconds.
    const scale = 10;
    const window = STAFF_PACING.durationMs / scale;
    bot = await startFollowUpBot({
      framework,
      forum: { canManageTopics: true },
      tuning: { staffLimiter: { max: STAFF_PACING.max, duration: window } },
    });
    const numbers: number[] = [];
    for (let i = 0; i < 14; i++) {
      const user = bot.h.user({ languageCode: 'en', firstName: `Asker${i}` });
      numbers.push(await confirmedTicket(bot, user, `Burst question number ${i} about subsidies?`));
    }
    await settle(
      () => numbers.every((n) => bot.staffMessages().some((m) => m.visibleText.includes(`#${n}`))),
      'every ticket announced',
      30_000,
    );

    const posting = bot.h.fake
      .calls()
      .filter((c) => c.ok && POSTING.includes(c.method) && Number(c.params.chat_id) === STAFF_CHAT.id);
    // A minute overlaps at most six limiter windows: 18 posts at most, under Telegram's ~20 a minute.
    const perMinute = (60_000 / STAFF_PACING.durationMs + 1) * STAFF_PACING.max;
    expect(busiest(posting, 60_000 / scale)).toBeLessThanOrEqual(perMinute);
    expect(busiest(posting, window)).toBeLessThanOrEqual(2 * STAFF_PACING.max);

    // Every ticket is announced once: by its card in its own topic, or in a digest in General.
    const posts = bot.staffMessages();
    for (const n of numbers) {
      const mentions = posts.filter((m) => m.visibleText.includes(`#${n}`));
      expect(mentions, `#${n}`).toHaveLength(1);
      const ticket = (await bot.runtime.store.get(n))!;
      expect(mentions[0]!.threadId).toBe(ticket.topicId);
    }
    expect(bot.h.fake.calls('createForumTopic')).toHaveLength(posts.filter((m) => m.threadId).length);
  });
});
