// The reliability suite (issue 13): the built server killed with SIGKILL during many casts, a CLI
// import beside a busy server, a full disk and a read-only database file under a running server,
// 100 concurrent casts by one pupil. Like the integration tests: real HTTP against the built server
// (`npm run build` first), a database per test, SQLite by default and PostgreSQL with
// TEST_DATABASE=postgres (tests/reliability/global-setup.ts: the integration set-up, plus one seeded
// SQLite file that the tests copy). Sizes: RELIABILITY_CASTS (default 1000) and RELIABILITY_PUPILS
// (default 100). The tests print their figures.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    include: ["tests/reliability/**/*.test.ts"],
    globalSetup: ["tests/reliability/global-setup.ts"],
    environment: "node",
    pool: "forks",
    // The files load the server on purpose: one at a time, so their figures are their own.
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 600_000,
    hookTimeout: 180_000,
    teardownTimeout: 10_000,
  },
});
