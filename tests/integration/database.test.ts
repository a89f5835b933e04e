// The server creates and migrates a missing database, keeps it in WAL mode, and waits for a lock
// held by another process (the CLI, a backup) instead of failing.
import fs from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { withSqlite } from "../support/fixtures";
import { onPostgres, SESSION_COOKIE, setupServer } from "./harness";

const LOCK_TEST_ACCOUNT = { email: "lukko@omakoulu.test", password: "Lukko-password-2026" };

// A database file that does not exist yet: the server must create it (no demo data).
const server = setupServer({ label: "database", seed: false, beforeStart: (database) => expect(fs.existsSync(database.file)).toBe(false) });

// SQLite itself (the file, WAL, another process's lock); tests/integration/postgres.test.ts has the
// PostgreSQL counterparts (migrating an empty database, concurrent starts).
describe.skipIf(onPostgres())("database file", () => {
  it("the server creates and migrates a missing database file", async () => {
    expect(fs.existsSync(server.database.file)).toBe(true);
    withSqlite(server.database.file, (db) => {
      const tables = (db.prepare(`SELECT "name" FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
      for (const table of ["_prisma_migrations", "Area", "School", "Round", "User", "Session", "AuditLog"]) expect(tables).toContain(table);
      const applied = db.prepare(`SELECT count(*) AS n FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`).get() as { n: number };
      expect(applied.n).toBeGreaterThanOrEqual(1);
      const migrations = fs.readdirSync(new URL("../../prisma/migrations", import.meta.url)).filter((f) => /^\d/.test(f));
      expect(applied.n).toBe(migrations.length);
    }, { readonly: true });
    expect((await server.client().get("/healthz")).status).toBe(200);
    // An empty database still serves the front page.
    expect((await server.client().get("/")).status).toBe(200);
  });

  it("uses the WAL journal", () => {
    withSqlite(server.database.file, (db) => expect(db.pragma("journal_mode", { simple: true })).toBe("wal"));
  });

  it("the CLI works while the server runs", async () => {
    const result = await server.cli(["migrate"]);
    expect(result.code, result.stderr).toBe(0);
  });

  it("a sign-in waits for another process's write lock and then succeeds", async () => {
    // Straight into the database: the server keeps the file open, so the CLI cannot seed it while the server runs.
    await server.db.createStaffAccount({ ...LOCK_TEST_ACCOUNT, name: "Lukko Testaaja" });
    const HOLD_MS = 1_500;
    const locker = new Database(server.database.file, { timeout: 5_000 });
    try {
      locker.exec("BEGIN IMMEDIATE");
      // The write lock is held from here until COMMIT.
      locker.prepare(`UPDATE "Area" SET "sortOrder" = "sortOrder" WHERE 1 = 0`).run();
      const started = Date.now();
      const client = server.client();
      const pending = client.post("/login", LOCK_TEST_ACCOUNT);
      let settledEarly = false;
      void pending.then(() => (settledEarly = true), () => (settledEarly = true));
      await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
      expect(settledEarly, "the sign-in finished while the database was locked").toBe(false);
      locker.exec("COMMIT");
      const res = await pending;
      const elapsed = Date.now() - started;
      expect(res.status, res.body.slice(0, 1000)).toBe(302);
      expect(res.location).toBe("/account");
      expect(client.cookies.has(SESSION_COOKIE)).toBe(true);
      expect(elapsed).toBeGreaterThanOrEqual(HOLD_MS - 50);
      expect((await client.get("/account")).status).toBe(200);
    } finally {
      if (locker.inTransaction) locker.exec("ROLLBACK");
      locker.close();
    }
  });

  it("a read does not wait for a write lock (WAL)", async () => {
    const locker = new Database(server.database.file, { timeout: 5_000 });
    try {
      locker.exec("BEGIN IMMEDIATE");
      locker.prepare(`UPDATE "Area" SET "sortOrder" = "sortOrder" WHERE 1 = 0`).run();
      const started = Date.now();
      const res = await server.client().get("/healthz");
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1_000);
      locker.exec("COMMIT");
    } finally {
      if (locker.inTransaction) locker.exec("ROLLBACK");
      locker.close();
    }
  });
});
