import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/env.js';

const parse = (env: Record<string, string>) => parseConfig(env);

describe('HTTP_HOST', () => {
  it('binds every interface by default, as a container needs', () => {
    expect(parse({}).HTTP_HOST).toBe('0.0.0.0');
  });

  it.each(['127.0.0.1', '::1', '::', '10.1.2.3', 'localhost', 'desk-internal.example.org'])(
    'takes %s',
    (host) => {
      expect(parse({ HTTP_HOST: host }).HTTP_HOST).toBe(host);
    },
  );

  it.each(['http://127.0.0.1', '127.0.0.1:8080', 'my host', '-bad-.org'])(
    'refuses %s in one line',
    (host) => {
      expect(() => parse({ HTTP_HOST: host })).toThrow(ConfigError);
      expect(() => parse({ HTTP_HOST: host })).toThrow(/^HTTP_HOST .*IP address/);
    },
  );
});

describe('ADMIN_QUEUES', () => {
  it('keeps the queue dashboard read-only unless told otherwise', () => {
    expect(parse({}).ADMIN_QUEUES).toBe('read');
    expect(parse({ ADMIN_QUEUES: '' }).ADMIN_QUEUES).toBe('read');
    expect(parse({ ADMIN_QUEUES: 'write' }).ADMIN_QUEUES).toBe('write');
  });

  it('refuses anything but read or write, naming the variable', () => {
    expect(() => parse({ ADMIN_QUEUES: 'rw' })).toThrow(/^ADMIN_QUEUES has an invalid value/);
  });
});
