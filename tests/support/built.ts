// The compiled server and command line that production runs (`npm run build` writes them with
// esbuild; docs/decisions/014-compiled-server-and-cast-path.md). Tests start these, not the TypeScript sources, so
// they test what `npm run serve` and `npm run cli` run.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export const BUILT_SERVER = path.join(ROOT, "build", "node", "server", "index.js");
export const BUILT_CLI = path.join(ROOT, "build", "node", "cli", "main.js");

/** The compiled entry point, or an error that says to build first. */
export function built(file: string): string {
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` before these tests (npm test does).`);
  }
  return file;
}
