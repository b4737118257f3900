import { defineConfig } from "vitest/config";

/**
 * Browser tests (npm run test:e2e): one production build and one demo server for the whole run
 * (e2e/global-setup.ts), driven by Debian's Chromium through playwright-core.
 */
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    pool: "forks",
    // One server, one Chromium at a time: two cores are enough and timings stay predictable.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { LOG_LEVEL: "silent" },
  },
});
