import { afterEach, describe, expect, it } from 'vitest';
import { decodeCallback } from '../../src/app/callback-data.js';
import { frameworks } from '../support/bot-starters.js';
import { STAFF_CHAT, startFollowUpBot, translate as t, type FollowUpBot } from './follow-up-harness.js';

/** What staff tripped over: the entrepreneur's help in their chat, replies that vanished, endless reminders. */
describe.each(frameworks())('follow-ups: the staff chat explains itself (%s)', (framework) => {
  let bot: FollowUpBot;
  afterEach(async () => bot?.close());

  async function ticketFrom(question: string) {
    const user = bot.h.user({ languageCode: 'en', firstName: 'Mia' });
    const asked = await bot.h.command(user, 'ask', question);
    const send = asked.reply.buttons.flat().find((b) => decodeCallback(b.data)?.action === 'fy')!;
    const confirmed = await bot.h.tap(user, asked.reply, send.data!);
    const number = Number(/#(\d{4})/.exec(confirmed.edited!.visibleText)![1]);
    return { user, number, post: await bot.waitForStaffPost(number) };
  }

  it('/help and /start in the staff chat list the staff commands; users still get their welcome', async () => {
    bot = await startFollowUpBot({ framework });
    const anna = bot.staff('Anna');
    for (const command of ['help', 'start']) {
      const answer = await bot.staffCommand(anna, command);
      expect(answer.reply.text).toBe(t('en', 'staff:help'));
      for (const named of ['/unclaim', '/reply', '/close', '/queue', '/ticket', '/note', '/gaps'])
        expect(answer.reply.visibleText).toContain(named);
    }
    const user = bot.h.user({ languageCode: 'de' });
    const help = await bot.h.command(user, 'help');
    expect(help.reply.text).not.toBe(t('de', 'staff:help'));
    expect(help.reply.text).toContain('/mytickets');
  });

  it('a reply to the /queue list says how to answer; a reply to a colleague stays chatter', async () => {
    bot = await startFollowUpBot({ framework });
    const { user, number } = await ticketFrom('Who signs the agreement?');
    const anna = bot.staff('Anna');
    const queue = await bot.staffCommand(anna, 'queue');
    const hint = await bot.staffReply(anna, 'I can take this one', queue.reply);
    expect(hint.reply.text).toBe(t('en', 'staff:not_a_ticket'));

    const said = bot.h.fake.sendText(bot.staff('Ben'), 'Coffee at ten?', { chat: STAFF_CHAT });
    await bot.h.handled(said.update_id);
    const toColleague = await bot.h.exchange(
      () => bot.h.fake.sendText(anna, 'Sure', { chat: STAFF_CHAT, replyTo: said.message! }),
      STAFF_CHAT.id,
    );
    expect(toColleague.sent).toEqual([]);
    expect(await bot.runtime.store.get(number)).toMatchObject({ state: 'waiting', staffMessages: 0 });
    expect(bot.userMessages(user)).toHaveLength(1);
  });

  it('the claimer gives a ticket back with /unclaim; nobody else can, and it is unclaimed in /queue', async () => {
    bot = await startFollowUpBot({ framework });
    const { number, post } = await ticketFrom('Can we visit the lab?');
    const claim = post.buttons.flat().find((b) => decodeCallback(b.data)?.action === 'sc')!;
    const anna = bot.staff('Anna');
    await bot.h.tap(anna, post, claim.data!);

    const byBen = await bot.staffCommand(bot.staff('Ben'), 'unclaim', String(number));
    expect(byBen.reply.visibleText).toBe(`Ticket #${number} is already being handled by Anna.`);
    const byAnna = await bot.staffCommand(anna, 'unclaim', `#${number}`);
    expect(byAnna.reply.visibleText).toBe(`You gave ticket #${number} back; anyone can claim it now.`);
    expect(await bot.runtime.store.get(number)).toMatchObject({ state: 'waiting' });
    expect((await bot.runtime.store.get(number))?.claimedBy).toBeUndefined();
    const again = await bot.staffCommand(anna, 'unclaim', String(number));
    expect(again.reply.visibleText).toBe(`Nobody has claimed ticket #${number}.`);
    const queue = await bot.staffCommand(anna, 'queue');
    expect(queue.reply.visibleText).toContain(`#${number} · just now · unclaimed`);

    const ben = bot.staff('Ben');
    const taken = await bot.h.tap(ben, post, claim.data!);
    expect(taken.toast?.text).toBe(`You have ticket #${number} now.`);
  });

  it('an unclaimed ticket is reminded three times, the last saying it waits in the digest, then no more', async () => {
    bot = await startFollowUpBot({
      framework,
      remindAfterMinutes: 0.005,
      tuning: { staffLimiter: { max: 10, duration: 1_000 } },
    });
    const { number } = await ticketFrom('Is anyone there?');
    const posts = await bot.waitForStaffMessages(4, 8_000);
    const reminders = posts.slice(1);
    expect(reminders.every((m) => m.visibleText.includes(`Ticket #${number} is still waiting`))).toBe(true);
    expect(reminders.slice(0, 2).some((m) => m.visibleText.includes('last reminder'))).toBe(false);
    expect(reminders[2]!.visibleText).toContain(`This is the last reminder: #${number} now waits in /queue`);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(bot.staffMessages()).toHaveLength(4);
  });

  it('the daily digest lists open tickets, and says nothing when none is open', async () => {
    bot = await startFollowUpBot({ framework });
    await bot.runtime.queues.staff.add('open-digest', { name: 'open-digest' }, { jobId: 'digest-empty' });
    await new Promise((r) => setTimeout(r, 500));
    expect(bot.staffMessages()).toHaveLength(0);
    const { number } = await ticketFrom('Still open tomorrow?');
    await bot.runtime.queues.staff.add('open-digest', { name: 'open-digest' }, { jobId: 'digest-one' });
    const [, digest] = await bot.waitForStaffMessages(2);
    expect(digest!.visibleText).toContain('Good morning: these tickets are still open.');
    expect(digest!.visibleText).toContain(`#${number} · just now · unclaimed`);
  });
});
