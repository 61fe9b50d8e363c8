import type {
  FakeCallbackQuery,
  FakeChat,
  FakeChatMemberUpdated,
  FakeDocument,
  FakeMediaKind,
  FakeMemberStatus,
  FakeMessage,
  FakeUser,
} from './types.js';

/** A person using Telegram; `languageCode` plays the client's language_code (omit it to send none). */
export function fakeUser(
  id: number,
  opts: { languageCode?: string; firstName?: string; username?: string } = {},
): FakeUser {
  return {
    id,
    is_bot: false,
    first_name: opts.firstName ?? `User${id}`,
    ...(opts.username ? { username: opts.username } : {}),
    ...(opts.languageCode ? { language_code: opts.languageCode } : {}),
  };
}

/** The private chat between a user and the bot (Telegram gives it the user's id). */
export function privateChatOf(user: FakeUser): FakeChat {
  return {
    id: user.id,
    type: 'private',
    first_name: user.first_name,
    ...(user.username ? { username: user.username } : {}),
  };
}

export interface MessageOptions {
  /** Defaults to the private chat with the sender. */
  chat?: FakeChat;
  /** The message this one answers (staff reply to a ticket message, say). */
  replyTo?: FakeMessage;
}

const now = (): number => Math.floor(Date.now() / 1000);

/**
 * A text message as Telegram delivers it. A leading "/command" (optionally "/command@bot") gets its
 * bot_command entity, which is how bots recognise commands.
 */
export function textMessage(
  from: FakeUser,
  text: string,
  messageId: number,
  opts: MessageOptions = {},
): FakeMessage {
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  return {
    message_id: messageId,
    date: now(),
    chat: opts.chat ?? privateChatOf(from),
    from,
    text,
    ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    ...(opts.replyTo ? { reply_to_message: opts.replyTo } : {}),
  };
}

/** A document message (a file the user uploaded), optionally with a caption. */
export function documentMessage(
  from: FakeUser,
  document: FakeDocument,
  messageId: number,
  opts: MessageOptions & { caption?: string } = {},
): FakeMessage {
  return {
    message_id: messageId,
    date: now(),
    chat: opts.chat ?? privateChatOf(from),
    from,
    document,
    ...(opts.caption ? { caption: opts.caption } : {}),
    ...(opts.replyTo ? { reply_to_message: opts.replyTo } : {}),
  };
}

/** A photo, video, voice message, audio or sticker a user sent, optionally with a caption. */
export function mediaMessage(
  from: FakeUser,
  kind: FakeMediaKind,
  file: FakeDocument,
  messageId: number,
  opts: MessageOptions & { caption?: string } = {},
): FakeMessage {
  const { document: _none, ...rest } = documentMessage(from, file, messageId, opts);
  const media = kind === 'photo' ? { photo: [{ ...file, width: 800, height: 600 }] } : { [kind]: file };
  return { ...rest, ...media };
}

/** A tap on an inline button of `message` (a message the bot sent) carrying `data`. */
export function callbackQuery(
  from: FakeUser,
  message: FakeMessage,
  data: string,
  id: string,
): FakeCallbackQuery {
  return { id, from, message, chat_instance: `ci-${message.chat.id}`, data };
}

/** `by` changes the bot's membership of `chat` to `status` (adds it as a member by default). */
export function membershipChange(
  bot: FakeUser,
  chat: FakeChat,
  by: FakeUser,
  status: FakeMemberStatus = 'member',
): FakeChatMemberUpdated {
  const joined = status !== 'left' && status !== 'kicked';
  return {
    chat,
    from: by,
    date: now(),
    old_chat_member: { user: bot, status: joined ? 'left' : 'member' },
    new_chat_member: { user: bot, status },
  };
}
