import { FORUM_METHODS } from './forum.js';
import { chatIdOf, MESSAGE_METHODS } from './message-methods.js';
import type { Params } from './request-body.js';
import type { BotApiState } from './state.js';
import { badRequest } from './types.js';

/*
 * The methods about the bot itself, its webhook, files and chats, and the table of every method the fake
 * answers (message sends live in message-methods.ts, forum topics in forum.ts).
 */

/** A Bot API method: reads params, changes the state, returns `result` or throws BotApiError. */
export type MethodHandler = (state: BotApiState, params: Params) => unknown;

const getFile: MethodHandler = (state, params) => {
  const file = state.files.get(String(params.file_id));
  if (!file) throw badRequest('invalid file_id');
  return {
    file_id: file.fileId,
    file_unique_id: `u${file.fileId}`,
    file_size: file.content.length,
    file_path: file.path,
  };
};

const setWebhook: MethodHandler = (state, params) => {
  const url = String(params.url ?? '');
  if (url === '') {
    state.webhook = null;
    return true;
  }
  if (!/^https?:\/\//.test(url)) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  if (params.allowed_updates !== undefined) state.askFor(params.allowed_updates);
  state.webhook = {
    url,
    secretToken: params.secret_token as string | undefined,
    allowedUpdates: params.allowed_updates as string[] | undefined,
  };
  return true;
};

const deleteWebhook: MethodHandler = (state, params) => {
  state.webhook = null;
  if (params.drop_pending_updates) state.pending.length = 0;
  return true;
};

const getWebhookInfo: MethodHandler = (state) => ({
  url: state.webhook?.url ?? '',
  has_custom_certificate: false,
  pending_update_count: state.pending.length,
  ...(state.webhook?.allowedUpdates ? { allowed_updates: state.webhook.allowedUpdates } : {}),
});

/** The bot leaves a group, supergroup or channel; Telegram refuses it for private chats. */
const leaveChat: MethodHandler = (state, params) => {
  const chatId = chatIdOf(state, params);
  if (state.chat(chatId).type === 'private') throw badRequest('chat member status is not modifiable');
  state.leftChats.add(chatId);
  return true;
};

const commandsKey = (params: Params): string =>
  `${JSON.stringify(params.scope ?? { type: 'default' })}|${String(params.language_code ?? '')}`;

const setMyCommands: MethodHandler = (state, params) => {
  const commands = params.commands as { command: string; description: string }[];
  if (!Array.isArray(commands)) throw badRequest('commands must be an array');
  for (const { command, description } of commands) {
    if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest('BOT_COMMAND_INVALID');
    if (typeof description !== 'string' || description.length < 1 || description.length > 256) {
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
  }
  state.commands.set(commandsKey(params), commands);
  return true;
};

/** The methods the fake understands; anything else is recorded and answered with `true`. */
export const METHODS: Record<string, MethodHandler> = {
  getMe: (state) => ({ ...state.botUser, can_join_groups: true, can_read_all_group_messages: false }),
  ...MESSAGE_METHODS,
  getFile,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  leaveChat,
  setMyCommands,
  getMyCommands: (state, params) => state.commands.get(commandsKey(params)) ?? [],
  ...FORUM_METHODS,
};
