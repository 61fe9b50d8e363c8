import type { UpdateFlow } from './update-flow.js';

/** A running source of updates (long polling or a webhook), as startDesk and shutdown see it. */
export interface UpdateIntake {
  /** Resolves once updates flow (getMe done, webhook set or removed); rejects if that failed. */
  readonly started: Promise<void>;
  /** Resolves after stop(); rejects when the intake ends by itself (a revoked token, a second poller). */
  readonly finished: Promise<void>;
  /** Stops taking updates and resolves once the updates already taken are handled (or `drainMs` passed). */
  stop(): Promise<void>;
}

/** Long polling's knobs, the same for every framework. */
export interface PollingOptions {
  /** Admits updates as they arrive and holds the replies waiting to go out (see createUpdateFlow). */
  flow?: UpdateFlow;
  /** Updates handled at once across chats; one chat's updates always run one after another. Default 100. */
  concurrency?: number;
  /** How long stop() waits for updates in flight; default 8 s (the shutdown deadline is 10 s). */
  drainMs?: number;
  /** Long-poll timeout in seconds; default 30. */
  timeoutSeconds?: number;
}
