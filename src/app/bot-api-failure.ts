import { DeliveryError } from './delivery-error.js';

/** A failed Bot API call as every framework reports it: Telegram's error code and words. */
export interface BotApiFailure {
  method: string;
  /** Telegram's error_code (400, 403, 429, 5xx...). */
  code: number;
  description: string;
  /** `parameters.retry_after` of a 429. */
  retryAfter?: number;
}

/** Descriptions of 400 answers that mean the chat can never be reached, as opposed to a malformed request. */
const UNREACHABLE =
  /chat not found|user is deactivated|peer_id_invalid|bot was kicked|not enough rights|chat_write_forbidden/i;

/**
 * What a refused send means for the sender: 403 and an unreachable chat are permanent; any other 400 is
 * permanent too (the same request would fail again); 429 carries retry_after; 5xx and other codes are
 * transient. The adapters turn their framework's error into a BotApiFailure and call this.
 */
export function deliveryErrorFromFailure(failure: BotApiFailure): DeliveryError {
  const { code } = failure;
  const message = `${failure.method}: ${failure.description}`;
  if (code === 429) return new DeliveryError(message, 429, false, failure.retryAfter ?? 1);
  if (code === 403 || (code === 400 && UNREACHABLE.test(failure.description))) {
    return new DeliveryError(message, code, true);
  }
  return new DeliveryError(message, code, code === 400);
}

/** A network failure (no answer from Telegram): transient, and the message may or may not have arrived. */
export function deliveryErrorFromNetwork(message: string): DeliveryError {
  return new DeliveryError(message, 0, false);
}

/**
 * True for Telegram's answer to an edit that changes nothing (a repeated tap): the message already shows
 * what was asked, which callers treat as success.
 */
export function isNotModified(description: string): boolean {
  return /message is not modified/i.test(description);
}

/** Telegram's answer to a topic change the topic already shows (same name, closed twice...). */
export function isTopicNotModified(description: string): boolean {
  return /TOPIC_NOT_MODIFIED/.test(description);
}

/**
 * Telegram's answer to a send into, or a change of, a forum topic that no longer exists (staff deleted it):
 * "message thread not found" for messages, TOPIC_ID_INVALID or TOPIC_DELETED for topic calls.
 */
export function isTopicGone(error: unknown): boolean {
  return (
    error instanceof DeliveryError &&
    error.status === 400 &&
    /message thread not found|TOPIC_ID_INVALID|TOPIC_DELETED/i.test(error.message)
  );
}
