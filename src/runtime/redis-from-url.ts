import { Redis, type RedisOptions } from 'ioredis';

/** REDIS_URL names several hosts or a Sentinel master in a way this module cannot read. */
export class RedisUrlError extends Error {
  readonly code = 'REDIS_URL_INVALID';
  constructor(readonly problem: string) {
    super(`REDIS_URL ${problem}`);
    this.name = 'RedisUrlError';
  }
}

const URL_SHAPE = /^(rediss?):\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]+)(?:\/(\d+))?\/?(?:\?(.*))?$/;

/**
 * Reads REDIS_URL into ioredis options. Besides the usual `redis://[:password@]host:port/db` (TLS with
 * `rediss://`), it reads a Sentinel set-up: several sentinels separated by commas and the master's name,
 * `redis://:password@sentinel-1:26379,sentinel-2:26379,sentinel-3:26379/0?sentinelMaster=mymaster`
 * (optionally `&sentinelPassword=...`). The password is the master's; ioredis then follows failovers by
 * itself.
 */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const match = URL_SHAPE.exec(url);
  if (!match) throw new RedisUrlError('is not of the form redis://[user:password@]host:port[/db][?options]');
  const [, scheme, user, password, hosts, db, query] = match;
  const params = new URLSearchParams(query ?? '');
  const tls = scheme === 'rediss' ? { tls: {} } : {};
  const auth = {
    ...(user ? { username: decodeURIComponent(user) } : {}),
    ...(password ? { password: decodeURIComponent(password) } : {}),
    ...(db ? { db: Number(db) } : {}),
  };
  const addresses = hosts!.split(',').map((hostPort) => {
    const at = hostPort.lastIndexOf(':');
    const host = at === -1 ? hostPort : hostPort.slice(0, at);
    const port = at === -1 ? undefined : Number(hostPort.slice(at + 1));
    if (!host || (port !== undefined && !Number.isInteger(port)))
      throw new RedisUrlError(`has a bad host "${hostPort}"`);
    return { host, ...(port === undefined ? {} : { port }) };
  });
  const master = params.get('sentinelMaster');
  if (!master) {
    if (addresses.length > 1)
      throw new RedisUrlError('names several hosts: add ?sentinelMaster=<name> for Sentinel');
    return { host: addresses[0]!.host, port: addresses[0]!.port ?? 6379, ...auth, ...tls };
  }
  const sentinelPassword = params.get('sentinelPassword');
  return {
    sentinels: addresses.map((a) => ({ host: a.host, port: a.port ?? 26379 })),
    name: master,
    ...(sentinelPassword ? { sentinelPassword } : {}),
    ...(scheme === 'rediss' ? { enableTLSForSentinelMode: true } : {}),
    ...auth,
    ...tls,
  };
}

/**
 * `new Redis(url, options)` that also understands Sentinel URLs (see redisOptionsFromUrl). The caller's
 * options (timeouts, retry strategy, lazyConnect...) are kept; the URL decides only where and as whom to
 * connect.
 */
export function createRedisFromUrl(url: string, options: RedisOptions = {}): Redis {
  return new Redis({ ...options, ...redisOptionsFromUrl(url) });
}
