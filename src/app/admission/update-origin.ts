import type { Sender } from '../types.js';

/*
 * The parts of a Bot API update that say where it comes from, as plain JSON shapes (grammY's and telegraf's
 * update types both fit them, as in telegram-update.ts).
 */
interface OriginUser {
  id: number;
  language_code?: string;
}
interface OriginChat {
  id: number;
  type: Sender['chatType'];
}
export interface AdmissionUpdate {
  update_id: number;
  message?: {
    chat: OriginChat;
    from?: OriginUser;
    /** In a group that became a supergroup: the supergroup's id. */
    migrate_to_chat_id?: number;
    /** In the new supergroup: the group's old id. */
    migrate_from_chat_id?: number;
  };
  /** A message edited by its writer (a question corrected): it comes from where the message came from. */
  edited_message?: { chat: OriginChat; from?: OriginUser };
  callback_query?: { id: string; from: OriginUser; message?: { chat: OriginChat } };
  my_chat_member?: { chat: OriginChat; from: OriginUser; new_chat_member: { status: string } };
}

/** Where an update comes from: the chat, the person behind it, and what kind of update it is. */
export interface UpdateOrigin {
  kind: 'message' | 'callback' | 'membership';
  chat: OriginChat;
  user?: { id: number; languageCode?: string };
  /** A membership change that leaves the bot in the chat (added, promoted), as opposed to removed. */
  botStays?: boolean;
  /** The chat's other id when a group became a supergroup (the new id in the old group, and the reverse). */
  migratedId?: number;
}

const userOf = (from: OriginUser | undefined) =>
  from && { id: from.id, ...(from.language_code ? { languageCode: from.language_code } : {}) };

/** Where the update comes from; null when it belongs to no chat (a button under an inline message). */
export function originOf(update: AdmissionUpdate): UpdateOrigin | null {
  const { callback_query: query, my_chat_member: member } = update;
  const message = update.message ?? update.edited_message;
  if (message) {
    const migratedId = update.message?.migrate_to_chat_id ?? update.message?.migrate_from_chat_id;
    return {
      kind: 'message',
      chat: message.chat,
      ...(message.from ? { user: userOf(message.from) } : {}),
      ...(migratedId !== undefined ? { migratedId } : {}),
    };
  }
  if (query?.message) return { kind: 'callback', chat: query.message.chat, user: userOf(query.from) };
  if (member) {
    const gone = member.new_chat_member.status === 'left' || member.new_chat_member.status === 'kicked';
    return { kind: 'membership', chat: member.chat, user: userOf(member.from), botStays: !gone };
  }
  return null;
}
