import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One synth of both stages (seconds) is shared by every test file: one worker, one module registry.
    isolate: false,
    fileParallelism: false,
    globalSetup: ['./src/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
