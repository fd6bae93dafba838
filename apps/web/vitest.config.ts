import { defineConfig } from 'vitest/config';

// Unit tests (src/**/*.test.ts) and the browser tests (src/e2e/*.e2e.test.ts), which start the real API and
// this app and drive Debian's Chromium; all bounded in time.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
