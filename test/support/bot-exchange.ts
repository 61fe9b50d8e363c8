import type { FakeBotApi, FakeUpdate, RecordedCall, SentMessage } from './fake-bot-api.js';

/** What one update led to: the Bot API calls made while handling it and their visible effects. */
export interface Exchange {
  update: FakeUpdate;
  /** Calls made while the update was handled, polling (getUpdates) left out. */
  calls: RecordedCall[];
  /** New messages sent to the user's chat, as they stand now. */
  sent: SentMessage[];
  /** The first of `sent`; throws when nothing was sent (so that tests read `(await h.say(...)).reply`). */
  readonly reply: SentMessage;
  /** The toast of the callback answer, if any. */
  toast?: { text?: string; alert?: boolean };
  /** The tapped message after an edit (of its text or only its buttons), if it was edited. */
  edited?: SentMessage;
}

/** Reads what the bot did for `update` from the calls recorded after `since`, as seen in `chatId`. */
export function describeExchange(
  fake: FakeBotApi,
  update: FakeUpdate,
  since: number,
  chatId: number,
): Exchange {
  const calls = fake.calls().filter((c) => c.seq > since && c.method !== 'getUpdates');
  const messages = fake.sentTo(chatId);
  const sentIds = calls
    .filter((c) => c.ok && c.method === 'sendMessage' && Number(c.params.chat_id) === chatId)
    .map((c) => (c.result as { message_id: number }).message_id);
  const sent = sentIds.map((id) => messages.find((m) => m.messageId === id)!);
  const answer = calls.find((c) => c.ok && c.method === 'answerCallbackQuery');
  const edit = calls.find(
    (c) => c.ok && (c.method === 'editMessageText' || c.method === 'editMessageReplyMarkup'),
  );
  return {
    update,
    calls,
    sent,
    get reply() {
      const first = sent[0];
      if (!first)
        throw new Error(
          `the bot sent nothing to chat ${chatId}; calls: ${calls.map((c) => c.method).join(', ')}`,
        );
      return first;
    },
    ...(answer
      ? {
          toast: {
            text: answer.params.text as string | undefined,
            alert: answer.params.show_alert as boolean | undefined,
          },
        }
      : {}),
    ...(edit ? { edited: messages.find((m) => m.messageId === Number(edit.params.message_id)) } : {}),
  };
}
