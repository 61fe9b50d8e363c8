import type { InstanceStatus, ReloadOutcome } from '../../app/reload/reload-types.js';
import type { Logger } from '../../logger.js';
import type { RedisInstanceRegistry } from './instance-registry.js';
import { problemsOf } from './reload-messages.js';

/** How often an instance refreshes its registry record: a third of the registry's 30 s TTL. */
const HEARTBEAT_MS = 10_000;

export interface InstancePresenceOptions {
  registry: RedisInstanceRegistry;
  id: string;
  /** The knowledge-base version this instance serves now. */
  serving: () => Pick<InstanceStatus, 'version' | 'entries' | 'loadedAt'>;
  log: Logger;
}

/**
 * This instance's record in the instance registry: what it serves and its last failed reload (kept for `/kb`
 * until a reload succeeds), refreshed every heartbeat and at once after each reload. Registry outages are
 * logged at debug: the record is a report, never a reason for a reload to fail.
 */
export class InstancePresence {
  private lastFailure: InstanceStatus['lastFailure'];
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly options: InstancePresenceOptions) {}

  /** Announces this instance now and then every heartbeat. */
  async start(): Promise<void> {
    await this.announce();
    this.heartbeat = setInterval(() => void this.announce(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Stops the heartbeat; with `withdraw`, also takes the record out of the registry. */
  async stop(withdraw: boolean): Promise<void> {
    clearInterval(this.heartbeat);
    if (withdraw) await this.options.registry.withdraw(this.options.id).catch(() => undefined);
  }

  /** Keeps the last failure until a reload succeeds, and tells the registry at once. */
  async record(outcome: ReloadOutcome): Promise<void> {
    if (outcome.status === 'reloaded') this.lastFailure = undefined;
    if (outcome.status === 'invalid' || outcome.status === 'failed')
      this.lastFailure = { at: Date.now(), status: outcome.status, detail: problemsOf(outcome)[0] ?? '' };
    await this.announce();
  }

  private async announce(): Promise<void> {
    const lastFailure = this.lastFailure ? { lastFailure: this.lastFailure } : {};
    const status: InstanceStatus = {
      id: this.options.id,
      ...this.options.serving(),
      seenAt: Date.now(),
      ...lastFailure,
    };
    await this.options.registry.announce(status).catch((err: unknown) => {
      this.options.log.debug({ err }, 'instance status not recorded (registry unavailable)');
    });
  }
}
