/**
 * Telegram's documented limits for sending: about 30 messages a second overall, 1 a second per chat, 20 a
 * minute per group.
 */
export interface PacingOptions {
  /** Messages a second over all chats. Default 30; Infinity turns the global limit off. */
  globalPerSecond: number;
  /** Messages a second in one private chat. Default 1. */
  privatePerSecond: number;
  /**
   * Messages a minute in one group, supergroup or channel. Default 17 (with the burst, never above 20 a
   * minute).
   */
  groupPerMinute: number;
  /** Messages a chat may get at once before pacing starts. Default 3. */
  burst: number;
}

export const TELEGRAM_PACING: PacingOptions = {
  globalPerSecond: 30,
  privatePerSecond: 1,
  groupPerMinute: 17,
  burst: 3,
};

/** Spaces outgoing messages so that they stay within Telegram's limits instead of running into 429s. */
export interface SendPacer {
  /**
   * Resolves when a message to this chat may go out. Chat ids below zero (and `@channel` names) are groups.
   */
  wait(chatId: number | string | undefined): Promise<void>;
}

/**
 * Generic cell rate algorithm: each bucket keeps the time at which it will next be free, so that a
 * reservation is one subtraction and no timer runs while nothing waits. Idle chats are forgotten (in a sweep
 * once the map grows large), so memory follows the chats active in the last few seconds.
 */
export function createSendPacer(options: Partial<PacingOptions> = {}): SendPacer {
  const opts = { ...TELEGRAM_PACING, ...options };
  const global = createBucket(1000 / opts.globalPerSecond, Math.max(1, opts.globalPerSecond));
  const privateInterval = 1000 / opts.privatePerSecond;
  const groupInterval = 60_000 / opts.groupPerMinute;
  const chats = new Map<string, number>();
  let lastSweep = 0;

  const reserveChat = (chatId: number | string, now: number): number => {
    const isGroup = typeof chatId === 'string' || chatId < 0;
    const interval = isGroup ? groupInterval : privateInterval;
    const key = String(chatId);
    const arrival = Math.max(chats.get(key) ?? now, now);
    chats.set(key, arrival + interval);
    if (chats.size > 10_000 && now - lastSweep > 1_000) {
      lastSweep = now;
      forgetIdle(chats, now);
    }
    return Math.max(0, arrival - interval * (opts.burst - 1) - now);
  };

  return {
    async wait(chatId) {
      const now = Date.now();
      const chatDelay = chatId === undefined ? 0 : reserveChat(chatId, now);
      if (chatDelay > 0) await sleep(chatDelay);
      const globalDelay = global.reserve(Date.now());
      if (globalDelay > 0) await sleep(globalDelay);
    },
  };
}

function createBucket(interval: number, burst: number) {
  let nextFree = 0;
  return {
    reserve(now: number): number {
      if (!Number.isFinite(interval) || interval <= 0) return 0;
      const arrival = Math.max(nextFree, now);
      nextFree = arrival + interval;
      return Math.max(0, arrival - interval * (burst - 1) - now);
    },
  };
}

/** A chat whose next free time has passed is in the same state as one never seen. */
function forgetIdle(chats: Map<string, number>, now: number): void {
  for (const [key, nextFree] of chats) if (nextFree <= now) chats.delete(key);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
