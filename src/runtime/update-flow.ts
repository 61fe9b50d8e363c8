import { sequentialize } from '@grammyjs/runner';
import type { Admission, ArrivingUpdate, UpdateAdmission } from '../app/admission/update-admission.js';
import type { Logger } from '../logger.js';
import type { ReplyOutbox } from './reply-outbox.js';
import { updateOrderKey } from './update-order-key.js';

/** The Bot API calls made before any framework sees the update, over the bot's client (and its pacing). */
export interface FlowApi {
  sendMessage(chatId: number, html: string): Promise<unknown>;
  leaveChat(chatId: number): Promise<unknown>;
  /** Stops a button's spinner without a word. */
  answerCallbackQuery(queryId: string): Promise<unknown>;
}

/** What every intake (long polling, webhook) does around the updates it takes. */
export interface UpdateFlow {
  /**
   * Decides on an update as it arrives, before it waits for anything: true to hand it on (in its chat's
   * order, to the framework and the desk); false when it was dealt with here (dropped, or the bot leaves a
   * chat it does not serve). Never throws.
   */
  admit(update: object): Promise<boolean>;
  /** Resolves true once the replies waiting to go out are sent, false when `timeoutMs` passes first. */
  drained(timeoutMs: number): Promise<boolean>;
}

export interface UpdateFlowDeps {
  /** Without it every update is handed on (and the desk's own guard limits senders). */
  admission?: UpdateAdmission;
  outbox: ReplyOutbox;
  api: FlowApi;
  /** The bot's username, known once the intake started (getMe). */
  botUsername: () => string;
  log: Logger;
  /** Told of an update dealt with here once that is done (the chat left, the spinner stopped). */
  onDealtWith?: (updateId: number) => void;
}

/**
 * The update flow of a desk bot: the admission's verdict carried out. A dropped update costs one Redis round
 * trip and no slot; the notice of a chat the bot leaves waits in that chat's outbox line like any reply.
 */
export function createUpdateFlow(deps: UpdateFlowDeps): UpdateFlow {
  const { api, log } = deps;

  const leave = async (chatId: number, html: string | undefined) => {
    if (html !== undefined) {
      await api
        .sendMessage(chatId, html)
        .catch((err: unknown) => log.warn({ err, chatId }, 'could not say why the bot leaves'));
    }
    await api
      .leaveChat(chatId)
      .catch((err: unknown) => log.warn({ err, chatId }, 'could not leave the chat'));
  };

  /** Says why the bot leaves and leaves, or stops a dropped button's spinner; settles once done. */
  const carryOut = (verdict: Exclude<Admission, { action: 'handle' }>): Promise<unknown> => {
    if (verdict.action === 'leave')
      return deps.outbox.post(verdict.chatId, () => leave(verdict.chatId, verdict.html)) ?? Promise.resolve();
    if (verdict.callbackQueryId === undefined) return Promise.resolve();
    return api.answerCallbackQuery(verdict.callbackQueryId).catch(() => undefined);
  };

  return {
    async admit(update) {
      if (!deps.admission) return true;
      try {
        const verdict = await deps.admission.admit(update as ArrivingUpdate, deps.botUsername());
        if (verdict.action === 'handle') return true;
        const updateId = (update as ArrivingUpdate).update_id;
        // Not awaited: a flood must not hold the intake while Telegram answers each update of it.
        void carryOut(verdict).then(() => deps.onDealtWith?.(updateId));
        return false;
      } catch (err) {
        // A bug in the admission must not cost the user an answer: the desk still limits and answers.
        log.error({ err }, 'admission failed; handing the update on');
        return true;
      }
    },
    drained: (timeoutMs) => deps.outbox.drained(timeoutMs),
  };
}

/**
 * How an intake takes each update: admitted first (without waiting for anything), then handled after the
 * earlier updates of its chat, while different chats run in parallel. Without a flow, every update is handled.
 */
export function admitThenInOrder<U extends object>(
  flow: UpdateFlow | undefined,
  handle: (update: U) => Promise<void>,
): (update: U) => Promise<void> {
  const inOrder = sequentialize<U>(updateOrderKey);
  return async (update) => {
    if (flow && !(await flow.admit(update))) return;
    await inOrder(update, () => handle(update));
  };
}
