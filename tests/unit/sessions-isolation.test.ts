// Decision 016: lucia v3 is deprecated upstream, so it is pinned and used behind one file,
// app/features/access/sessions.server.ts. This test reads every source file under app/ and fails
// when any other file imports "lucia" (a static or dynamic import, a re-export, a require, or a
// `declare module "lucia"` augmentation), and when package.json stops pinning the installed version.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const repo = path.resolve(import.meta.dirname, "..", "..");
const SESSIONS_MODULE = "app/features/access/sessions.server.ts";
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
/** `from "lucia"`, `import "lucia/x"`, `import("lucia")`, `require("lucia")`, `declare module "lucia"`. */
const LUCIA = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*|\bdeclare\s+module\s+)["'`]lucia(?:\/[^"'`]*)?["'`]/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

function importsLucia(text: string): boolean {
  return LUCIA.test(text);
}

describe("lucia stays behind the sessions module", () => {
  it("recognises the ways a file can import lucia, and not other packages", () => {
    for (const yes of [
      `import { Lucia } from "lucia";`,
      `import type { User } from 'lucia';`,
      `export { TimeSpan } from "lucia";`,
      `import "lucia";`,
      `const m = await import("lucia");`,
      `const m = require( "lucia" );`,
      `import { x } from "lucia/dist/core.js";`,
      `declare module "lucia" {\n  interface Register {}\n}`,
      `import {\n  Lucia,\n  TimeSpan,\n} from\n  "lucia";`,
    ])
      expect(importsLucia(yes), yes).toBe(true);
    for (const no of [`import { x } from "lucia-extra";`, `import { x } from "@lucia-auth/adapter-prisma";`, `// sessions (lucia) live elsewhere`, `const lucia = new Thing();`])
      expect(importsLucia(no), no).toBe(false);
  });

  it("is imported by sessions.server.ts only", () => {
    const files = sourceFiles(path.join(repo, "app"));
    expect(files.length).toBeGreaterThan(100);
    const importers = files.filter((file) => importsLucia(fs.readFileSync(file, "utf8"))).map((file) => path.relative(repo, file).split(path.sep).join("/"));
    expect(importers).toEqual([SESSIONS_MODULE]);
  });

  it("is pinned in package.json and package-lock.json to the installed version", () => {
    const installed = JSON.parse(fs.readFileSync(path.join(repo, "node_modules/lucia/package.json"), "utf8")).version;
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8"));
    const lock = JSON.parse(fs.readFileSync(path.join(repo, "package-lock.json"), "utf8"));
    expect(pkg.dependencies.lucia).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.dependencies.lucia).toBe(installed);
    expect(lock.packages[""].dependencies.lucia).toBe(pkg.dependencies.lucia);
    expect(lock.packages["node_modules/lucia"].version).toBe(installed);
  });
});
