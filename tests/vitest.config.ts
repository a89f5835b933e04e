// Vitest config for the unit tests of the plain-TypeScript modules (no database, no browser).
// Run from the repo root: npx vitest run --config tests/vitest.config.ts
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export default defineConfig({
  root: repoRoot,
  resolve: {
    alias: { "~": path.resolve(repoRoot, "app") },
  },
  test: {
    include: ["tests/unit/**/*.test.ts"],
    environment: "node",
  },
});
