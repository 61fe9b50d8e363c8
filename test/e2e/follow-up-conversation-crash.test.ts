import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { Messenger } from '../../src/app/types.js';
import { eventually } from '../adapters/queue/follow-up-fixture.js';
import { frameworks, testMessenger } from '../support/bot-starters.js';
import type { FakeUser, SentMessage } from '../support/fake-bot-api.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';
import {
  conversationWords,
  FIRST_STAFF_MESSAGE,
  openConversation,
  settle,
  staffRelays,
  userRelays,
} from './follow-up-conversation-helpers.js';
import { STAFF_CHAT, startFollowUpBot, type FollowUpBot } from './follow-up-harness.js';
import { spawnWorkerProcess } from './worker-process.js';

const STAFF_WORDS = ['Sapphire', 'Saffron', 'Sorrel', 'Sequoia'];
const USER_WORDS = ['Umber', 'Ultramarine', 'Ubiquity', 'Utopia'];
const LOOSE_PACE = { staffLimiter: { max: 50, duration: 1_000 } };

/** A test's own waits (Redis back, a worker spawned, every relay delivered) add up past vitest's 20 s default. */
const CRASH_TEST_MS = 60_000;

/**
 * Redis (append-only file on, SIGKILL) and the worker die in the middle of a conversation; after both come
 * back, each side's chat holds every message once, in the order it was written.
 */
describe.each(frameworks())('follow-ups: a conversation through crashes (%s)', (framework) => {
  let bot: FollowUpBot | undefined;
  let server: RedisServerHandle | undefined;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await bot?.close();
    await server?.dispose();
    bot = server = child = undefined;
  });

  /**
   * Redis is back for the desk: the ticket store and the queues answer. A client's status alone can still read
   * "ready" for a moment after the kill, before it has noticed the connection go.
   */
  async function serving(b: FollowUpBot): Promise<void> {
    const answers = (read: () => Promise<unknown>) => () =>
      read().then(
        () => true,
        () => false,
      );
    await eventually(
      answers(() => b.runtime.store.get(1001)),
      10_000,
    );
    await eventually(
      answers(() => b.runtime.queues.user.getJobCounts()),
      10_000,
    );
    await eventually(
      answers(() => b.runtime.queues.staff.getJobCounts()),
      10_000,
    );
  }

  const staffSays = (b: FollowUpBot, post: SentMessage, word: string) =>
    b.staffReply(b.staff('Anna'), `${word}: a staff message`, post);
  const userSays = (b: FollowUpBot, user: FakeUser, word: string) =>
    b.h.say(user, `${word}: a message from the user`);

  function expectEveryMessageOnceInOrder(
    b: FollowUpBot,
    user: FakeUser,
    staffWords: string[],
    userWords: string[],
  ) {
    const firstWord = FIRST_STAFF_MESSAGE.split(':')[0]!;
    expect(userRelays(b, user).map((m) => conversationWords(m, [firstWord, ...staffWords]))).toEqual([
      firstWord,
      ...staffWords,
    ]);
    expect(staffRelays(b).map((m) => conversationWords(m, userWords))).toEqual(userWords);
    expect(b.staffMessages().filter((m) => m.visibleText.includes('Ticket #'))).toHaveLength(1);
  }

  it(
    'Redis and the worker killed with messages sent, waiting and held by a 429: nothing lost, doubled or reordered',
    async () => {
      server = await startRedisServer({ appendonly: true });
      bot = await startFollowUpBot({ framework, redisUrl: server.url, worker: false, tuning: LOOSE_PACE });
      // In a process of its own, for a real SIGKILL.
      child = (await spawnWorkerProcess(bot, { STAFF_POSTS_PER_SECOND: '50' })).child;
      const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
      const { post } = await openConversation(bot, mia, 'Which community fits a battery start-up?');
      const [s1, s2, s3, s4] = STAFF_WORDS as [string, string, string, string];
      const [u1, u2, u3, u4] = USER_WORDS as [string, string, string, string];

      await staffSays(bot, post, s1);
      await userSays(bot, mia, u1);
      await settle(() => userRelays(bot!, mia).length === 2 && staffRelays(bot!).length === 1, 'sent before');
      // Telegram refuses the next message each way (429) until the kill, so that the kill finds no send in
      // flight: a worker killed between Telegram's answer and its record sends that message again (README).
      let holding = true;
      const held = (chat: number, word: string) => (p: Record<string, unknown>) =>
        holding && Number(p.chat_id) === chat && String(p.text).includes(word);
      const refuse = { status: 429, retryAfter: 1 } as const;
      bot.h.fake.failNext('sendMessage', { ...refuse, when: held(mia.id, s2) }, 1_000);
      bot.h.fake.failNext('sendMessage', { ...refuse, when: held(STAFF_CHAT.id, u2) }, 1_000);
      await staffSays(bot, post, s2);
      await userSays(bot, mia, u2);
      await staffSays(bot, post, s3);
      await userSays(bot, mia, u3);
      const refused = (word: string) =>
        bot!.h.fake.calls('sendMessage').some((c) => !c.ok && String(c.params.text).includes(word));
      await eventually(() => refused(s2) && refused(u2), 5_000);

      child.kill('SIGKILL');
      await server.kill();
      holding = false;
      await server.start();
      await serving(bot);
      await staffSays(bot, post, s4);
      await userSays(bot, mia, u4);
      await bot.startWorker();

      await settle(
        () => userRelays(bot!, mia).length >= 5 && staffRelays(bot!).length >= 4,
        'every relay delivered after the restart',
        20_000,
      );
      expectEveryMessageOnceInOrder(bot, mia, STAFF_WORDS, USER_WORDS);
    },
    CRASH_TEST_MS,
  );

  it(
    'Redis killed right after Telegram accepted a relay: the worker records it once Redis is back and never sends it again',
    async () => {
      server = await startRedisServer({ appendonly: true });
      // Locks outlive the outage, as production's 30 s do: the job stays with the worker that sent it.
      bot = await startFollowUpBot({
        framework,
        redisUrl: server.url,
        worker: false,
        tuning: { ...LOOSE_PACE, lockDurationMs: 10_000 },
      });
      const redis = server;
      const real = testMessenger(framework, bot.h.fake);
      let outage: Promise<void> | undefined;
      const [s1, s2] = STAFF_WORDS as [string, string];
      const dyingRedis: Messenger = {
        ...real,
        async send(chatId, message) {
          const messageId = await real.send(chatId, message);
          if (message.html?.includes(s1) && !outage)
            outage = redis
              .kill()
              .then(() => new Promise((r) => setTimeout(r, 300)).then(() => redis.start()));
          return messageId;
        },
      };
      await bot.runtime.startWorkers(dyingRedis);
      const mia = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
      const { post } = await openConversation(bot, mia, 'Which community fits a battery start-up?');

      await staffSays(bot, post, s1);
      await eventually(() => outage !== undefined, 5_000);
      await outage;
      await serving(bot);
      await staffSays(bot, post, s2);
      await settle(() => userRelays(bot!, mia).length >= 3, 'both staff messages', 15_000);
      expectEveryMessageOnceInOrder(bot, mia, [s1, s2], []);
    },
    CRASH_TEST_MS,
  );
});
