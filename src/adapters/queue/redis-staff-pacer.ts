import type { Redis } from 'ioredis';
import type { PaceSlot, StaffPacer } from '../../app/follow-up/staff-pacer.js';

/**
 * Generic cell rate algorithm in Redis, shared by every worker: one key holds the theoretical arrival time of
 * the next message; a message may go when that time is at most `burst - 1` intervals ahead of now. A second
 * key holds "nobody posts before" after a 429. Atomic in Lua.
 * KEYS: tat, hold. ARGV: now, intervalMs, burst. Returns {1, messages still allowed at once} or {0, waitMs}.
 */
const TAKE_SLOT = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local hold = tonumber(redis.call('GET', KEYS[2]) or '0')
if hold > now then return {0, math.ceil(hold - now)} end
local tat = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
local allowAt = tat - (burst - 1) * interval
if allowAt > now then return {0, math.ceil(allowAt - now)} end
local nextTat = tat + interval
redis.call('SET', KEYS[1], tostring(nextTat), 'PX', math.ceil(nextTat - now + interval))
return {1, math.max(0, math.floor((now + (burst - 1) * interval - nextTat) / interval) + 1)}
`;

export interface RedisStaffPacerOptions {
  redis: Redis;
  tatKey: string;
  holdKey: string;
  perMinute: number;
  burst: number;
}

type PacerRedis = Redis & { fuTakeStaffSlot(...args: (string | number)[]): Promise<[number, number]> };

/**
 * The staff chat's message budget: `burst` messages at once, then one every 60/perMinute seconds, so that a
 * burst of tickets does not spend the minute's budget on the first few and leave the rest waiting a minute.
 */
export function createRedisStaffPacer(opts: RedisStaffPacerOptions): StaffPacer {
  const redis = opts.redis as PacerRedis;
  redis.defineCommand('fuTakeStaffSlot', { numberOfKeys: 2, lua: TAKE_SLOT });
  const intervalMs = 60_000 / opts.perMinute;
  return {
    async take(): Promise<PaceSlot> {
      const [ok, value] = await redis.fuTakeStaffSlot(
        opts.tatKey,
        opts.holdKey,
        Date.now(),
        intervalMs,
        opts.burst,
      );
      return ok === 1 ? { ok: true, left: value } : { ok: false, waitMs: Math.max(1, value) };
    },
    async holdFor(ms) {
      await redis.set(opts.holdKey, String(Date.now() + ms), 'PX', Math.max(1, Math.ceil(ms)));
    },
  };
}
