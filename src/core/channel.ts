/**
 * Where a user writes from. Every channel numbers its users and updates on its own, so identities and
 * idempotency keys are scoped by channel: a second channel (a web chat) is an adapter, not a rewrite.
 */
export const CHANNELS = ['telegram'] as const;
export type Channel = (typeof CHANNELS)[number];

export function isChannel(value: unknown): value is Channel {
  return CHANNELS.includes(value as Channel);
}

/** A user as a channel knows them. */
export interface UserRef {
  channel: Channel;
  userId: number;
}

/** Staff work in a Telegram group whatever channel a user writes from: their updates are Telegram's. */
export const STAFF_CHANNEL: Channel = 'telegram';
