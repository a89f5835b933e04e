// Shared by the Equal Shares tests (tests/unit/equal-shares-fast.test.ts) and bench/pb.ts: where the
// real Pabulib files are, and a seeded PRNG so that generated elections are the same on every run.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The folder of real .pb files: `override` if given, else ../shared/pabulib beside the project (or one level up); undefined if none is there. */
export function pabulibSamplesDir(override: string | undefined): string | undefined {
  return [override, path.resolve(repoRoot, "../shared/pabulib"), path.resolve(repoRoot, "../../shared/pabulib")].find(
    (dir): dir is string => !!dir && fs.existsSync(dir),
  );
}

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
