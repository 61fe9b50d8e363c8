import type { FakeTopic } from './forum.js';
import { BotApiServer } from './server.js';
import { BotApiState } from './state.js';
import type {
  FakeMessage,
  FakeUpdate,
  FakeUser,
  InjectedFailure,
  RecordedCall,
  SentMessage,
} from './types.js';
import { WebhookPoster } from './webhook-poster.js';

export const FAKE_BOT_TOKEN = '123456789:AAFakeTokenForTestsOnly-0123456789ab';

export interface FakeBotApiOptions {
  token?: string;
  /** The bot's own account as getMe returns it. */
  botUsername?: string;
}

export interface WaitOptions {
  /** Only calls with a higher seq count; defaults to the seq at the last pushUpdate (0 = whole history). */
  since?: number;
  /** Also match calls that failed (injected failures, broken rules). Off by default. */
  includeFailed?: boolean;
}

/**
 * The test's handle on the fake Telegram: starting and closing it, queueing updates, injecting failures
 * (failNext, blockChat) and reading what the bot did (calls, waitForCall, sentTo). FakeBotApi adds the
 * user-side helpers that build the updates.
 */
export class BotApiControl {
  protected readonly state: BotApiState;
  private readonly server: BotApiServer;
  private readonly webhookPoster: WebhookPoster;
  private lastPushSeq = 0;
  private port = 0;
  readonly token: string;

  constructor(options: FakeBotApiOptions = {}) {
    this.token = options.token ?? FAKE_BOT_TOKEN;
    const botId = Number(this.token.split(':')[0]);
    this.state = new BotApiState({
      id: botId,
      is_bot: true,
      first_name: 'Community Desk',
      username: options.botUsername ?? 'community_desk_test_bot',
    });
    this.server = new BotApiServer(this.state, this.token);
    this.webhookPoster = new WebhookPoster(this.state, this.server);
  }

  /** Webhook POSTs made by pushUpdate while a webhook is set: the update and the HTTP status the bot gave. */
  get webhookDeliveries(): readonly { updateId: number; status: number }[] {
    return this.webhookPoster.deliveries;
  }

  async start(): Promise<this> {
    this.port = await this.server.listen();
    return this;
  }

  /** The value for TELEGRAM_API_ROOT: `http://127.0.0.1:<port>`. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get botUser(): FakeUser {
    return this.state.botUser;
  }

  /** Chats the bot left with leaveChat (and was not added to again). */
  get leftChats(): ReadonlySet<number> {
    return this.state.leftChats;
  }

  /** Queues an update for getUpdates (or POSTs it to the webhook when one is set). Returns it with its update_id. */
  pushUpdate(update: Omit<FakeUpdate, 'update_id'> & { update_id?: number }): FakeUpdate {
    const full = this.state.enqueue(update);
    this.lastPushSeq = this.server.calls.length;
    if (this.state.webhook) this.webhookPoster.deliver(full);
    else this.server.updatesArrived();
    return full;
  }

  /** Answers the next `count` calls of `method` with a failure instead of running them. */
  failNext(method: string, failure: InjectedFailure, count = 1): void {
    this.server.failNext(method, failure, count);
  }

  /** Every later send to this chat gets 403 "bot was blocked by the user" (until unblockChat). */
  blockChat(chatId: number): void {
    this.state.blockedChats.add(chatId);
  }

  unblockChat(chatId: number): void {
    this.state.blockedChats.delete(chatId);
  }

  /** Recorded calls, oldest first, optionally of one method. */
  calls(method?: string): RecordedCall[] {
    return this.server.calls.filter((c) => method === undefined || c.method === method);
  }

  /** The seq of the latest call; pass it as `since` to wait only for later calls. */
  mark(): number {
    return this.server.calls.length;
  }

  /**
   * Resolves with the first successful call of `method` matching `predicate` recorded after the last
   * pushUpdate (see WaitOptions). Rejects after `timeoutMs` listing the calls of that method it saw.
   */
  waitForCall(
    method: string,
    predicate: (call: RecordedCall) => boolean = () => true,
    timeoutMs = 5000,
    options: WaitOptions = {},
  ): Promise<RecordedCall> {
    const since = options.since ?? this.lastPushSeq;
    const matches = (c: RecordedCall) =>
      c.seq > since && c.method === method && (c.ok || options.includeFailed === true) && predicate(c);
    const found = this.server.calls.find(matches);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const stop = this.server.onCall((call) => {
        if (!matches(call)) return;
        clearTimeout(timer);
        stop();
        resolve(call);
      });
      const timer = setTimeout(() => {
        stop();
        const seen = this.calls(method)
          .filter((c) => c.seq > since)
          .map(
            (c) =>
              `${c.ok ? 'ok' : `${c.status} ${c.description}`} ${JSON.stringify(c.params).slice(0, 200)}`,
          );
        reject(
          new Error(`no matching ${method} within ${timeoutMs} ms; saw ${seen.length}:\n${seen.join('\n')}`),
        );
      }, timeoutMs);
    });
  }

  /** The bot's messages in a chat as they stand now (edits applied), oldest first. */
  sentTo(chatId: number): SentMessage[] {
    return this.state.sentTo(chatId);
  }

  /** The message as Telegram would show it in a later update (reply_to_message, callback message). */
  messageInChat(chatId: number, messageId: number): FakeMessage | undefined {
    const message = this.state.message(chatId, messageId);
    return message && this.state.apiView(message);
  }

  /** A forum topic as it stands (name, closed), or undefined. */
  forumTopic(chatId: number, threadId: number): FakeTopic | undefined {
    const topic = this.state.forums.get(chatId)?.topics.get(threadId);
    return topic && { ...topic };
  }

  /** Commands registered with setMyCommands for a language ('' = default). */
  commandsFor(languageCode = ''): unknown {
    return this.state.commands.get(`${JSON.stringify({ type: 'default' })}|${languageCode}`);
  }

  get webhook(): { url: string; secretToken?: string } | null {
    return this.state.webhook;
  }

  /** Updates not yet confirmed by the bot (getUpdates offset) or not yet delivered to the webhook. */
  get pendingUpdates(): readonly FakeUpdate[] {
    return this.state.pending;
  }

  async close(): Promise<void> {
    await this.webhookPoster.idle();
    await this.server.close();
  }
}
