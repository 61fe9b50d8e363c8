import { afterEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/translator.js';
import { kbFolder } from '../app/reload/support.js';
import { frameworks, type BotFramework } from '../support/bot-starters.js';
import { fakeUser, type FakeChat, type RecordedCall } from '../support/fake-bot-api.js';
import type { UploadedFile } from '../support/fake-bot-api/request-body.js';
import { ADMIN_ID, STAFF_CHAT_ID, startAdminBot } from './admin-bot.js';

const t = createTranslator();
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function bot(framework: BotFramework) {
  const folder = await kbFolder();
  const b = await startAdminBot({ framework, kbPath: folder.kbPath, instanceId: 'stats-bot' });
  cleanups.push(folder.dispose, b.stop);
  return b;
}

const staffChat: FakeChat = { id: STAFF_CHAT_ID, type: 'supergroup', title: 'Staff' };
const photoOf = (calls: RecordedCall[]) => calls.find((c) => c.method === 'sendPhoto' && c.ok);

describe.each(frameworks())('/stats (%s)', (framework) => {
  it('sends the last 14 days as a PNG chart, then the counts as text', async () => {
    const b = await bot(framework);
    const [u1, u2, u3] = [1, 2, 3].map(() => b.h.user({ languageCode: 'en' }));
    const { reply: answer } = await b.h.say(u1!, 'Who leads the laser equipment community?');
    await b.h.say(u2!, 'who leads the laser equipment community');
    await b.h.say(u3!, "What's the weather in Jinan?");
    const down = answer.buttons.flat().find((x) => x.data?.startsWith('1:fb:') && x.data.endsWith(':d'))!;
    await b.h.tap(u1!, answer, down.data!);
    // Tickets are counted by the follow-up side (see test/wiring/follow-up-observer.test.ts).
    const now = Date.now();
    await b.stats().ticket('opened', now);
    await b.stats().ticket('opened', now);
    await b.stats().ticket('answered', now);
    await b.stats().firstStaffReply(600, now);
    await b.stats().ticket('closed', now);

    const exchange = await b.h.command(fakeUser(ADMIN_ID, { languageCode: 'en' }), 'stats');

    const photo = photoOf(exchange.calls)!;
    const upload = photo.params.photo as UploadedFile;
    expect(upload.content.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(upload.content.readUInt32BE(16)).toBeGreaterThan(1000); // width, from the IHDR chunk
    expect(upload.content.length).toBeGreaterThan(10_000);
    expect(upload.content.length).toBeLessThan(1_000_000);
    expect(photo.params.caption).toBe(t('en', 'admin:stats.caption', { days: 14 }));
    // The chart first, the text that explains it below.
    const text = exchange.calls.find((c) => c.method === 'sendMessage')!;
    expect(photo.seq).toBeLessThan(text.seq);
    const laser = b.h.store.current().byId('laser-equipment')!.title.en;
    expect(exchange.reply.visibleText.split('\n')).toEqual([
      '📊 The desk, last 14 days',
      '',
      'Questions: 3 (answered 2, likely 0, did you mean 0, no answer 1)',
      '',
      'Most given answers',
      `1. ${laser}: 2`,
      '',
      'Most 👎',
      `1. ${laser}: 1 👎, 0 👍`,
      '',
      'Tickets: opened 2, answered 1, closed 1',
      'Median time to the first staff reply: 10 min',
    ]);

    // Counted by day, outcome and entry only: no user id is stored.
    const [key] = await b.h.redis.keys(`${b.h.prefix}:{stats}:day:*`);
    const stored = JSON.stringify(await b.h.redis.hgetall(key!));
    for (const user of [u1, u2, u3]) expect(stored).not.toContain(String(user!.id));

    // Ticket ratings appear once tickets are rated.
    await b.stats().ticketRated('5', now);
    const rated = await b.h.command(fakeUser(ADMIN_ID, { languageCode: 'en' }), 'stats');
    expect(rated.reply.visibleText).toContain('Ticket ratings: 5 × 1');
  });

  it('is open to the staff chat in its language and refused to anyone else, politely', async () => {
    const b = await bot(framework);
    const staffer = b.h.user({ languageCode: 'zh' });
    const inStaff = await b.h.command(staffer, 'stats', '', { chat: staffChat });
    const photo = photoOf(inStaff.calls);
    expect(photo?.params.caption).toBe('📊 每日问题数（最近 14 天）');
    expect(inStaff.reply.visibleText).toContain('问题：共 0 个');
    expect(inStaff.reply.visibleText).toContain('工作人员首次回复的中位时间：暂无');

    const stranger = b.h.user({ languageCode: 'fr' });
    const refused = await b.h.command(stranger, 'stats');
    expect(refused.reply.text).toBe(t('fr', 'admin:stats.not_allowed'));
    expect(photoOf(refused.calls)).toBeUndefined();
  });
});
