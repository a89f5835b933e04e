// Applying prisma/postgres/migrations to a PostgreSQL database.
//
// Why not `prisma migrate deploy`: over @prisma/adapter-pg (the only way without a schema-engine
// binary, which this project does not download) Prisma 6.19's migrate fails on every command with
// "Column type 'name' could not be deserialized" (prisma/prisma#27403, open). So this does what
// deploy does, in Prisma's own bookkeeping table `_prisma_migrations` (same columns, checksum = SHA-256
// of migration.sql), so that `prisma migrate deploy` or `migrate status` with the schema engine
// binary sees the same history and the two can be used interchangeably:
// - every pending migration runs in its own transaction (PostgreSQL's DDL is transactional, so a
//   failing migration leaves nothing half-done) and is recorded in the same transaction;
// - all of it under a session advisory lock, so several server processes (or the CLI beside them)
//   starting at once migrate once: the others wait for the lock and then find nothing pending;
// - a migration whose file changed after it was applied (checksum differs) stops everything, as in
//   Prisma, because the database no longer matches what the files say.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { redactUrl } from "./database-url.server";

/** The advisory lock key of OmaKoulu's migrations (any constant; Prisma's own is 72707369). */
export const MIGRATION_LOCK_KEY = 42_420_001;

export interface PostgresMigrateResult {
  ok: boolean;
  output: string;
  applied: string[];
}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function postgresMigrations(root = process.cwd()): MigrationFile[] {
  const dir = path.join(root, "prisma", "postgres", "migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export async function migratePostgres(url: string, root = process.cwd()): Promise<PostgresMigrateResult> {
  const files = postgresMigrations(root);
  const client = new pg.Client({ connectionString: url, options: "-c TimeZone=UTC" });
  try {
    await client.connect();
  } catch (error) {
    return { ok: false, applied: [], output: `Could not connect to ${redactUrl(url)}: ${(error as Error).message}` };
  }
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(BOOKKEEPING);
    const done = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const byName = new Map(done.rows.map((r) => [r.migration_name, r]));
    for (const file of files) {
      const row = byName.get(file.name);
      if (row?.finished_at) {
        if (row.checksum !== file.checksum) {
          return { ok: false, applied, output: `Migration ${file.name} was changed after it was applied to the database; restore the file as it was.` };
        }
        continue;
      }
      if (row) return { ok: false, applied, output: `Migration ${file.name} failed earlier and is marked as started; fix the database and mark it rolled back first.` };
      try {
        await client.query("BEGIN");
        await client.query(file.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), file.checksum, file.name],
        );
        await client.query("COMMIT");
        applied.push(file.name);
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        return { ok: false, applied, output: `Migration ${file.name} failed and was rolled back: ${(error as Error).message}` };
      }
    }
    const output = applied.length
      ? `Applied ${applied.length} migration${applied.length === 1 ? "" : "s"} to ${redactUrl(url)}:\n${applied.map((n) => `  ${n}`).join("\n")}`
      : "No pending migrations.";
    return { ok: true, applied, output };
  } catch (error) {
    return { ok: false, applied, output: `Could not migrate ${redactUrl(url)}: ${(error as Error).message}` };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
