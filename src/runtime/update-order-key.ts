interface ChatLike {
  id: number;
}
interface UpdateShape {
  message?: { chat: ChatLike };
  edited_message?: { chat: ChatLike };
  channel_post?: { chat: ChatLike };
  callback_query?: { from: ChatLike; message?: { chat: ChatLike } };
  my_chat_member?: { chat: ChatLike };
  chat_member?: { chat: ChatLike };
  inline_query?: { from: ChatLike };
}

/**
 * The key under which updates must be handled one after another: the chat, so that a user's questions and
 * taps are answered in the order they were sent, while different chats run in parallel. Undefined when an
 * update belongs to no chat (it then runs unordered).
 */
export function updateOrderKey(update: object): string | undefined {
  const u = update as UpdateShape;
  const chat =
    u.message?.chat ??
    u.edited_message?.chat ??
    u.channel_post?.chat ??
    u.callback_query?.message?.chat ??
    u.my_chat_member?.chat ??
    u.chat_member?.chat;
  if (chat) return `chat:${chat.id}`;
  const user = u.callback_query?.from ?? u.inline_query?.from;
  return user ? `user:${user.id}` : undefined;
}
