// The one Prisma client of the process, over better-sqlite3 (DATABASE_URL, default: the embedded
// file prisma/data/omakoulu.db). WAL journal (set when migrating), foreign keys on (better-sqlite3's
// default), and a busy timeout so that a database locked by another process (the CLI, a backup)
// makes requests wait instead of failing.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { BUSY_TIMEOUT_MS, databaseUrl, sqliteFile } from "./database-url.server";

export function createPrismaClient(url: string = databaseUrl()) {
  const file = sqliteFile(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS });
  // Interactive transactions wait for the write lock as long as a statement would (the busy
  // timeout) instead of Prisma's 2 s / 5 s defaults, which a busy server can exceed: a moderation
  // decision then failed with a 500 "Operation has timed out" under CI load. Long writers (imports,
  // publishing results, the seed) pass their own, longer limits.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: BUSY_TIMEOUT_MS, timeout: BUSY_TIMEOUT_MS + 5_000 } });
}

export type Db = ReturnType<typeof createPrismaClient>;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { omakouluDb?: Db };

export const db: Db = globalForDb.omakouluDb ?? createPrismaClient();
globalForDb.omakouluDb = db;

/**
 * SQLite answers "database is locked" at once, without waiting for the busy timeout, when a
 * transaction that began by reading wants to write after another process has written (WAL cannot
 * upgrade a stale read snapshot). Prisma starts transactions as deferred, so a write transaction
 * that meets a concurrent writer in another process (the server beside a CLI import) is retried from
 * the start, which is safe because the failed attempt was rolled back as a whole.
 */
export async function retryWhenBusy<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isBusy(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.floor(Math.random() * 50)));
    }
  }
}

/**
 * Whether an error is SQLite's "database is locked". Through the driver adapter Prisma reports it
 * as P1008 "Operation has timed out", with SQLite's own code only in `meta.driverAdapterError`, so
 * the message alone does not tell.
 */
export function isBusy(error: unknown): boolean {
  if (/database is locked|SQLITE_BUSY/i.test(String((error as Error)?.message ?? error))) return true;
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown; kind?: unknown } } } })?.meta;
  const cause = meta?.driverAdapterError?.cause;
  return String(cause?.originalCode ?? "").startsWith("SQLITE_BUSY") || /database is locked/i.test(String(cause?.originalMessage ?? ""));
}
