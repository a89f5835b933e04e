// PostgreSQL's own behaviour (runs in the PostgreSQL run of the suite only, TEST_DATABASE=postgres):
// migrations applied once however many processes start at once, a changed migration refused, an
// empty database made usable by the server's start, and every connection in UTC whatever the
// database's own time zone. tests/integration/database.test.ts is the SQLite counterpart.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migratePostgres } from "~/server/postgres-migrate.server";
import { DEMO_ROUNDS } from "../support/demo-accounts";
import { postgresAdmin } from "../support/test-database";
import { onPostgres, removeDatabase, ROOT, runCli, setupServer, setupTmpDir, tmpDatabase, type TestDatabase } from "./harness";

const migrationNames = () =>
  fs
    .readdirSync(path.join(ROOT, "prisma", "postgres", "migrations"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

async function query<T extends pg.QueryResultRow>(database: TestDatabase, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const applied = (database: TestDatabase) =>
  query<{ migration_name: string }>(database, `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`).then((rows) =>
    rows.map((r) => r.migration_name),
  );

describe.skipIf(!onPostgres())("PostgreSQL", () => {
  const databases: TestDatabase[] = [];
  const fresh = (label: string) => {
    const database = tmpDatabase(label);
    databases.push(database);
    return database;
  };
  afterAll(() => databases.forEach(removeDatabase));
  const tmp = setupTmpDir("postgres");

  it("four `migrate` commands started at once apply every migration exactly once (advisory lock)", async () => {
    const database = fresh("migrate-race");
    const runs = await Promise.all([1, 2, 3, 4].map(() => runCli(["migrate"], database.url)));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(await applied(database)).toEqual(migrationNames());
    // The reference rows of the migrations are there once.
    expect(await query(database, `SELECT slug FROM "Area"`)).toHaveLength(8);
    // Nothing pending: a fifth run changes nothing.
    const again = await runCli(["migrate"], database.url);
    expect(again.code, again.stderr).toBe(0);
    expect(await applied(database)).toEqual(migrationNames());
  });

  it("a migration changed after it was applied stops migrating, naming it, and nothing else runs", async () => {
    const database = fresh("migrate-changed");
    const root = tmp.file("root");
    fs.cpSync(path.join(ROOT, "prisma", "postgres", "migrations"), path.join(root, "prisma", "postgres", "migrations"), { recursive: true });
    const first = await migratePostgres(database.url, root);
    expect(first.ok, first.output).toBe(true);
    expect(first.applied).toEqual(migrationNames());

    const [name] = migrationNames();
    fs.appendFileSync(path.join(root, "prisma", "postgres", "migrations", name as string, "migration.sql"), "\n-- edited later\n");
    fs.mkdirSync(path.join(root, "prisma", "postgres", "migrations", "29991231000000_later"));
    fs.writeFileSync(path.join(root, "prisma", "postgres", "migrations", "29991231000000_later", "migration.sql"), `CREATE TABLE "Later" (id TEXT);`);
    const second = await migratePostgres(database.url, root);
    expect(second.ok).toBe(false);
    expect(second.output).toContain(`Migration ${name} was changed after it was applied`);
    expect(await query(database, `SELECT to_regclass('"Later"') AS t`)).toEqual([{ t: null }]);
  });

  it("a failing migration is rolled back whole and reported; the next good run applies it once fixed", async () => {
    const database = fresh("migrate-fails");
    const root = tmp.file("root-fails");
    fs.cpSync(path.join(ROOT, "prisma", "postgres", "migrations"), path.join(root, "prisma", "postgres", "migrations"), { recursive: true });
    const later = path.join(root, "prisma", "postgres", "migrations", "29991231000000_later");
    fs.mkdirSync(later);
    fs.writeFileSync(path.join(later, "migration.sql"), `CREATE TABLE "Later" (id TEXT);\nSELECT no_such_function();`);
    const failed = await migratePostgres(database.url, root);
    expect(failed.ok).toBe(false);
    expect(failed.output).toContain("Migration 29991231000000_later failed and was rolled back");
    expect(await query(database, `SELECT to_regclass('"Later"') AS t`)).toEqual([{ t: null }]);
    expect(await applied(database)).toEqual(migrationNames());

    fs.writeFileSync(path.join(later, "migration.sql"), `CREATE TABLE "Later" (id TEXT);`);
    const fixed = await migratePostgres(database.url, root);
    expect(fixed.ok, fixed.output).toBe(true);
    expect(fixed.applied).toEqual(["29991231000000_later"]);
  });

  it("refuses to start on a server that does not answer, with the URL's password hidden", async () => {
    const run = await runCli(["migrate"], "postgresql://root:hunter2@127.0.0.1:1/nowhere");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Could not connect to postgresql://root:***@127.0.0.1:1/nowhere");
    expect(run.stderr).not.toContain("hunter2");
  });
});

describe.skipIf(!onPostgres())("a server on an empty PostgreSQL database in another time zone", () => {
  const server = setupServer({
    label: "pg-empty",
    seed: false,
    // The database's own default time zone is not UTC: the server's connections must still be.
    beforeStart: (database) => void postgresAdmin(`ALTER DATABASE "${database.file}" SET timezone TO 'America/New_York'`),
  });

  it("migrates it at start and serves pages", async () => {
    expect(await applied(server.database)).toEqual(migrationNames());
    const res = await server.client().get("/");
    expect(res.status).toBe(200);
  });

  it("stores times in UTC: a failed sign-in's audit time is the server's clock, not shifted by the database's zone", async () => {
    const before = Date.now();
    const res = await server.client().post("/login", { email: "nobody@omakoulu.test", password: "wrong-password-2026" });
    expect(res.status).toBeLessThan(500);
    // The failed sign-in is audited; the stored time, read as UTC, is now (New York's zone would be
    // hours away).
    const rows = await query<{ at: Date }>(server.database, `SELECT at FROM "AuditLog" ORDER BY at DESC LIMIT 1`);
    const at = rows[0]?.at;
    expect(at).toBeInstanceOf(Date);
    // timestamp without time zone comes back from pg as local time of this process; compare as UTC.
    const stored = Date.UTC(at!.getFullYear(), at!.getMonth(), at!.getDate(), at!.getHours(), at!.getMinutes(), at!.getSeconds(), at!.getMilliseconds());
    expect(Math.abs(stored - before)).toBeLessThan(60_000);
  });
});

describe.skipIf(!onPostgres())("a server process whose own time zone is not UTC (TZ=Asia/Tokyo, 9 hours ahead)", () => {
  // The session lookup and the cast read and write timestamps with plain SQL (sql.server.ts), where
  // pg would read "timestamp without time zone" as the process's local time: a session would then
  // look expired (read 9 hours early, past its 8-hour life) and every page would ask to sign in again.
  const server = setupServer({ label: "pg-tz", env: { TZ: "Asia/Tokyo" } });

  it("keeps a pupil signed in, casts, and stores the cast's time in UTC", async () => {
    const [code] = await server.issueCodes({ round: DEMO_ROUNDS.current, school: "00501", classLevel: 8, count: 1 });
    const client = await server.signedInPupil(code as string, { lang: "en" });
    const page = await client.get("/vote");
    expect(page.status).toBe(200);
    const picks = [...page.body.matchAll(/name="(pick:[a-z-]+)" value="([a-z0-9]+)"/g)].slice(0, 1);
    expect(picks).toHaveLength(1);
    // Times read as UTC text, independent of this process's zone.
    const participations = () =>
      query<{ id: string; voted: string }>(server.database, `SELECT id, to_char("votedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS voted FROM "Participation"`);
    const earlier = new Set((await participations()).map((p) => p.id));
    const before = Date.now();
    const cast = await client.post("/vote", { intent: "cast", [picks[0]![1]!]: picks[0]![2]! });
    expect(cast.status, cast.body.slice(0, 300)).toBe(302);
    expect(cast.headers.get("location")).toBe("/vote/receipt");
    const added = (await participations()).filter((p) => !earlier.has(p.id));
    expect(added).toHaveLength(1);
    expect(Math.abs(Date.parse(added[0]!.voted) - before)).toBeLessThan(60_000);
    // Still signed in on the next request (the session's expiry was read as UTC).
    expect((await client.get("/vote")).status).toBe(200);
  });
});
