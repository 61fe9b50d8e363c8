import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deskInputFromUpdate, type TelegramUpdate } from '../../src/app/telegram-update.js';
import { languageCode, userText } from '../support/arbitraries.js';

const BOT = 'community_desk_bot';

const user = fc.record(
  {
    id: fc.integer({ min: 1, max: 2 ** 40 }),
    first_name: userText(64),
    username: fc.oneof(fc.constant(BOT), userText(32)),
    language_code: languageCode,
  },
  { requiredKeys: ['id', 'first_name'] },
);
const chat = fc.record({
  id: fc.integer({ min: -(2 ** 45), max: 2 ** 40 }),
  type: fc.constantFrom('private', 'group', 'supergroup', 'channel') as fc.Arbitrary<
    'private' | 'group' | 'supergroup' | 'channel'
  >,
});
const entity = fc.record({
  type: fc.constantFrom('bot_command', 'bold', 'url', 'mention'),
  offset: fc.integer({ min: -2, max: 50 }),
  length: fc.integer({ min: -2, max: 80 }),
});
/** Commands as people type them, addressed to this bot, to another, or to nobody. */
const text = fc.oneof(
  userText(120),
  fc
    .tuple(userText(20), fc.constantFrom('', `@${BOT}`, '@other_bot', '@', '@@'), userText(40))
    .map(([name, at, rest]) => `/${name}${at} ${rest}`),
);
const message = fc.record(
  {
    message_id: fc.nat(),
    chat,
    from: user,
    text,
    entities: fc.array(entity, { maxLength: 3 }),
    caption: userText(60),
    document: fc.record(
      { file_id: userText(20), file_name: userText(40), mime_type: userText(20), file_size: fc.nat() },
      { requiredKeys: ['file_id'] },
    ),
    photo: fc.array(fc.record({ file_id: userText(20), file_size: fc.nat() }), { maxLength: 3 }),
    animation: fc.constant({}),
    reply_to_message: fc.record({ message_id: fc.nat() }),
  },
  { requiredKeys: ['message_id', 'chat'] },
);
const update: fc.Arbitrary<TelegramUpdate> = fc.record(
  {
    update_id: fc.nat(),
    message,
    callback_query: fc.record(
      {
        from: user,
        data: fc.oneof(userText(64), fc.constantFrom('1:be:x:0', '1:constructor', '__proto__')),
        message: fc.record({ message_id: fc.nat(), chat }),
      },
      { requiredKeys: ['from'] },
    ),
  },
  { requiredKeys: ['update_id'] },
);

describe('update mapping, for any Telegram-shaped update', () => {
  it('never throws, and gives null or an input of one kind that carries the sender and the update_id', () => {
    fc.assert(
      fc.property(update, (u) => {
        const input = deskInputFromUpdate(u, BOT);
        if (input === null) return;
        expect(input.updateId).toBe(u.update_id);
        expect(['command', 'text', 'callback', 'attachment']).toContain(input.kind);
        if (input.kind === 'attachment') {
          // An animation also carries a document, and is still no file the desk relays.
          if (u.message?.animation !== undefined) expect(input.attachment.kind).toBe('unsupported');
          if (u.message?.photo?.length && !u.message.animation)
            expect(input.attachment.fileId).toBe(u.message.photo.at(-1)!.file_id);
        }
        expect(typeof input.sender.userId).toBe('number');
        expect(typeof input.sender.chatId).toBe('number');
        if (input.kind === 'command') {
          expect(input.command.name).toBe(input.command.name.toLowerCase());
          expect(input.command.name).not.toContain('@');
          expect(input.command.args).toBe(input.command.args.trim());
        }
        if (input.kind === 'callback') expect(input.callback.data).toBe(u.callback_query!.data);
      }),
      { numRuns: 600 },
    );
  });
});
