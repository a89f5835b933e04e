// Once per integration run. On PostgreSQL (TEST_DATABASE=postgres): names the run (its databases are
// prefixed with it, tests/support/test-database.ts), checks the server answers, seeds the demo city
// once into the run's template database, and drops every database of the run at the end.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { built, BUILT_CLI } from "../support/built";
import { dropRunDatabases, freshDatabase, onPostgres, postgresAdmin, postgresAdminUrl, ROOT, templateName } from "../support/test-database";

export default function setup(): (() => void) | undefined {
  process.env.OMAKOULU_TEST_RUN ??= `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  if (!onPostgres()) return undefined;
  try {
    postgresAdmin("SELECT 1");
  } catch (error) {
    throw new Error(`TEST_DATABASE=postgres, but PostgreSQL at ${postgresAdminUrl()} does not answer (start it: see .ci/run): ${(error as Error).message}`);
  }
  const template = freshDatabase("seed");
  // freshDatabase numbers its names; the template has a fixed one the workers can find.
  postgresAdmin(`ALTER DATABASE "${template.file}" RENAME TO "${templateName()}"`);
  const url = template.url.replace(template.file, templateName());
  const seed = spawnSync(process.execPath, [built(BUILT_CLI), "seed"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "development", DATABASE_URL: url, BALLOT_SECRET: "integration-test-ballot-secret", UPLOAD_DIR: path.join(ROOT, "tests", ".tmp", "uploads") },
  });
  if (seed.status !== 0) throw new Error(`seeding the template database failed:\n${seed.stdout}${seed.stderr}`);
  process.env.OMAKOULU_TEST_TEMPLATE = templateName();
  return () => dropRunDatabases();
}
