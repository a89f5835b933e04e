// The plain-SQL layer of the cast path (app/server/sql.server.ts) on a real SQLite file, beside
// Prisma's connection to the same file: what it writes Prisma reads back the same, a failed
// transaction leaves nothing, and a transaction that finds the write lock held waits without
// blocking the event loop and then commits.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/server/db.server";
import { migrateDatabase } from "~/server/migrate.server";
import { openSql, sqlDate } from "~/server/sql.server";

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
});
