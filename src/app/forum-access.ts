/** How the bot stands in a chat, for a topic per ticket: a forum supergroup, and its right to manage topics. */
export interface ForumAccess {
  forum: boolean;
  /** The bot is the chat's creator, or an admin with the "manage topics" right. */
  manageTopics: boolean;
}

/** ForumAccess from getChat's chat and getChatMember's member (the bot itself). */
export function forumAccessOf(
  chat: { is_forum?: boolean },
  member: { status: string; can_manage_topics?: boolean },
): ForumAccess {
  const manageTopics =
    member.status === 'creator' || (member.status === 'administrator' && member.can_manage_topics === true);
  return { forum: chat.is_forum === true, manageTopics };
}
