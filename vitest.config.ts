import { defineConfig } from "vitest/config";

export default defineConfig({
  esbuild: { jsx: "automatic" },
  test: {
    include: ["src/**/*.test.ts", "app/**/*.test.{ts,tsx}"],
    globalSetup: ["src/test/global-setup.ts"],
    setupFiles: ["src/test/setup.ts"],
    pool: "forks",
    // Two workers on the 2-core CI machine (vitest would use one): the CLI tests wait on child processes and
    // the PostgreSQL tests on the server, so two files overlap well.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      LOG_LEVEL: "silent",
      DEMO_MODE: "false",
      PUBLIC_URL: "http://localhost:3000",
      // The audit journal's key (ADR 020); the same in src/test/cli-harness.ts.
      AUDIT_HMAC_KEY: "guichet-test-audit-key-never-in-production",
    },
  },
});
