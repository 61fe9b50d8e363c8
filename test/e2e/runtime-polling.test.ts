import { Bot } from 'grammy';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startRunnerPolling } from '../../src/adapters/grammy/polling.js';
import type { UpdateIntake } from '../../src/runtime/update-intake.js';
import { startFakeBotApi, type FakeBotApi } from '../support/fake-bot-api.js';

const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
let fake: FakeBotApi;
let intake: UpdateIntake | undefined;

afterEach(async () => {
  await intake?.stop();
  intake = undefined;
  await fake?.close();
});

async function started(intake: UpdateIntake): Promise<UpdateIntake> {
  await intake.started;
  return intake;
}

function echoBot(): Bot {
  const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  bot.on('message:text', async (ctx) => {
    if (ctx.message.text.startsWith('slow')) await sleep(300);
    await ctx.reply(`echo: ${ctx.message.text}`);
  });
  return bot;
}

describe('long polling with the runner', () => {
  it('asks only for the update types the desk handles and removes a leftover webhook', async () => {
    fake = await startFakeBotApi();
    const bot = echoBot();
    await bot.api.setWebhook('https://example.invalid/hook');
    intake = await started(startRunnerPolling(bot, log));
    expect(fake.webhook).toBeNull();
    const user = fake.user();
    fake.sendText(user, 'hi');
    await fake.waitForCall('sendMessage');
    expect(fake.calls('getUpdates')[0]!.params.allowed_updates).toEqual([
      'message',
      'edited_message',
      'callback_query',
      'my_chat_member',
    ]);
  });

  it("keeps one chat's updates in order while other chats go ahead", async () => {
    fake = await startFakeBotApi();
    intake = await started(startRunnerPolling(echoBot(), log));
    const [alice, bob] = [fake.user(), fake.user()];
    fake.sendText(alice, 'slow first');
    fake.sendText(alice, 'second');
    fake.sendText(bob, 'bob');
    await fake.waitForCall('sendMessage', (c) => c.params.text === 'echo: second', 5_000, { since: 0 });
    const texts = fake.calls('sendMessage').map((c) => c.params.text);
    expect(texts).toEqual(['echo: bob', 'echo: slow first', 'echo: second']);
  });

  it('stop() waits for the update in flight and then takes no more', async () => {
    fake = await startFakeBotApi();
    const running = await started(startRunnerPolling(echoBot(), log));
    const user = fake.user();
    fake.sendText(user, 'slow one');
    await fake.waitForCall('getUpdates', () => true, 2_000);
    await sleep(100);
    await running.stop();
    expect(fake.calls('sendMessage').map((c) => c.params.text)).toEqual(['echo: slow one']);
    fake.sendText(user, 'after stop');
    await sleep(200);
    expect(fake.calls('sendMessage')).toHaveLength(1);
  });

  it('confirms the updates it handled, so that a restarted instance does not answer them again', async () => {
    fake = await startFakeBotApi();
    const first = await started(startRunnerPolling(echoBot(), log));
    const user = fake.user();
    fake.sendText(user, 'once');
    await fake.waitForCall('sendMessage');
    await first.stop();
    intake = await started(startRunnerPolling(echoBot(), log));
    fake.sendText(user, 'next');
    await fake.waitForCall('sendMessage', (c) => c.params.text === 'echo: next');
    expect(fake.calls('sendMessage').map((c) => c.params.text)).toEqual(['echo: once', 'echo: next']);
  });
});

describe('long polling that cannot go on', () => {
  it('rejects finished when Telegram refuses the token', async () => {
    fake = await startFakeBotApi();
    const bot = new Bot('999:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { client: { apiRoot: fake.apiRoot } });
    const polling = startRunnerPolling(bot, log);
    await expect(polling.started).rejects.toMatchObject({ error_code: 401 });
    await expect(polling.finished).rejects.toBeDefined();
  });
});
