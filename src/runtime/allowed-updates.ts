/**
 * The update types the desk handles, asked for explicitly (getUpdates and setWebhook) so that Telegram never
 * sends what no feature reads. Commands, questions, staff replies and documents are messages; buttons are
 * callback queries; an edited question (edited_message) is answered again; my_chat_member says the bot was added to a chat (a group it does not serve, which it
 * then leaves).
 */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

export type AllowedUpdate = (typeof ALLOWED_UPDATES)[number];
