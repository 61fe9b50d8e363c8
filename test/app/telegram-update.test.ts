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

describe('forum topics', () => {
  const inGroup = (extra: Record<string, unknown>, text = 'Which city?'): TelegramUpdate => ({
    update_id: 8,
    message: {
      message_id: 30,
      chat: { id: -100123, type: 'supergroup' },
      from,
      text,
      reply_to_message: { message_id: 12, from: { id: 77, is_bot: true, first_name: 'Desk', username: BOT } },
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: 5 }] } : {}),
      ...extra,
    },
  });

  it('carries the topic of a message written in a forum topic, texts and commands alike', () => {
    const topic = { message_thread_id: 12, is_topic_message: true };
    expect(deskInputFromUpdate(inGroup(topic), BOT)).toMatchObject({ kind: 'text', text: { topicId: 12 } });
    expect(deskInputFromUpdate(inGroup(topic, '/note in the topic'), BOT)).toMatchObject({
      kind: 'command',
      command: { name: 'note', args: 'in the topic', topicId: 12 },
    });
  });

  it('a reply thread of a plain supergroup is no topic', () => {
    const input = deskInputFromUpdate(inGroup({ message_thread_id: 12 }), BOT);
    expect(input).toMatchObject({ kind: 'text', text: { replyToMessageId: 12 } });
    expect(input?.kind === 'text' && 'topicId' in input.text).toBe(false);
  });

  it("names the colleague a command replies to, never a bot nor a topic's first message", () => {
    const ben = { id: 42, is_bot: false, first_name: 'Ben' };
    const toBen = { reply_to_message: { message_id: 25, from: ben } };
    expect(deskInputFromUpdate(inGroup(toBen, '/give 1042'), BOT)).toMatchObject({
      kind: 'command',
      command: { name: 'give', args: '1042', repliedPerson: { id: 42, name: 'Ben' } },
    });
    const toBot = deskInputFromUpdate(inGroup({}, '/give 1042'), BOT);
    expect(toBot?.kind === 'command' && 'repliedPerson' in toBot.command).toBe(false);
    const topicStart = { message_thread_id: 25, is_topic_message: true, ...toBen };
    const inTopic = deskInputFromUpdate(inGroup(topicStart, '/give'), BOT);
    expect(inTopic?.kind === 'command' && 'repliedPerson' in inTopic.command).toBe(false);
  });
});
