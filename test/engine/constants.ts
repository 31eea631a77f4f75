// Names shared by the global setup (main vitest process) and the fixtures (workers). Kept apart
// from fixtures.ts so the setup need not import vitest's worker-side `inject`.

/** Label on everything the suite creates; teardown removes by it, so nothing else is touched. */
export const TEST_LABEL = 'whalewatch.test';
/** Value of TEST_LABEL. */
export const TEST_LABEL_VALUE = '1';
/** busybox-only image built by global-setup.ts (no registry is reachable to pull one). */
export const FIXTURE_IMAGE = 'whalewatch-fixture:test';
