/**
 * The update types the desk handles, asked for explicitly (getUpdates and setWebhook) so that Telegram never
 * sends what no feature reads. Commands, questions, staff replies and documents are messages; buttons are
 * callback queries.
 */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

export type AllowedUpdate = (typeof ALLOWED_UPDATES)[number];
