// Integration tests: real HTTP requests against the built server (`npm run build` first), each test
// file with its own database and port, plus the CLI contract of docs/cli.md. SQLite by default;
// TEST_DATABASE=postgres runs the same files on PostgreSQL (tests/support/test-database.ts).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    include: ["tests/integration/**/*.test.ts"],
    globalSetup: ["tests/integration/global-setup.ts"],
    environment: "node",
    // Every file starts its own server processes: two files at a time is plenty on two cores.
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    // Hooks seed the demo city (and start servers), which is slow when other files run beside them.
    hookTimeout: 180_000,
    teardownTimeout: 10_000,
  },
});
