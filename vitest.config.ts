import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-redis.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // End-to-end files each start bots and Redis connections; two cores do not gain from more.
    maxWorkers: 2,
  },
});
