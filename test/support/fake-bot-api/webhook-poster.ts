import type { BotApiServer } from './server.js';
import type { BotApiState } from './state.js';
import type { FakeUpdate } from './types.js';

/** Delivers pushed updates to the registered webhook, as Telegram does while a webhook is set. */
export class WebhookPoster {
  /** Every POST made: the update and the HTTP status the bot gave (0 when it never answered). */
  readonly deliveries: { updateId: number; status: number }[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: BotApiState,
    private readonly server: BotApiServer,
  ) {}

  /** POSTs updates one at a time, in order; a webhook reply body runs as a call. */
  deliver(update: FakeUpdate): void {
    const hook = this.state.webhook!;
    this.chain = this.chain.then(async () => {
      this.state.dropUnwanted();
      if (!this.state.pending.includes(update)) return;
      let status = 0;
      let reply: { method?: string } = {};
      try {
        const res = await fetch(hook.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(hook.secretToken ? { 'x-telegram-bot-api-secret-token': hook.secretToken } : {}),
          },
          body: JSON.stringify(update),
        });
        status = res.status;
        const body = await res.text();
        if (body) reply = JSON.parse(body) as { method?: string };
      } catch {
        // Connection refused or a body that is not JSON: recorded below with the status seen.
      }
      // Telegram retries failed deliveries for hours; the fake delivers once so that tests stay deterministic.
      this.state.pending.splice(this.state.pending.indexOf(update), 1);
      this.deliveries.push({ updateId: update.update_id, status });
      if (reply.method) await this.server.invoke(reply.method, reply, { viaWebhookReply: true });
    });
  }

  /** Resolves once every delivery so far is done. */
  idle(): Promise<void> {
    return this.chain;
  }
}
