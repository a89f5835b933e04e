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
  return new PrismaClient({ adapter });
}

export type Db = ReturnType<typeof createPrismaClient>;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { omakouluDb?: Db };

export const db: Db = globalForDb.omakouluDb ?? createPrismaClient();
globalForDb.omakouluDb = db;
