// The databases of the integration tests, on SQLite (the default) or PostgreSQL (TEST_DATABASE=postgres,
// `npm run test:integration:postgres`, which `npm test` runs too). Every test file and server gets a
// database of its own: a file under tests/.tmp, or a database on the PostgreSQL server of
// TEST_POSTGRES_URL (default: root on 127.0.0.1:5432, trust authentication) named after this run, so
// that runs beside each other never touch each other's databases. On PostgreSQL the demo city is
// seeded once per run (tests/integration/global-setup.ts) into a template that each seeded database is
// copied from, which is what CREATE DATABASE … TEMPLATE is for.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TMP = path.join(ROOT, "tests", ".tmp");

export type DatabaseKind = "sqlite" | "postgres";

export interface TestDatabase {
  kind: DatabaseKind;
  /** SQLite: the file's path. PostgreSQL: the database's name. */
  file: string;
  /** DATABASE_URL of the server and CLI. */
  url: string;
}

/** Which database the integration tests run on. */
export function testDatabaseKind(): DatabaseKind {
  const kind = process.env.TEST_DATABASE ?? "sqlite";
  if (kind !== "sqlite" && kind !== "postgres") throw new Error(`TEST_DATABASE must be sqlite or postgres, not ${kind}`);
  return kind;
}

export const onPostgres = () => testDatabaseKind() === "postgres";

/** The PostgreSQL server's maintenance database, for CREATE and DROP DATABASE. */
export function postgresAdminUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
}

/** The URL of database `name` on the tests' PostgreSQL server. */
export function postgresUrl(name: string): string {
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Runs statements on the maintenance database, each on its own (CREATE and DROP DATABASE cannot run
 * in a transaction), with psql, synchronously: the harness's helpers are synchronous.
 */
export function postgresAdmin(...statements: string[]): string {
  const commands = statements.flatMap((sql) => ["-c", sql]);
  return execFileSync("psql", [postgresAdminUrl(), "-v", "ON_ERROR_STOP=1", "-qAt", ...commands], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** This run's prefix of database names (set by the global set-up; one per `vitest run`). */
export function runPrefix(): string {
  return `omk_${process.env.OMAKOULU_TEST_RUN ?? `p${process.pid}`}`;
}

/** The seeded template database of this run (PostgreSQL), made by the global set-up. */
export const templateName = () => `${runPrefix()}_seed`;

let counter = 0;
export const unique = (label: string) => `${label}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

const identifier = (label: string) => `${runPrefix()}_${label.toLowerCase().replace(/[^a-z0-9]+/g, "_")}_${process.pid}_${++counter}`.slice(0, 63);

/** A fresh, empty database (SQLite: a file name, no file; PostgreSQL: an empty database). */
export function freshDatabase(label: string, kind: DatabaseKind = testDatabaseKind()): TestDatabase {
  if (kind === "postgres") {
    const name = identifier(label);
    postgresAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, `CREATE DATABASE "${name}"`);
    return { kind, file: name, url: postgresUrl(name) };
  }
  fs.mkdirSync(TMP, { recursive: true });
  const file = path.join(TMP, `${unique(label)}.db`);
  removeDatabaseFiles(file);
  return { kind, file, url: `file:${file}` };
}

/** A copy of a database that no process has open (e.g. right after seeding). */
export function copyOfDatabase(from: TestDatabase, label: string): TestDatabase {
  if (from.kind === "postgres") {
    const name = identifier(label);
    postgresAdmin(`CREATE DATABASE "${name}" TEMPLATE "${from.file}"`);
    return { kind: "postgres", file: name, url: postgresUrl(name) };
  }
  const copy = freshDatabase(label, "sqlite");
  for (const suffix of ["", "-wal"]) {
    if (fs.existsSync(`${from.file}${suffix}`)) fs.copyFileSync(`${from.file}${suffix}`, `${copy.file}${suffix}`);
  }
  return copy;
}

/** Replaces an empty PostgreSQL database by a copy of this run's seeded template; false when there is none. */
export function fillFromTemplate(database: TestDatabase): boolean {
  if (database.kind !== "postgres" || process.env.OMAKOULU_TEST_TEMPLATE !== templateName()) return false;
  postgresAdmin(`DROP DATABASE IF EXISTS "${database.file}" WITH (FORCE)`);
  postgresAdmin(`CREATE DATABASE "${database.file}" TEMPLATE "${templateName()}"`);
  return true;
}

export function dropDatabase(database: TestDatabase): void {
  if (database.kind === "sqlite") {
    removeDatabaseFiles(database.file);
    return;
  }
  postgresAdmin(`DROP DATABASE IF EXISTS "${database.file}" WITH (FORCE)`);
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** Drops every database of this run (the global tear-down). */
export function dropRunDatabases(): void {
  const names = postgresAdmin(`SELECT datname FROM pg_database WHERE datname LIKE '${runPrefix()}\\_%'`).split("\n").filter(Boolean);
  for (const name of names) postgresAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
