// The client's transaction retry (app/server/db.server.ts) against a real SQLite file: a transaction
// that read before another connection wrote cannot write (SQLite answers "database is locked" at
// once). Through Prisma's driver adapter that arrives as P1008 "Operation has timed out", so the retry
// must recognise it by the adapter's SQLite code, not by the message. PostgreSQL's serialization
// failures and deadlocks are recognised in the shapes Prisma gives them (the PostgreSQL run of the
// integration suite meets real ones: 100 concurrent casts of one pupil).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, isBusy, isRetryable, isSerializationFailure, retryWhenBusy } from "~/server/db.server";
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

/**
 * A transaction through the client (which retries it): read, let the other connection write when
 * `otherWrites(attempt)` says so, then write through a model (as the app does).
 */
async function readThenWrite(otherWrites: (attempt: number) => boolean) {
  let attempts = 0;
  try {
    await prisma.$transaction(async (tx) => {
      attempts++;
      await tx.area.count();
      if (otherWrites(attempts)) other.prepare("INSERT INTO t (x) VALUES (1)").run();
      await tx.area.create({ data: { slug: `a-${Math.random().toString(36).slice(2)}`, nameFi: "A", nameSv: "A", nameEn: "A", sortOrder: 0 } });
    });
    return { attempts, error: null };
  } catch (error) {
    return { attempts, error };
  }
}

describe("the client's transaction retry", () => {
  it("recognises SQLite's stale-snapshot lock as it arrives through Prisma, and gives up after 8 attempts", async () => {
    const { attempts, error } = await readThenWrite(() => true);
    expect(error, "the second writer must be refused").not.toBeNull();
    expect(isBusy(error)).toBe(true);
    expect(attempts).toBe(8);
  });

  it("retries the whole transaction by itself, which then succeeds", async () => {
    const before = await prisma.area.count();
    const writesBefore = (other.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n;
    const { attempts, error } = await readThenWrite((attempt) => attempt === 1);
    expect(error).toBeNull();
    expect(attempts).toBe(2);
    expect((other.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n).toBe(writesBefore + 1);
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

  it("recognises PostgreSQL's serialization failure and deadlock in the shapes Prisma reports them", () => {
    const adapterError = (originalCode: string, kind = "postgres") => ({ code: "P2010", meta: { driverAdapterError: { cause: { originalCode, kind } } } });
    expect(isSerializationFailure({ code: "P2034" })).toBe(true);
    expect(isSerializationFailure(adapterError("40001"))).toBe(true);
    expect(isSerializationFailure(adapterError("40P01"))).toBe(true);
    expect(isSerializationFailure({ meta: { driverAdapterError: { cause: { kind: "TransactionWriteConflict" } } } })).toBe(true);
    expect(isSerializationFailure(new Error("could not serialize access due to read/write dependencies among transactions"))).toBe(true);
    // At COMMIT (found by the PostgreSQL cast benchmark: casts of different pupils answered 500), the
    // adapter's own DriverAdapterError arrives unwrapped, with the SQLSTATE in its cause.
    const atCommit = Object.assign(new Error("TransactionWriteConflict"), {
      name: "DriverAdapterError",
      cause: { originalCode: "40001", originalMessage: "could not serialize access due to read/write dependencies among transactions", kind: "TransactionWriteConflict" },
    });
    expect(isRetryable(atCommit)).toBe(true);
    const deadlockAtCommit = Object.assign(new Error("deadlock"), { name: "DriverAdapterError", cause: { originalCode: "40P01", kind: "postgres" } });
    expect(isRetryable(deadlockAtCommit)).toBe(true);
    expect(isRetryable(Object.assign(new Error("unique"), { name: "DriverAdapterError", cause: { originalCode: "23505", kind: "postgres" } }))).toBe(false);
    // Not retried: a unique violation, a foreign key, a syntax error, anything else.
    for (const code of ["23505", "23503", "42601", "22021"]) expect(isRetryable(adapterError(code)), code).toBe(false);
    expect(isRetryable({ code: "P2002" })).toBe(false);
  });
});
