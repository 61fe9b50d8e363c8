import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegrafBot } from '../../../src/adapters/telegraf/bot.js';
import type { Desk } from '../../../src/app/desk.js';
import { createMetrics } from '../../../src/observability/metrics.js';
import type { UpdateIntake } from '../../../src/runtime/update-intake.js';
import { adapterScenarios } from '../../support/adapter-scenarios.js';
import { startFakeBotApi, type FakeBotApi } from '../../support/fake-bot-api.js';

/** What the telegraf adapter adds around the desk: Telegram's shapes in, Bot API calls out. */
describe('telegraf adapter', () => {
  const harness = adapterScenarios('telegraf');

  it('sends a failed edit as a new message', async () => {
    const h = harness();
    const user = h.user();
    const list = await h.command(user, 'communities');
    const next = list.reply.buttons.flat().find((b) => b.data?.startsWith('1:bp:'))!;
    h.fake.failNext('editMessageText', { status: 400, description: "Bad Request: message can't be edited" });
    const tapped = await h.tap(user, list.reply, next.data!);
    expect(tapped.sent).toHaveLength(1);
    expect(tapped.sent[0]!.buttons.flat().length).toBeGreaterThan(1);
  });

  it('routes a reply (a staff answer) with the id of the message it answers', async () => {
    const h = harness();
    const user = h.user();
    const { reply } = await h.command(user, 'help');
    const seen: unknown[] = [];
    const handle = h.desk.handle;
    h.desk.handle = async (input) => (seen.push(input), handle(input));
    try {
      await h.say(user, 'laser?', { replyTo: h.fake.messageInChat(user.id, reply.messageId)! });
    } finally {
      h.desk.handle = handle;
    }
    expect(seen).toMatchObject([
      { kind: 'text', text: { text: 'laser?', replyToMessageId: reply.messageId } },
    ]);
  });
});

describe('telegraf adapter, last-resort error boundary', () => {
  let fake: FakeBotApi;
  let intake: UpdateIntake | undefined;
  afterEach(async () => {
    await intake?.stop();
    await fake?.close();
  });

  it('logs an update that fails outside the desk and keeps polling', async () => {
    fake = await startFakeBotApi();
    const logs: Record<string, unknown>[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    let calls = 0;
    // The desk promises never to throw; this one breaks that promise once, as an adapter bug would.
    const desk: Desk = {
      handle: async () => {
        if (++calls === 1) throw new Error('bug outside the desk');
        return { replies: [{ html: 'still here' }] };
      },
      commandMenu: () => [],
    };
    const metrics = createMetrics({ defaultMetrics: false });
    const telegraf = createTelegrafBot({ token: fake.token, apiRoot: fake.apiRoot, desk, logger, metrics });
    intake = telegraf.startPolling({ timeoutSeconds: 1 });
    await intake.started;
    const user = fake.user();
    const first = fake.sendText(user, 'one');
    fake.sendText(user, 'two');
    const reply = await fake.waitForCall('sendMessage', () => true, 5_000, { since: 0 });
    expect(reply.params.text).toBe('still here');
    expect(logs).toContainEqual(
      expect.objectContaining({ update_id: first.update_id, msg: 'update failed outside the desk' }),
    );
  });
});
