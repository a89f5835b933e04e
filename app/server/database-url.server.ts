// Where the database is. No Prisma import here, so the HTTP server and the CLI can migrate before
// anything opens a Prisma client.
import path from "node:path";
import { env } from "./env.server";

export const DEFAULT_DATABASE_URL = "file:./prisma/data/omakoulu.db";
/** How long a statement waits for a lock held by another connection or process. */
export const BUSY_TIMEOUT_MS = 15_000;

export function databaseUrl(): string {
  return env().databaseUrl ?? DEFAULT_DATABASE_URL;
}

/** The absolute path of the SQLite file of a `file:` URL. */
export function sqliteFile(url: string = databaseUrl()): string {
  if (!url.startsWith("file:")) {
    throw new Error("DATABASE_URL must be a SQLite file URL (file:./path.db) in this build; see README, 'PostgreSQL'.");
  }
  return path.resolve(url.slice("file:".length));
}
