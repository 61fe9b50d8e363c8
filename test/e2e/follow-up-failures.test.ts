import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeCallback } from '../../src/app/callback-data.js';
import type { FakeUser, SentMessage } from '../support/fake-bot-api.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';
import { frameworks } from '../support/bot-starters.js';
import { STAFF_CHAT, startFollowUpBot, translate as t, type FollowUpBot } from './follow-up-harness.js';
import { spawnWorkerProcess } from './worker-process.js';

const send = (message: SentMessage) =>
  message.buttons.flat().find((b) => decodeCallback(b.data)?.action === 'fy')!.data!;

/** Failure scenarios end to end: Redis down and restarted, Telegram refusing, a worker killed mid-post. */
describe.each(frameworks())('follow-ups under failure (%s)', (framework) => {
  let bot: FollowUpBot | undefined;
  let server: RedisServerHandle | undefined;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await bot?.close();
    await server?.dispose();
    bot = server = child = undefined;
  });

  async function askAndConfirm(user: FakeUser, question: string) {
    const asked = await bot!.h.command(user, 'ask', question);
    return bot!.h.tap(user, asked.reply, send(asked.reply));
  }

  it('Redis down: answers go on, a follow-up gets "try again later" and nothing is written; it works again when Redis returns', async () => {
    server = await startRedisServer({ appendonly: true });
    bot = await startFollowUpBot({ framework, redisUrl: server.url });
    const user = bot.h.user({ languageCode: 'en' });
    const asked = await bot.h.command(user, 'ask', 'Can my lab join two communities?');

    await server.stop();
    const answered = await bot.h.say(user, 'Who leads the laser equipment community?');
    expect(
      answered.reply.visibleText.startsWith(bot.h.store.current().byId('laser-equipment')!.title.en),
    ).toBe(true);
    const unknown = await bot.h.say(user, 'What is the weather in Jinan tomorrow?');
    expect(unknown.reply.text).toBe(t('en', 'question:unknown'));
    expect(unknown.reply.buttons.flat().some((b) => decodeCallback(b.data)?.action === 'fo')).toBe(false);

    const refused = await bot.h.tap(user, asked.reply, send(asked.reply));
    expect(refused.sent.at(-1)?.text ?? refused.edited?.text).toBe(t('en', 'followup:unavailable'));
    const askedAgain = await bot.h.command(user, 'ask', 'Another question while Redis is down');
    expect(askedAgain.reply.text).toBe(t('en', 'followup:unavailable'));

    await server.start();
    await bot.runtime.whenReady(10_000);
    expect(await bot.runtime.requests.mine({ channel: 'telegram', userId: user.id })).toEqual([]);
    const retried = await bot.h.tap(user, asked.reply, send(asked.reply));
    expect(retried.edited!.visibleText).toMatch(/ticket #1001/);
    await bot.waitForStaffPost(1001, 10_000);
  });

  it('a corrupt ticket: the user is told something went wrong (not an outage) and the log says corrupt, without the text', async () => {
    bot = await startFollowUpBot({ framework });
    const user = bot.h.user({ languageCode: 'en' });
    await askAndConfirm(user, 'Is my secret lab plan eligible?');
    const redis = new Redis(bot.redisUrl);
    await redis.hset(`${bot.namespace}desk:{fu}:ticket:1001`, 'state', 'lost-in-transit');
    await redis.quit();
    const listed = await bot.h.command(user, 'mytickets');
    expect(listed.reply.text).toBe(t('en', 'errors:apology'));
    const logged = bot.h.logs.find((r) => r.msg === 'follow-up data corrupt');
    expect(logged).toMatchObject({ level: 50, err: 'follow-up data corrupt: ticket 1001: state' });
    // Debug lines may quote a question; nothing from info up does.
    const shown = [...bot.h.logs, ...bot.records].filter((r) => (r.level as number) >= 30);
    expect(JSON.stringify(shown)).not.toContain('secret lab plan');
  });

  it('a ticket confirmed to the user survives a Redis kill and restart and reaches the staff chat', async () => {
    server = await startRedisServer({ appendonly: true });
    bot = await startFollowUpBot({ framework, redisUrl: server.url, worker: false });
    const user = bot.h.user({ languageCode: 'fr' });
    const confirmed = await askAndConfirm(user, 'Comment rejoindre une communauté ?');
    expect(confirmed.edited!.visibleText).toContain('#1001');

    await server.kill();
    await server.start();
    await bot.runtime.whenReady(10_000);
    await bot.startWorker();
    const post = await bot.waitForStaffPost(1001, 15_000);
    expect(post.visibleText).toContain('Comment rejoindre une communauté ?');
    await new Promise((r) => setTimeout(r, 500));
    expect(bot.staffMessages()).toHaveLength(1);
  });

  it('a user who blocked the bot: the relay ends as undeliverable and staff are told', async () => {
    bot = await startFollowUpBot({ framework });
    const user = bot.h.user({ languageCode: 'en', firstName: 'Sam' });
    await askAndConfirm(user, 'Please answer later');
    const post = await bot.waitForStaffPost(1001);
    bot.h.fake.blockChat(user.id);
    const anna = bot.h.user({ firstName: 'Anna' });
    await bot.h.exchange(
      () =>
        bot!.h.fake.sendText(anna, 'Here is your answer', {
          chat: STAFF_CHAT,
          replyTo: bot!.h.fake.messageInChat(STAFF_CHAT.id, post.messageId)!,
        }),
      STAFF_CHAT.id,
    );
    const notice = await bot.waitForStaffMessages(3);
    expect(notice.at(-1)!.visibleText).toBe(
      '⚠️ The answer to #1001 could not be delivered: Sam has blocked the bot or deleted the chat.',
    );
    await new Promise((r) => setTimeout(r, 800));
    expect(bot.h.fake.calls('sendMessage').filter((c) => c.params.chat_id === user.id && !c.ok)).toHaveLength(
      1,
    );
  });

  it('Telegram 429 and 5xx on a relay: the answer arrives once, after retry_after and backoff', async () => {
    bot = await startFollowUpBot({ framework });
    const user = bot.h.user({ languageCode: 'de' });
    await askAndConfirm(user, 'Wie lange dauert die Anerkennung?');
    await bot.waitForStaffPost(1001);
    bot.h.fake.failNext('sendMessage', { status: 429, retryAfter: 1 });
    bot.h.fake.failNext('sendMessage', { status: 503 });
    const started = Date.now();
    await bot.runtime.staffActions.write(1001, { id: 1, name: 'Anna' }, 'Etwa drei Monate.', 424_242);
    const messages = await bot.waitForUserMessages(user, 2, 10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(messages.at(-1)!.visibleText).toContain('Etwa drei Monate.');
    await new Promise((r) => setTimeout(r, 500));
    expect(bot.userMessages(user)).toHaveLength(2);
  });

  it('a worker process killed in the middle of posting: another worker takes over and the ticket is posted once', async () => {
    bot = await startFollowUpBot({ framework, worker: false });
    const worker = await spawnWorkerProcess(bot, { HANG_ON_SEND: '1' });
    child = worker.child;
    await askAndConfirm(bot.h.user({ languageCode: 'en' }), 'Will this survive a crash?');
    await worker.printed('posting');
    child.kill('SIGKILL');
    await bot.startWorker();
    await bot.waitForStaffPost(1001, 10_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(bot.staffMessages()).toHaveLength(1);
  });
});
