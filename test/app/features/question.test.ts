import { describe, expect, it } from 'vitest';
import { decodeCallback } from '../../../src/app/callback-data.js';
import type { OfferFollowUp } from '../../../src/app/features/question.js';
import type { DeskStatsRecorder } from '../../../src/core/stats/desk-stats.js';
import { parseTelegramHtml } from '../../support/fake-bot-api.js';
import { sender, tap, testDesk, text, translate } from '../desk-fixture.js';

const staffButton = { text: 'Ask our staff', data: '1:fu:x' };

describe('question feature', () => {
  it('answers a clear question with the entry, its sources as dated links, and related entries', async () => {
    const { desk } = await testDesk();
    const reply = (
      await desk.handle(text(sender({ languageCode: 'en' }), 'Who leads the laser equipment community?'))
    ).replies![0]!;
    expect(reply.html).toContain('<b>Laser');
    expect(reply.html).toMatch(/<a href="https:\/\/[^"]+">[^<]+<\/a> \(\d{4}-\d{2}(-\d{2})?\)/);
    expect(() => parseTelegramHtml(reply.html)).not.toThrow();
    const related = reply.buttons!.flat().map((b) => decodeCallback(b.data));
    expect(related.length).toBeGreaterThan(0);
    expect(related.every((d) => d?.action === 'a' && d.args[1] === 'n' && d.args[2] === 'en')).toBe(true);
  });

  it('replies in the language of the question, even when the client speaks another', async () => {
    const { desk } = await testDesk();
    const reply = (await desk.handle(text(sender({ languageCode: 'en' }), '激光装备共同体在哪里')))
      .replies![0]!;
    expect(reply.html).toContain('济南');
    expect(reply.buttons!.flat().every((b) => b.data.endsWith(':zh'))).toBe(true);
  });

  it('offers up to three "did you mean" choices plus the follow-up button', async () => {
    let considered: string[] = [];
    const offerFollowUp: OfferFollowUp = async (_ctx, _q, ids) => {
      considered = ids;
      return staffButton;
    };
    const { desk } = await testDesk({ offerFollowUp });
    const reply = (await desk.handle(text(sender(), 'materials community'))).replies![0]!;
    expect(reply.html).toBe(translate('en', 'question:did_you_mean'));
    const buttons = reply.buttons!.flat();
    expect(buttons.at(-1)).toEqual(staffButton);
    const choices = buttons.slice(0, -1).map((b) => decodeCallback(b.data)!);
    expect(choices.length).toBeGreaterThanOrEqual(2);
    expect(choices.length).toBeLessThanOrEqual(3);
    expect(choices.map((c) => c.args[0])).toEqual(considered.slice(0, choices.length));
  });

  it('says honestly that it does not know, with a browse button and the follow-up offer', async () => {
    const { desk } = await testDesk({ offerFollowUp: async () => staffButton });
    const reply = (await desk.handle(text(sender({ languageCode: 'de' }), "what's the weather today")))
      .replies![0]!;
    expect(reply.html).toBe(translate('en', 'question:unknown'));
    expect(reply.buttons!.flat().map((b) => b.data)).toEqual(['1:bl', staffButton.data]);
  });

  it('still replies when the follow-up offer fails', async () => {
    const { desk } = await testDesk({
      offerFollowUp: async () => {
        throw new Error('redis down');
      },
    });
    const reply = (await desk.handle(text(sender(), "what's the weather today"))).replies![0]!;
    expect(reply.buttons!.flat().map((b) => b.data)).toEqual(['1:bl']);
  });

  it('counts each question for /stats by outcome and the entry shown, without waiting for the count', async () => {
    const counted: [string, string | null][] = [];
    const never = new Promise<void>(() => undefined);
    const stats = {
      question: async (outcome: string, entryId: string | null) => counted.push([outcome, entryId]) && never,
    };
    const { desk } = await testDesk({ stats: stats as unknown as DeskStatsRecorder });
    const answered = await desk.handle(
      text(sender({ userId: 7 }), 'Who leads the laser equipment community?'),
    );
    expect(answered.replies![0]!.html).toContain('<b>Laser');
    await desk.handle(text(sender({ userId: 8 }), "what's the weather today"));
    expect(counted).toEqual([
      ['answered', 'laser-equipment'],
      ['unknown', null],
    ]);
  });

  it('still answers when the count fails, and says so at debug level only', async () => {
    const stats = { question: () => Promise.reject(new Error('redis down')) };
    const { desk, logs } = await testDesk({ stats: stats as unknown as DeskStatsRecorder });
    const reply = (await desk.handle(text(sender(), 'Who leads the laser equipment community?')))
      .replies![0]!;
    expect(reply.html).toContain('<b>Laser');
    await new Promise((resolve) => setImmediate(resolve));
    expect(logs.find((l) => l.msg === 'question not counted (store unavailable)')?.level).toBe(20);
  });

  it('turns a "did you mean" tap into the answer in place, in the language of the question', async () => {
    const { desk } = await testDesk();
    const response = await desk.handle(tap(sender({ languageCode: 'en' }), '1:a:polymer-materials:e:fr'));
    expect(response.edit!.html).toContain('polymères');
    const related = await desk.handle(tap(sender(), '1:a:polymer-materials:n:en'));
    expect(related.send).toHaveLength(1);
  });

  it('answers a 5000-character message and ignores group chatter', async () => {
    const { desk } = await testDesk();
    const long = await desk.handle(text(sender(), `laser ${'blah '.repeat(1000)}`));
    expect(long.replies![0]!.html.length).toBeLessThan(4096);
    const group = await desk.handle(text(sender({ chatId: -100, chatType: 'supergroup' }), 'laser'));
    expect(group).toEqual({});
  });
});
