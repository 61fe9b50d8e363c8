import { afterEach, describe, expect, it } from 'vitest';
import { decodeCallback } from '../../src/app/callback-data.js';
import { frameworks } from '../support/bot-starters.js';
import { STAFF_CHAT, startFollowUpBot, translate as t, type FollowUpBot } from './follow-up-harness.js';

/** The staff side, end to end: posts in the staff chat, claims, answers by reply or /reply, /queue, /close. */
describe.each(frameworks())('follow-ups: the staff side (%s)', (framework) => {
  let bot: FollowUpBot;
  afterEach(async () => bot?.close());

  /** A user asks through /ask and confirms; resolves with the user, the ticket number and its staff post. */
  async function ticketFrom(languageCode: string, question: string, firstName = 'Mia') {
    const user = bot.h.user({ languageCode, firstName });
    const asked = await bot.h.command(user, 'ask', question);
    const send = asked.reply.buttons.flat().find((b) => decodeCallback(b.data)?.action === 'fy')!;
    const confirmed = await bot.h.tap(user, asked.reply, send.data!);
    const number = Number(/#(\d{4})/.exec(confirmed.edited!.visibleText)![1]);
    const post = await bot.waitForStaffPost(number);
    return { user, number, post };
  }

  it('a reply to the ticket message reaches the user in their language; staff say when the ticket is answered', async () => {
    bot = await startFollowUpBot({ framework });
    const { user, number, post } = await ticketFrom(
      'zh-hans',
      '共同体的成员单位怎样申请资金支持？',
      'Li <Wei>',
    );
    expect(post.visibleText).toContain('Li <Wei> · Chinese');
    expect(post.text).toContain('Li &lt;Wei&gt;');

    const anna = bot.staff('Anna');
    const sent = await bot.staffReply(
      anna,
      'Please contact the SDITR office; details at <sditr.cn> & on their site.',
      post,
    );
    expect(sent.reply.visibleText).toContain(`✉️ On its way to Li <Wei> (#${number}).`);
    expect(sent.reply.visibleText).toContain(`/answered ${number}`);

    await bot.waitForUserMessages(user, 2);
    const message = bot.userMessages(user).at(-1)!;
    expect(message.visibleText).toContain(`Anna（工作人员）关于您的问题 #${number}`);
    expect(message.visibleText).toContain('details at <sditr.cn> & on their site.');
    // A message is not the answer: the ticket stays open, with Anna, who wrote.
    expect(await bot.runtime.store.get(number)).toMatchObject({
      state: 'claimed',
      claimedBy: { name: 'Anna' },
    });
    expect((await bot.staffCommand(anna, 'queue')).reply.visibleText).toContain(
      `#${number} · just now · Anna`,
    );

    const answered = post.buttons.flat().find((b) => b.text === '☑️ Answered')!;
    const tapped = await bot.h.tap(anna, post, answered.data!);
    expect(tapped.toast?.text).toContain(`Ticket #${number} marked as answered by Anna`);
    expect(tapped.edited!.visibleText).toContain(`Ticket #${number} · answered by Anna`);
    expect(tapped.edited!.buttons.flat().map((b) => b.text)).toEqual(['✔️ Close']);
    expect((await bot.staffCommand(anna, 'queue')).reply.visibleText).not.toContain(`#${number}`);
    const again = await bot.staffCommand(anna, 'answered', String(number));
    expect(again.reply.visibleText).toBe(`Ticket #${number} is already answered.`);
    expect(bot.userMessages(user)).toHaveLength(2);
  });

  it('/reply <number> <text> answers too; a redelivered staff update relays once', async () => {
    bot = await startFollowUpBot({ framework });
    const { user, number } = await ticketFrom('de', 'Wann beginnt die nächste Runde?');
    const ben = bot.staff('Ben');
    const update = bot.h.fake.sendText(ben, `/reply ${number} Im Herbst, voraussichtlich im September.`, {
      chat: STAFF_CHAT,
    });
    await bot.h.handled(update.update_id);
    const again = bot.h.fake.pushUpdate({ ...update });
    await bot.h.handled(again.update_id);
    await bot.waitForUserMessages(user, 2);
    await new Promise((r) => setTimeout(r, 500));
    const answers = bot.userMessages(user).filter((m) => m.visibleText.includes('zu Ihrer Frage'));
    expect(answers).toHaveLength(1);
    expect(answers[0]!.visibleText).toContain('Im Herbst, voraussichtlich im September.');
  });

  it('Claim shows who has it; a second claim is refused politely; Answered; the card follows each step', async () => {
    bot = await startFollowUpBot({ framework });
    const { number, post } = await ticketFrom('en', 'Who decides about recognition?');
    const claim = post.buttons.flat().find((b) => decodeCallback(b.data)?.action === 'sc')!;
    const anna = bot.staff('Anna');
    const first = await bot.h.tap(anna, post, claim.data!);
    expect(first.toast?.text).toBe(`You have ticket #${number} now.`);
    expect(first.edited!.visibleText).toContain(`Ticket #${number} · claimed by Anna`);
    expect(first.edited!.buttons.flat().map((b) => b.text)).toEqual(['☑️ Answered', '✔️ Close']);

    const second = await bot.h.tap(bot.staff('Ben'), post, claim.data!);
    expect(second.toast?.text).toBe(`Ticket #${number} is already being handled by Anna.`);

    const done = await bot.staffCommand(anna, 'answered', String(number));
    expect(done.reply.visibleText).toContain(`Ticket #${number} marked as answered by Anna`);
  });

  it("/give in reply to a colleague's message hands them the ticket; only its holder may give it away", async () => {
    bot = await startFollowUpBot({ framework });
    const { number } = await ticketFrom('en', 'Who reviews the applications?');
    const [anna, ben, carl] = [bot.staff('Anna'), bot.staff('Ben'), bot.staff('Carl')];
    await bot.staffCommand(anna, 'reply', `${number} Let me check with the office.`);
    const offer = bot.h.fake.sendText(ben, 'I know that office, I can take it.', { chat: STAFF_CHAT });
    await bot.h.handled(offer.update_id);
    const give = (from: typeof anna, args: string) =>
      bot.h.exchange(
        () => bot.h.fake.sendCommand(from, 'give', args, { chat: STAFF_CHAT, replyTo: offer.message! }),
        STAFF_CHAT.id,
      );

    expect((await give(carl, String(number))).reply.visibleText).toBe(
      `Ticket #${number} is already being handled by Anna.`,
    );
    expect((await give(anna, String(number))).reply.visibleText).toBe(`Ticket #${number} is Ben's now.`);
    expect(await bot.runtime.store.get(number)).toMatchObject({
      state: 'claimed',
      claimedBy: { name: 'Ben' },
    });
    expect((await bot.staffCommand(anna, 'queue')).reply.visibleText).toContain(
      `#${number} · just now · Ben`,
    );
    const unreplied = await bot.staffCommand(ben, 'give', String(number));
    expect(unreplied.reply.text).toBe(t('en', 'staff:give_usage'));
  });

  it('/queue lists open tickets oldest first with age and claimer; /close closes and tells the user', async () => {
    bot = await startFollowUpBot({ framework });
    const a = await ticketFrom('en', 'First question about batches');
    const b = await ticketFrom('fr', 'Deuxième question sur les communautés');
    const anna = bot.staff('Anna');
    await bot.runtime.staffActions.claim(b.number, { id: anna.id, name: 'Anna' }, 999_001);

    const queue = await bot.h.exchange(
      () => bot.h.fake.sendCommand(anna, 'queue', '', { chat: STAFF_CHAT }),
      STAFF_CHAT.id,
    );
    const text = queue.reply.visibleText;
    expect(text).toContain('Open tickets: 2');
    expect(text.indexOf(`#${a.number}`)).toBeLessThan(text.indexOf(`#${b.number}`));
    expect(text).toContain(`#${a.number} · just now · unclaimed`);
    expect(text).toContain(`#${b.number} · just now · Anna`);

    const closed = await bot.h.exchange(
      () => bot.h.fake.sendCommand(anna, 'close', `#${a.number}`, { chat: STAFF_CHAT }),
      STAFF_CHAT.id,
    );
    expect(closed.reply.visibleText).toContain(`Ticket #${a.number} closed by Anna. The user is told`);
    const notice = await bot.waitForUserMessages(a.user, 2);
    expect(notice.at(-1)!.text).toBe(t('en', 'followup:closed_notice', { number: `#${a.number}` }));
    const after = await bot.h.exchange(
      () => bot.h.fake.sendCommand(anna, 'queue', '', { chat: STAFF_CHAT }),
      STAFF_CHAT.id,
    );
    expect(after.reply.visibleText).toContain('Open tickets: 1');
  });

  it('a stranger replying elsewhere, or using staff commands outside the staff chat, changes nothing', async () => {
    bot = await startFollowUpBot({ framework });
    const { user, number, post } = await ticketFrom('en', 'Is this safe?');
    const stranger = bot.h.user({ languageCode: 'en' });
    const otherGroup = { id: -100555, type: 'supergroup' as const, title: 'Elsewhere' };
    const elsewhere = await bot.h.exchange(
      () =>
        bot.h.fake.sendText(stranger, `/reply ${number} I am not staff`, {
          chat: otherGroup,
          replyTo: bot.h.fake.messageInChat(STAFF_CHAT.id, post.messageId)!,
        }),
      otherGroup.id,
    );
    // The bot serves no group but the staff chat: it says so there and leaves.
    expect(elsewhere.sent.map((m) => m.text)).toEqual([t('en', 'runtime:private_chats_only')]);
    expect(elsewhere.calls.map((c) => c.method)).toContain('leaveChat');
    const privately = await bot.h.command(stranger, 'reply', `${number} still not staff`);
    expect(privately.reply.text).toBe(t('en', 'staff:only_staff_chat'));
    await new Promise((r) => setTimeout(r, 300));
    expect(await bot.runtime.store.get(number)).toMatchObject({ state: 'waiting', staffMessages: 0 });
    expect(bot.userMessages(user)).toHaveLength(1);
  });

  it('chatter in the staff chat and replies to non-ticket messages are ignored', async () => {
    bot = await startFollowUpBot({ framework });
    await ticketFrom('en', 'Anything?');
    const anna = bot.staff('Anna');
    const chatter = await bot.staffReply(anna, 'Good morning, team!');
    expect(chatter.sent).toEqual([]);
  });

  it('a reply to a digest explains how to answer one of its tickets', async () => {
    bot = await startFollowUpBot({
      framework,
      worker: false,
      tuning: { staffLimiter: { max: 1, duration: 60_000 } },
    });
    const users = [];
    for (const q of ['Digest one?', 'Digest two?', 'Digest three?']) users.push(await askOnly(q));
    await bot.startWorker();
    const [digest] = await bot.waitForStaffMessages(1);
    expect(digest!.visibleText).toContain('3 new tickets');
    const reply = await bot.staffReply(bot.staff('Anna'), 'Which one?', digest);
    expect(reply.reply.visibleText).toContain('This message lists several tickets (#1001, #1002, #1003)');
  });

  async function askOnly(question: string) {
    const user = bot.h.user({ languageCode: 'en' });
    const asked = await bot.h.command(user, 'ask', question);
    const send = asked.reply.buttons.flat().find((b) => decodeCallback(b.data)?.action === 'fy')!;
    await bot.h.tap(user, asked.reply, send.data!);
    return user;
  }
});
