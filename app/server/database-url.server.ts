// Where the database is, and which kind it is. No Prisma import here, so the HTTP server and the CLI
// can migrate before anything opens a Prisma client. `DATABASE_URL` picks the database at start
// (docs/decisions/010-two-databases.md): a `file:` URL is the embedded SQLite file (the default), a
// `postgresql://` (or `postgres://`) URL a PostgreSQL server.
import path from "node:path";
import { env } from "./env.server";

export const DEFAULT_DATABASE_URL = "file:./prisma/data/omakoulu.db";
/** How long a statement waits for a lock held by another connection or process. */
export const BUSY_TIMEOUT_MS = 15_000;

export type DatabaseKind = "sqlite" | "postgres";

export function databaseUrl(): string {
  return env().databaseUrl ?? DEFAULT_DATABASE_URL;
}

/** Which database a URL names; anything else is refused with the two forms that work. */
export function databaseKind(url: string = databaseUrl()): DatabaseKind {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  throw new Error("DATABASE_URL must be a SQLite file URL (file:./path.db) or a PostgreSQL URL (postgresql://user@host:5432/db); see README, 'Production on PostgreSQL'.");
}

export const isPostgres = (url: string = databaseUrl()) => databaseKind(url) === "postgres";

/** The absolute path of the SQLite file of a `file:` URL. */
export function sqliteFile(url: string = databaseUrl()): string {
  if (databaseKind(url) !== "sqlite") throw new Error(`not a SQLite file URL: ${redactUrl(url)}`);
  return path.resolve(url.slice("file:".length));
}

/** A URL safe to print: any password replaced by `***`. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/, "$1***@");
}
