import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/engine/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Screen tests press keys at a person's pace and share one engine: one file at a time keeps
    // them from starving each other on a small machine (two at once lost keys under load).
    maxWorkers: 1,
    // A screen test that loses a race with a loaded machine gets one more try (seen: an Esc
    // right after a search, once in a run beside other test runs). A real failure fails twice.
    retry: 1,
  },
});
