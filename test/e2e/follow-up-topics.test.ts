import { afterEach, describe, expect, it } from 'vitest';
import { decodeCallback } from '../../src/app/callback-data.js';
import { frameworks } from '../support/bot-starters.js';
import type { FakeUser, SentMessage } from '../support/fake-bot-api.js';
import {
  startFollowUpBot,
  STAFF_CHAT,
  type FollowUpBot,
  type FollowUpBotOptions,
} from './follow-up-harness.js';

const button = (message: SentMessage, action: string, arg?: string) =>
  message.buttons.flat().find((b) => {
    const decoded = decodeCallback(b.data ?? '');
    return decoded?.action === action && (arg === undefined || decoded.args.at(-1) === arg);
  });

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROOMY = { staffLimiter: { max: 10, duration: 1_000 } };

/** A forum staff chat: a topic per ticket, kept in step with it; without a forum (or the right) today's replies. */
describe.each(frameworks())('follow-ups: a topic per ticket (%s)', (framework) => {
  let bot: FollowUpBot;
  afterEach(async () => bot?.close());

  async function start(opts: FollowUpBotOptions = {}) {
    bot = await startFollowUpBot({ framework, ...opts });
  }

  async function ticketFrom(user: FakeUser, question: string) {
    const asked = await bot.h.command(user, 'ask', question);
    const confirmed = await bot.h.tap(user, asked.reply, button(asked.reply, 'fy')!.data!);
    const number = Number(/#(\d{4})/.exec(confirmed.edited!.visibleText)![1]);
    return { number, post: await bot.waitForStaffPost(number) };
  }

  const topic = (threadId: number) => bot.h.fake.forumTopic(STAFF_CHAT.id, threadId);

  async function until(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
    for (let waited = 0; waited < timeoutMs; waited += 25) {
      if (check()) return;
      await pause(25);
    }
    throw new Error(`not within ${timeoutMs} ms: ${what}`);
  }

  it('each ticket opens its topic; any staff message there reaches the user, /note stays internal, the user writes back into it', async () => {
    // Each ticket's topic and card take a limiter slot each (3 per 12 s); a wider window keeps this test short.
    await start({ forum: { canManageTopics: true }, tuning: ROOMY });
    const li = bot.h.user({ languageCode: 'de', firstName: 'Li' });
    const { number, post } = await ticketFrom(li, 'Gibt es Förderung für Laserschneiden in Jinan?');
    const threadId = post.threadId!;
    expect(threadId).toBeGreaterThan(0);
    expect(topic(threadId)).toEqual({
      name: `#${number} · Li · de · Gibt es Förderung für Laserschneiden in Jinan?`,
      closed: false,
    });
    const other = await ticketFrom(bot.h.user({ firstName: 'Bo' }), 'Who runs the Qingdao hub?');
    expect(other.post.threadId).not.toBe(threadId);

    // No reply needed: a plain message in the topic is an answer to its ticket.
    const anna = bot.staff('Anna');
    await bot.staffInTopic(anna, 'Welche Branche genau?', threadId);
    const relayed = (await bot.waitForUserMessages(li, 2)).at(-1)!;
    expect(relayed.visibleText).toContain('Welche Branche genau?');

    const noted = await bot.staffInTopic(anna, '/note she asked us last year too', threadId);
    expect(noted.reply.visibleText).toBe(`📝 Note added to #${number}.`);
    expect(noted.reply.threadId).toBe(threadId);
    await pause(300);
    expect(bot.userMessages(li)).toHaveLength(2);
    const thread = await bot.runtime.store.thread(number);
    expect(thread.map((e) => [e.from, e.text])).toEqual([
      ['staff', 'Welche Branche genau?'],
      ['note', 'she asked us last year too'],
    ]);

    // The user's answer goes into the ticket's topic.
    await bot.h.say(li, 'Metallverarbeitung.');
    await until('the user message in the topic', () =>
      bot.staffMessages().some((m) => m.visibleText.includes('Metallverarbeitung.')),
    );
    const back = bot.staffMessages().find((m) => m.visibleText.includes('Metallverarbeitung.'))!;
    expect(back.threadId).toBe(threadId);

    // /queue (from the General topic) answers there; every ticket post is in its topic.
    const queue = await bot.staffCommand(anna, 'queue', '');
    expect(queue.reply.threadId).toBeUndefined();
    expect(bot.h.fake.calls('createForumTopic')).toHaveLength(2);
  });

  it('closing closes the topic and marks its title ✅, a 👍 adds to it, and a reopened ticket reopens its topic', async () => {
    // Topic changes share the staff chat's pace (3 posts per 12 s); a wider window keeps this test short.
    await start({ forum: { canManageTopics: true }, tuning: ROOMY });
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const { number, post } = await ticketFrom(mia, 'Laser cutting subsidy?');
    const threadId = post.threadId!;
    const anna = bot.staff('Anna');
    await bot.staffInTopic(anna, 'Yes: apply at the Jinan high-tech zone.', threadId);
    const answer = (await bot.waitForUserMessages(mia, 2)).at(-1)!;

    const closed = await bot.staffInTopic(anna, '/close', threadId);
    expect(closed.reply.visibleText).toContain(`#${number}`);
    expect(closed.reply.threadId).toBe(threadId);
    const name = `#${number} · Mia · en · Laser cutting subsidy?`;
    await until('topic closed', () => topic(threadId)?.closed === true);
    expect(topic(threadId)?.name).toBe(`✅ ${name}`);

    const rating = (await bot.waitForUserMessages(mia, 3)).at(-1)!;
    await bot.h.tap(mia, rating, button(rating, 'fr', 'u')!.data!);
    await until('title rated', () => topic(threadId)?.name === `✅👍 ${name}`);
    expect(topic(threadId)?.closed).toBe(true);

    await bot.h.exchange(
      () =>
        bot.h.fake.sendText(mia, 'One more thing: a local partner?', {
          replyTo: bot.h.fake.messageInChat(mia.id, answer.messageId)!,
        }),
      mia.id,
    );
    await until('topic reopened', () => topic(threadId)?.closed === false);
    expect(topic(threadId)?.name).toBe(name);
    await until('the reopening in the topic', () =>
      bot.staffMessages().some((m) => m.threadId === threadId && m.visibleText.includes('a local partner?')),
    );
  });

  it('a staff chat that is no forum keeps replies: no topics, a reply to the card answers', async () => {
    await start();
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const { post } = await ticketFrom(mia, 'Who funds incubators?');
    expect(post.threadId).toBeUndefined();
    expect(bot.h.fake.calls('getChat').length).toBeGreaterThan(0);
    await bot.staffReply(bot.staff('Anna'), 'The province does.', post);
    expect((await bot.waitForUserMessages(mia, 2)).at(-1)!.visibleText).toContain('The province does.');
    expect(bot.h.fake.calls('createForumTopic')).toHaveLength(0);
    expect(bot.staffMessages().some((m) => m.visibleText.includes('Manage topics'))).toBe(false);
  });

  it('a forum without the right to manage topics: told once in the chat and the log, then replies as before', async () => {
    await start({ forum: { canManageTopics: false } });
    const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const first = await ticketFrom(mia, 'Who funds incubators?');
    const second = await ticketFrom(bot.h.user({ firstName: 'Bo' }), 'Where is the Yantai park?');
    const notices = bot.staffMessages().filter((m) => m.visibleText.includes('“Manage topics”'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.threadId).toBeUndefined();
    expect(bot.records.filter((r) => String(r.msg).includes('may not manage topics'))).toHaveLength(1);
    expect([first.post.threadId, second.post.threadId]).toEqual([undefined, undefined]);
    expect(bot.h.fake.calls('createForumTopic')).toHaveLength(0);

    await bot.staffReply(bot.staff('Anna'), 'The province does.', first.post);
    expect((await bot.waitForUserMessages(mia, 2)).at(-1)!.visibleText).toContain('The province does.');
  });
});
