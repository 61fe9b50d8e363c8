import { defineConfig } from 'vitest/config';
import './test/support/node20-polyfills.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-redis.ts'],
    setupFiles: ['test/support/node20-polyfills.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // End-to-end files each start bots and Redis connections; two cores do not gain from more.
    maxWorkers: 2,
  },
});
