// Creating and migrating the database, SQLite or PostgreSQL by DATABASE_URL (docs/decisions/010-two-databases.md).
// - SQLite: `prisma migrate deploy` with the TypeScript engine and the better-sqlite3 adapter
//   (prisma/prisma.config.ts), then WAL mode, which is stored in the file. (Foreign keys are on for
//   every connection: better-sqlite3 is built with SQLITE_DEFAULT_FOREIGN_KEYS=1.)
// - PostgreSQL: see postgres-migrate.server.ts (Prisma's migrate cannot run over @prisma/adapter-pg in
//   6.19), under an advisory lock so that several workers starting at once migrate once.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Database from "better-sqlite3";
import { BUSY_TIMEOUT_MS, databaseKind, databaseUrl, sqliteFile } from "./database-url.server";
import { migratePostgres } from "./postgres-migrate.server";

const require = createRequire(import.meta.url);

export function prismaEnv(url: string, root = process.cwd()): NodeJS.ProcessEnv {
  const stub = path.join(root, "prisma", "schema-engine-unavailable.sh");
  return {
    ...process.env,
    DATABASE_URL: url,
    PRISMA_SCHEMA_ENGINE_BINARY: stub,
    PRISMA_QUERY_ENGINE_LIBRARY: stub,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
}

export interface MigrateResult {
  ok: boolean;
  output: string;
}

/** Names of the migrations in prisma/migrations that the database has not applied yet. */
export function pendingMigrations(file: string, root = process.cwd()): string[] {
  const dir = path.join(root, "prisma", "migrations");
  const all = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name);
  if (!fs.existsSync(file)) return all;
  const sqlite = new Database(file, { readonly: true, timeout: BUSY_TIMEOUT_MS });
  try {
    const table = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return all;
    const applied = new Set(
      (sqlite.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all() as Array<{ migration_name: string }>).map(
        (r) => r.migration_name,
      ),
    );
    return all.filter((name) => !applied.has(name));
  } finally {
    sqlite.close();
  }
}

/** Applies every pending migration of the database DATABASE_URL names (creating a SQLite file). */
export async function migrateDatabase(url: string = databaseUrl(), root = process.cwd()): Promise<MigrateResult> {
  return databaseKind(url) === "postgres" ? migratePostgres(url, root) : migrateSqlite(url, root);
}

/**
 * Creates the database file if it is missing and applies every pending migration. When nothing is
 * pending it does not start Prisma's migrate at all: that takes an exclusive lock, which would fail
 * while a running server holds the file open (and the CLI is used beside a running server).
 */
export function migrateSqlite(url: string, root = process.cwd()): MigrateResult {
  const file = sqliteFile(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (pendingMigrations(file, root).length === 0) return { ok: true, output: "No pending migrations." };
  const cli = require.resolve("prisma/build/index.js", { paths: [root] });
  const run = spawnSync(
    process.execPath,
    [cli, "migrate", "deploy", "--config", path.join(root, "prisma", "prisma.config.ts")],
    { cwd: root, env: prismaEnv(`file:${file}`, root), encoding: "utf8" },
  );
  const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
  if (run.status !== 0) {
    // Applying a migration needs the file to itself; Prisma reports a held lock obscurely.
    if (/SocketTimeout|database is locked|SQLITE_BUSY/.test(output)) {
      return {
        ok: false,
        output: `${file} is in use by another process (a running OmaKoulu server?), and applying migrations needs it to itself. Stop that process and run migrate again.`,
      };
    }
    return { ok: false, output };
  }
  const sqlite = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    sqlite.pragma("journal_mode = WAL");
  } finally {
    sqlite.close();
  }
  return { ok: true, output };
}
