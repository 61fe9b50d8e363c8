import { BENCH_BOT, serveBotApi } from './loopback-bot-api.js';

/** A message the bot sent (sendMessage or copyMessage), as the loopback received it. */
export interface Arrival {
  chatId: number;
  /** The forum topic it was sent into, if any. */
  threadId?: number;
  text: string;
  /** performance.now() when the request's body had arrived. */
  at: number;
}

export interface ForumBotApi {
  readonly apiRoot: string;
  close(): Promise<void>;
}

type Params = Record<string, unknown>;

/**
 * A loopback Bot API for benchmarks in which chats below zero are forum supergroups where the bot is an admin
 * allowed to manage topics (getChat says is_forum, getChatMember can_manage_topics, createForumTopic gives a
 * message_thread_id), and every other chat is private. It answers every call at once with results shaped like
 * Telegram's and hands each sent message to `onArrival`; it checks nothing else.
 */
export async function startForumBotApi(onArrival: (arrival: Arrival) => void): Promise<ForumBotApi> {
  let messageId = 0;
  const now = () => Math.floor(Date.now() / 1000);
  const chat = (id: number) =>
    id < 0
      ? { id, type: 'supergroup', title: 'Staff', is_forum: true }
      : { id, type: 'private', first_name: 'U' };

  function message(params: Params, at: number) {
    const chatId = Number(params.chat_id);
    const threadId = params.message_thread_id === undefined ? undefined : Number(params.message_thread_id);
    const text = String(params.text ?? params.caption ?? '');
    onArrival({ chatId, ...(threadId === undefined ? {} : { threadId }), text, at });
    return {
      message_id: ++messageId,
      date: now(),
      chat: chat(chatId),
      from: BENCH_BOT,
      text,
      ...(threadId === undefined ? {} : { message_thread_id: threadId, is_topic_message: true }),
    };
  }

  const answers: Record<string, (params: Params, at: number) => unknown> = {
    getMe: () => BENCH_BOT,
    getChat: (params) => chat(Number(params.chat_id)),
    getChatMember: (params) =>
      Number(params.chat_id) < 0
        ? { user: BENCH_BOT, status: 'administrator', can_manage_topics: true }
        : { user: BENCH_BOT, status: 'member' },
    createForumTopic: (params) => ({
      message_thread_id: ++messageId,
      name: params.name,
      icon_color: 0x6fb9f0,
    }),
    sendMessage: message,
    copyMessage: (params, at) => ({ message_id: message(params, at).message_id }),
  };

  // editForumTopic, closeForumTopic, setMessageReaction...: plain success.
  return serveBotApi((method, params, at) => answers[method]?.(params, at));
}
