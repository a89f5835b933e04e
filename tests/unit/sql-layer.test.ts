// The plain-SQL layer of the cast path (app/server/sql.server.ts) on a real SQLite file, beside
// Prisma's connection to the same file: what it writes Prisma reads back the same, a failed
// transaction leaves nothing, a transaction that finds the write lock held waits without
// blocking the event loop and then commits, a transaction is answered only once its COMMIT is on
// disk, and checkpoints happen in the background.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/server/db.server";
import { migrateDatabase } from "~/server/migrate.server";
import { isStorageFailure, keptWhileOthersDoNotWrite, openSql, sqlDate } from "~/server/sql.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omakoulu-sql-"));
const file = path.join(dir, "sql.db");
await migrateDatabase(`file:${file}`);
const prisma = createPrismaClient(`file:${file}`);
const sql = openSql({ sqliteFile: file });

afterAll(async () => {
  await prisma.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const insertAudit = `INSERT INTO "AuditLog" ("id", "at", "actorId", "action", "subjectType", "subjectId", "detail") VALUES (?, ?, NULL, ?, 'round', NULL, '{}')`;

describe("plain SQL beside Prisma on one SQLite file", () => {
  it("writes dates that Prisma reads back as the same instant", async () => {
    const at = new Date("2026-03-01T22:30:15.123Z");
    await sql.transaction((tx) => tx.run(insertAudit, ["sql-date", sqlDate(at), "test.date"]));
    const row = await prisma.auditLog.findUniqueOrThrow({ where: { id: "sql-date" } });
    expect(row.at.toISOString()).toBe(at.toISOString());
    // And Prisma's own rows compare with them by time, as the audit page sorts.
    const later = await prisma.auditLog.findMany({ where: { at: { gt: new Date("2026-03-01T22:30:15.000Z") } }, select: { id: true } });
    expect(later.map((r) => r.id)).toContain("sql-date");
  });

  it("rolls the whole transaction back when its work throws", async () => {
    await expect(
      sql.transaction(async (tx) => {
        await tx.run(insertAudit, ["rolled-back", sqlDate(new Date()), "test.rollback"]);
        throw new Error("refused half-way");
      }),
    ).rejects.toThrow("refused half-way");
    expect(await prisma.auditLog.count({ where: { action: "test.rollback" } })).toBe(0);
    // The connection is usable afterwards.
    expect(await sql.get<{ n: number }>(`SELECT count(*) AS "n" FROM "AuditLog" WHERE "action" = ?`, ["test.rollback"])).toEqual({ n: 0 });
  });

  it("waits for another connection's write lock without blocking the event loop, then commits", async () => {
    const other = new Database(file);
    other.exec("BEGIN IMMEDIATE");
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    setTimeout(() => other.exec("COMMIT"), 200);
    const started = Date.now();
    await sql.transaction((tx) => tx.run(insertAudit, ["after-lock", sqlDate(new Date()), "test.lock"]));
    clearInterval(ticker);
    other.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    // Timers kept running while it waited: the wait is not inside SQLite.
    expect(ticks).toBeGreaterThan(5);
    expect(await prisma.auditLog.count({ where: { action: "test.lock" } })).toBe(1);
  });

  it("keeps concurrent transactions apart: each sees only committed rows and none is lost", async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        sql.transaction(async (tx) => {
          const before = await tx.get<{ n: number }>(`SELECT count(*) AS "n" FROM "AuditLog" WHERE "action" = 'test.many'`);
          await tx.run(insertAudit, [`many-${i}`, sqlDate(new Date()), "test.many"]);
          const after = await tx.get<{ n: number }>(`SELECT count(*) AS "n" FROM "AuditLog" WHERE "action" = 'test.many'`);
          expect(after?.n).toBe((before?.n ?? 0) + 1);
        }),
      ),
    );
    expect(await prisma.auditLog.count({ where: { action: "test.many" } })).toBe(50);
  });

  it("group commit: transactions that arrive together share one COMMIT, and one that throws is rolled back alone", async () => {
    // Another connection sees only committed rows: inside a group it does not yet see the group's earlier rows.
    const outside = new Database(file, { readonly: true });
    const committed = () => (outside.prepare(`SELECT count(*) AS "n" FROM "AuditLog" WHERE "action" = 'test.group'`).get() as { n: number }).n;
    const seen: { inside: number; outside: number }[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        sql.transaction(async (tx) => {
          await tx.run(insertAudit, [`group-${i}`, sqlDate(new Date()), "test.group"]);
          const inside = (await tx.get<{ n: number }>(`SELECT count(*) AS "n" FROM "AuditLog" WHERE "action" = 'test.group'`))?.n ?? 0;
          seen.push({ inside, outside: committed() });
          if (i === 7) throw new Error("refused: number 7");
          return i;
        }),
      ),
    );
    outside.close();
    expect(results[7]).toEqual({ status: "rejected", reason: new Error("refused: number 7") });
    expect(results.filter((r) => r.status === "fulfilled").map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual([...Array(20).keys()].filter((i) => i !== 7));
    expect(await prisma.auditLog.count({ where: { action: "test.group" } })).toBe(19);
    expect(await prisma.auditLog.count({ where: { id: "group-7" } })).toBe(0);
    // Within a group, later transactions saw earlier ones' rows that no other connection could yet see.
    expect(seen.some((s) => s.inside > s.outside + 1)).toBe(true);
  });

  it("answers a transaction only after the WAL is synced; those arriving during a sync share the next group and sync", async () => {
    const syncs: { fd: number; done: () => void }[] = [];
    const durable = openSql({ sqliteFile: file, syncFile: (fd) => new Promise<void>((resolve) => syncs.push({ fd, done: resolve })) });
    const outside = new Database(file, { readonly: true });
    const committed = (id: string) => (outside.prepare(`SELECT count(*) AS "n" FROM "AuditLog" WHERE "id" = ?`).get(id) as { n: number }).n;
    const answered: string[] = [];
    const first = durable.transaction((tx) => tx.run(insertAudit, ["sync-1", sqlDate(new Date()), "test.sync"])).then(() => answered.push("sync-1"));
    await until(() => syncs.length === 1);
    // Committed (another connection sees it) and being synced, but not yet answered.
    expect(committed("sync-1")).toBe(1);
    expect(answered).toEqual([]);
    // The descriptor synced is the WAL file's.
    expect(fs.readlinkSync(`/proc/self/fd/${syncs[0]?.fd}`)).toBe(`${file}-wal`);
    // Two more arrive while the first sync runs: they wait, and then commit together in one group,
    // covered by a second sync.
    const more = ["sync-2", "sync-3"].map((id) => durable.transaction((tx) => tx.run(insertAudit, [id, sqlDate(new Date()), "test.sync"])).then(() => answered.push(id)));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(committed("sync-2") + committed("sync-3")).toBe(0);
    expect(syncs).toHaveLength(1);
    syncs[0]?.done();
    await first;
    expect(answered).toEqual(["sync-1"]);
    await until(() => syncs.length === 2);
    expect(committed("sync-2") + committed("sync-3")).toBe(2);
    expect(answered).toEqual(["sync-1"]);
    syncs[1]?.done();
    await Promise.all(more);
    expect(answered.sort()).toEqual(["sync-1", "sync-2", "sync-3"]);
    expect(syncs).toHaveLength(2);
    outside.close();
  });

  it("a failed sync fails the transaction as a storage failure (503 on the cast), never as saved, and every later one", async () => {
    const failing = openSql({
      sqliteFile: file,
      syncFile: () => Promise.reject(Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" })),
    });
    const error = await failing.transaction((tx) => tx.run(insertAudit, ["sync-failed", sqlDate(new Date()), "test.sync"])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isStorageFailure(error)).toBe(true);
    // After a failed sync nothing more is written: a later sync could succeed without the lost pages.
    const later = await failing.transaction((tx) => tx.run(insertAudit, ["after-failed-sync", sqlDate(new Date()), "test.sync"])).catch((e: unknown) => e);
    expect(isStorageFailure(later)).toBe(true);
    expect(await prisma.auditLog.count({ where: { id: "after-failed-sync" } })).toBe(0);
    // What /healthz reports for the process's connection.
    expect(isStorageFailure(failing.storageFailure())).toBe(true);
  });

  it("syncs the WAL of the file SQLite opened when DATABASE_URL names a symbolic link to it", async () => {
    const link = path.join(dir, "link.db");
    fs.symlinkSync(file, link);
    const synced: string[] = [];
    const linked = openSql({ sqliteFile: link, backgroundCheckpoints: false, syncFile: async (fd) => void synced.push(fs.readlinkSync(`/proc/self/fd/${fd}`)) });
    await linked.transaction((tx) => tx.run(insertAudit, ["through-link", sqlDate(new Date()), "test.sync"]));
    expect(synced).toEqual([`${file}-wal`]);
    expect(linked.storageFailure()).toBeNull();
  });

  it("Prisma's connection waits for the disk at every COMMIT (synchronous = FULL), in WAL mode", async () => {
    expect(await prisma.$queryRawUnsafe(`PRAGMA journal_mode`)).toEqual([{ journal_mode: "wal" }]);
    expect(await prisma.$queryRawUnsafe(`PRAGMA synchronous`)).toEqual([{ synchronous: 2n }]);
  });

  it("copies the WAL into the database file in a background thread, long before SQLite's own 1,000-page checkpoint", async () => {
    // A database file of its own per connection, in WAL mode as migrations leave it.
    const fresh = (name: string) => {
      const bulkFile = path.join(dir, name);
      const setup = new Database(bulkFile);
      setup.pragma("journal_mode = WAL");
      setup.exec(`CREATE TABLE "Bulk" ("id" TEXT PRIMARY KEY, "body" TEXT NOT NULL)`);
      setup.close();
      return bulkFile;
    };
    const body = "x".repeat(3_000);
    // About 300 pages of rows through a connection: SQLite alone would checkpoint only at 1,000.
    const write = async (bulkFile: string, options: { backgroundCheckpoints?: boolean }) => {
      const before = fs.statSync(bulkFile).size;
      const connection = openSql({ sqliteFile: bulkFile, ...options });
      for (let batch = 0; batch < 3; batch++) {
        await Promise.all(Array.from({ length: 100 }, (_, i) => connection.transaction((tx) => tx.run(`INSERT INTO "Bulk" ("id", "body") VALUES (?, ?)`, [`${batch}-${i}`, body]))));
        // More than the least time between two background checkpoints.
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(await connection.get(`SELECT count(*) AS "n" FROM "Bulk"`)).toEqual({ n: 300 });
      return before;
    };
    // Without the background thread, nothing reaches the database file yet: the rows are in the WAL only.
    const plain = fresh("plain.db");
    const plainBefore = await write(plain, { backgroundCheckpoints: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fs.statSync(plain).size).toBe(plainBefore);
    // With it (the default), the thread's checkpoints grow the database file itself.
    const background = fresh("background.db");
    const backgroundBefore = await write(background, {});
    await until(() => fs.statSync(background).size > backgroundBefore + 900_000);
  });

  it("keeps the WAL small under a steady stream of commits (it is restarted, not only copied)", async () => {
    const bulkFile = path.join(dir, "stream.db");
    const setup = new Database(bulkFile);
    setup.pragma("journal_mode = WAL");
    setup.exec(`CREATE TABLE "Bulk" ("id" INTEGER PRIMARY KEY, "body" TEXT NOT NULL)`);
    setup.close();
    const connection = openSql({ sqliteFile: bulkFile });
    const body = "x".repeat(3_000);
    // Eight writers that never pause, so that some transaction always waits for the next commit:
    // a checkpoint that only copies never finds the WAL fully copied with nobody writing. Each row is
    // a page of its own (4 KB), so the 12,000 rows pass about 50 MB through the WAL.
    const ROWS = 12_000;
    let largestWal = 0;
    let rows = 0;
    const writer = async () => {
      while (rows < ROWS) {
        rows++;
        await connection.transaction((tx) => tx.run(`INSERT INTO "Bulk" ("body") VALUES (?)`, [body]));
        largestWal = Math.max(largestWal, fs.statSync(`${bulkFile}-wal`).size);
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    expect(await connection.get(`SELECT count(*) AS "n" FROM "Bulk"`)).toEqual({ n: ROWS });
    // Restarted after about 1,000 frames (4 MB): never near the 50 MB that went through it.
    expect(largestWal).toBeLessThan(16_000_000);
  }, 60_000);
});

describe("reads kept while no other connection writes (keptWhileOthersDoNotWrite)", () => {
  it("reads again after a write by Prisma's connection or another process, not after this layer's own writes", async () => {
    await prisma.area.upsert({ where: { slug: "kept-area" }, create: { slug: "kept-area", nameFi: "Alue", nameSv: "Område", nameEn: "Area", sortOrder: 99 }, update: {} });
    let loads = 0;
    const nameOf = keptWhileOthersDoNotWrite(
      async (slug: string) => {
        loads++;
        return (await sql.get<{ nameEn: string }>(`SELECT "nameEn" FROM "Area" WHERE "slug" = ?`, [slug]))?.nameEn ?? null;
      },
      { database: () => sql },
    );
    expect(await nameOf("kept-area")).toBe("Area");
    expect(await nameOf("kept-area")).toBe("Area");
    expect(loads).toBe(1);
    // The cast path's own writes (this layer's connection) do not touch what is kept.
    await sql.transaction((tx) => tx.run(insertAudit, ["kept-own-write", sqlDate(new Date()), "test.kept"]));
    expect(await nameOf("kept-area")).toBe("Area");
    expect(loads).toBe(1);
    // A coordinator's change through Prisma (another connection of the same process) is read at once.
    await prisma.area.update({ where: { slug: "kept-area" }, data: { nameEn: "Renamed" } });
    expect(await nameOf("kept-area")).toBe("Renamed");
    expect(loads).toBe(2);
    // So is a write by another process (here: another connection, as the CLI would open).
    const other = new Database(file);
    other.prepare(`UPDATE "Area" SET "nameEn" = 'From the CLI' WHERE "slug" = 'kept-area'`).run();
    other.close();
    expect(await nameOf("kept-area")).toBe("From the CLI");
    expect(await nameOf("kept-area")).toBe("From the CLI");
    expect(loads).toBe(3);
    // Another key is loaded on its own.
    expect(await nameOf("no-such-area")).toBeNull();
    expect(loads).toBe(4);
  });
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
