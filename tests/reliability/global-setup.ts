// Once per reliability run: the integration tests' set-up (a run name; on PostgreSQL the seeded
// template database), and on SQLite a seeded demo file that every test copies instead of seeding its
// own (seeding takes about 5 s; the suite needs five databases).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import integrationSetup from "../integration/global-setup";
import { built, BUILT_CLI } from "../support/built";
import { freshDatabase, onPostgres, ROOT } from "../support/test-database";

export default function setup(): (() => void) | undefined {
  const teardown = integrationSetup();
  if (onPostgres()) return teardown;
  const template = freshDatabase("reliability-seed", "sqlite");
  const seed = spawnSync(process.execPath, [built(BUILT_CLI), "seed"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "development", DATABASE_URL: template.url, BALLOT_SECRET: "integration-test-ballot-secret", UPLOAD_DIR: path.join(ROOT, "tests", ".tmp", "uploads") },
  });
  if (seed.status !== 0) throw new Error(`seeding the template database failed:\n${seed.stdout}${seed.stderr}`);
  process.env.OMAKOULU_RELIABILITY_TEMPLATE = template.file;
  return () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${template.file}${suffix}`, { force: true });
    teardown?.();
  };
}
