// retryWhenBusy against a real SQLite file: a transaction that read before another connection
// wrote cannot write (SQLite answers "database is locked" at once). Through Prisma's driver adapter
// that arrives as P1008 "Operation has timed out", so the retry must recognise it by the adapter's
// SQLite code, not by the message.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, isBusy, retryWhenBusy } from "~/server/db.server";
import { migrateDatabase } from "~/server/migrate.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omakoulu-busy-"));
const file = path.join(dir, "busy.db");
await migrateDatabase(`file:${file}`);
const prisma = createPrismaClient(`file:${file}`);
const other = new Database(file);
other.exec("CREATE TABLE t (x INTEGER)");

afterAll(async () => {
  await prisma.$disconnect();
  other.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One attempt: read, let the other connection write, then write through a model (as the app does). */
async function readThenWrite(otherWrites: boolean) {
  return prisma.$transaction(async (tx) => {
    await tx.area.count();
    if (otherWrites) other.prepare("INSERT INTO t (x) VALUES (1)").run();
    await tx.area.create({ data: { slug: `a-${Math.random().toString(36).slice(2)}`, nameFi: "A", nameSv: "A", nameEn: "A", sortOrder: 0 } });
  });
}

describe("retryWhenBusy", () => {
  it("recognises SQLite's stale-snapshot lock as it arrives through Prisma", async () => {
    const error = await readThenWrite(true).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, "the second writer must be refused").not.toBeNull();
    expect(isBusy(error)).toBe(true);
  });

  it("retries the whole transaction, which then succeeds", async () => {
    const before = await prisma.area.count();
    let attempts = 0;
    await retryWhenBusy(() => readThenWrite(++attempts === 1));
    expect(attempts).toBe(2);
    const rows = other.prepare("SELECT x FROM t ORDER BY rowid").all() as { x: number }[];
    expect(rows.map((r) => r.x)).toEqual([1, 1]);
    expect(await prisma.area.count()).toBe(before + 1);
  });

  it("does not retry other errors", async () => {
    let attempts = 0;
    await expect(
      retryWhenBusy(async () => {
        attempts++;
        throw new Error("UNIQUE constraint failed");
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(attempts).toBe(1);
  });
});
