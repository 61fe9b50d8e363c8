import { Telegram } from 'telegraf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegrafMessenger } from '../../../src/adapters/telegraf/messenger.js';
import { DeliveryError } from '../../../src/app/delivery-error.js';
import type { Messenger } from '../../../src/app/types.js';
import { startFakeBotApi, type FakeBotApi } from '../../support/fake-bot-api.js';

let fake: FakeBotApi;
let messenger: Messenger;
beforeEach(async () => {
  fake = await startFakeBotApi();
  messenger = createTelegrafMessenger(
    new Telegram(fake.token, { apiRoot: fake.apiRoot, webhookReply: false }),
  );
});
afterEach(() => fake.close());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a DeliveryError'),
    (err: unknown) => {
      expect(err).toBeInstanceOf(DeliveryError);
      const { status, permanent, retryAfter } = err as DeliveryError;
      return { status, permanent, retryAfter };
    },
  );

/** The worker's sending port over telegraf, with Telegram's refusals reduced as the grammY one does. */
describe('telegraf messenger', () => {
  it('sends HTML with buttons as a reply, returns the message id, and edits it', async () => {
    const user = fake.user();
    const id = await messenger.send(user.id, {
      html: '<b>Ticket</b> #1042',
      buttons: [[{ text: 'Claim', data: '1:c' }]],
    });
    const second = await messenger.send(user.id, { html: 'answer', replyTo: id });
    await messenger.edit(user.id, id, { html: '<b>Ticket</b> #1042 claimed' });
    const [post, reply] = fake.sentTo(user.id);
    expect(post).toMatchObject({
      messageId: id,
      parseMode: 'HTML',
      visibleText: 'Ticket #1042 claimed',
      buttons: [],
    });
    expect(reply).toMatchObject({ messageId: second, replyTo: id });
  });

  it('treats an edit that changes nothing as done', async () => {
    const user = fake.user();
    const id = await messenger.send(user.id, { html: 'same' });
    await expect(messenger.edit(user.id, id, { html: 'same' })).resolves.toBeUndefined();
  });

  it('reports a user who blocked the bot, or a chat that is gone, as permanent', async () => {
    const user = fake.user();
    fake.blockChat(user.id);
    expect(await failure(messenger.send(user.id, { html: 'x' }))).toEqual({
      status: 403,
      permanent: true,
      retryAfter: undefined,
    });
    fake.failNext('sendMessage', { status: 400, description: 'Bad Request: chat not found' });
    expect(await failure(messenger.send(fake.user().id, { html: 'x' }))).toMatchObject({
      status: 400,
      permanent: true,
    });
  });

  it('carries retry_after of a 429, and reports 5xx and network failures as transient', async () => {
    const user = fake.user();
    fake.failNext('sendMessage', { status: 429, retryAfter: 7 });
    expect(await failure(messenger.send(user.id, { html: 'x' }))).toEqual({
      status: 429,
      permanent: false,
      retryAfter: 7,
    });
    fake.failNext('sendMessage', { status: 502 });
    expect(await failure(messenger.send(user.id, { html: 'x' }))).toMatchObject({
      status: 502,
      permanent: false,
    });
    fake.failNext('sendMessage', { network: true });
    expect(await failure(messenger.send(user.id, { html: 'x' }))).toMatchObject({
      status: 0,
      permanent: false,
    });
  });
});
