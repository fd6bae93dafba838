import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS (`main`) and ESM (`module`) builds. Node (Apollo, graphql-tools, graphql-ws)
    // loads the CommonJS one; Vite would give our sources the ESM one: two realms, and "Cannot use
    // GraphQLObjectType from another module or realm". Point our imports at the same build Node uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    // Builds the tiny model set once per run (cached under the OS temp dir across runs).
    globalSetup: ['./src/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
