import type { Params } from './request-body.js';
import type { BotApiState } from './state.js';
import { BotApiError, badRequest, type FakeMessage } from './types.js';

/*
 * Forum supergroups: a chat made a forum (with or without the bot's "manage topics" right), its topics and
 * the Bot API methods around them. Topic ids are the message ids of their "topic created" service messages,
 * as in Telegram.
 */

export interface FakeTopic {
  name: string;
  closed: boolean;
}

export interface FakeForum {
  /** The bot is an admin allowed to create, edit, close and reopen topics. */
  canManageTopics: boolean;
  topics: Map<number, FakeTopic>;
}

/** Telegram takes topic names of 1-128 characters. */
const MAX_TOPIC_NAME = 128;
/** The colour Telegram gives a topic created without one. */
const DEFAULT_ICON_COLOR = 0x6fb9f0;

function forumOf(state: BotApiState, params: Params): { chatId: number; forum: FakeForum } {
  const chatId = Number(params.chat_id);
  if (state.leftChats.has(chatId)) throw new BotApiError(403, 'Forbidden: bot is not a member of the chat');
  const forum = state.forums.get(chatId);
  if (!forum) throw badRequest('the chat is not a forum');
  return { chatId, forum };
}

function managedTopic(state: BotApiState, params: Params): { forum: FakeForum; topic: FakeTopic } {
  const { forum } = forumOf(state, params);
  if (!forum.canManageTopics) throw badRequest('not enough rights to manage topics in the chat');
  const topic = forum.topics.get(Number(params.message_thread_id));
  if (!topic) throw badRequest('TOPIC_ID_INVALID');
  return { forum, topic };
}

const notModified = () => badRequest('TOPIC_NOT_MODIFIED');

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw badRequest('TOPIC_NAME_EMPTY');
  if ([...name].length > MAX_TOPIC_NAME) throw badRequest('TOPIC_NAME_INVALID');
  return name;
}

/**
 * Where a message sent with these params goes in a forum: the topic named by message_thread_id (which must
 * exist, and be open unless the bot may manage topics), else the topic of the message it replies to.
 * Outside forums Telegram ignores the thread id here, and so does the fake.
 */
export function topicOfSend(
  state: BotApiState,
  chatId: number,
  params: Params,
  replyTo: FakeMessage | undefined,
): Pick<FakeMessage, 'message_thread_id' | 'is_topic_message'> {
  const forum = state.forums.get(chatId);
  if (!forum) return {};
  const threadId = params.message_thread_id === undefined ? undefined : Number(params.message_thread_id);
  if (threadId === undefined) {
    return replyTo?.is_topic_message
      ? { message_thread_id: replyTo.message_thread_id, is_topic_message: true }
      : {};
  }
  const topic = forum.topics.get(threadId);
  if (!topic) throw badRequest('message thread not found');
  if (topic.closed && !forum.canManageTopics) throw badRequest('TOPIC_CLOSED');
  return { message_thread_id: threadId, is_topic_message: true };
}

export const FORUM_METHODS = {
  getChat(state: BotApiState, params: Params) {
    const chatId = Number(params.chat_id);
    if (state.leftChats.has(chatId)) throw new BotApiError(403, 'Forbidden: bot is not a member of the chat');
    return { ...state.chat(chatId), ...(state.forums.has(chatId) ? { is_forum: true } : {}) };
  },

  /** The bot's own membership: an admin (with can_manage_topics as configured) in a forum, a member elsewhere. */
  getChatMember(state: BotApiState, params: Params) {
    const chatId = Number(params.chat_id);
    const userId = Number(params.user_id);
    const forum = state.forums.get(chatId);
    const user = userId === state.botUser.id ? state.botUser : { id: userId, is_bot: false, first_name: '?' };
    if (userId !== state.botUser.id || !forum) return { user, status: 'member' };
    return { user, status: 'administrator', can_manage_topics: forum.canManageTopics };
  },

  createForumTopic(state: BotApiState, params: Params) {
    const { chatId, forum } = forumOf(state, params);
    if (!forum.canManageTopics) throw badRequest('not enough rights to create a topic');
    const name = checkName(params.name);
    const id = state.messageId();
    const created = { name, icon_color: DEFAULT_ICON_COLOR };
    state.remember({
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: state.chat(chatId),
      from: state.botUser,
      message_thread_id: id,
      is_topic_message: true,
      forum_topic_created: created,
    });
    forum.topics.set(id, { name, closed: false });
    return { message_thread_id: id, ...created };
  },

  editForumTopic(state: BotApiState, params: Params) {
    const { topic } = managedTopic(state, params);
    if (params.name === undefined) return true;
    const name = checkName(params.name);
    if (name === topic.name) throw notModified();
    topic.name = name;
    return true;
  },

  closeForumTopic(state: BotApiState, params: Params) {
    const { topic } = managedTopic(state, params);
    if (topic.closed) throw notModified();
    topic.closed = true;
    return true;
  },

  reopenForumTopic(state: BotApiState, params: Params) {
    const { topic } = managedTopic(state, params);
    if (!topic.closed) throw notModified();
    topic.closed = false;
    return true;
  },
};
