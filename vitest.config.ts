import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/engine/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Screen tests and the engine are shared: a few files at a time keeps the machine responsive.
    maxWorkers: 2,
  },
});
