import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  appDirectory: "app",
  // GUICHET_BUILD_DIR lets a test harness build beside a running instance.
  buildDirectory: process.env.GUICHET_BUILD_DIR ?? "build",
} satisfies Config;
