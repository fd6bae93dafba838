import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./src/testing/tiny-set.global-setup.ts'],
    hookTimeout: 120_000,
  },
});
