import { describe, expect, it } from 'vitest';
import { deskInputFromUpdate, type TelegramUpdate } from '../../src/app/telegram-update.js';

const BOT = 'community_desk_bot';
const from = { id: 42, first_name: 'Ada', language_code: 'en' };

function edited(chatType: 'private' | 'supergroup', text: string, command = false): TelegramUpdate {
  return {
    update_id: 7,
    edited_message: {
      message_id: 3,
      chat: { id: chatType === 'private' ? 42 : -100123, type: chatType },
      from,
      text,
      ...(command
        ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] }
        : {}),
    },
  };
}

describe('edited messages', () => {
  it('asks an edited question in a private chat again, as text', () => {
    expect(deskInputFromUpdate(edited('private', 'who leads the laser community?'), BOT)).toMatchObject({
      kind: 'text',
      updateId: 7,
      sender: { userId: 42, chatType: 'private' },
      text: { text: 'who leads the laser community?', messageId: 3 },
    });
  });

  it('leaves edits in groups (a staff answer corrected) and edited commands alone', () => {
    expect(deskInputFromUpdate(edited('supergroup', 'the answer, corrected'), BOT)).toBeNull();
    expect(deskInputFromUpdate(edited('private', '/reply 12 corrected', true), BOT)).toBeNull();
  });
});
