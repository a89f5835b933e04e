// The one Prisma client of the process, picked by DATABASE_URL (docs/decisions/010-two-databases.md):
// - `file:` (the default, prisma/data/omakoulu.db): better-sqlite3, WAL journal (set when migrating),
//   foreign keys on (better-sqlite3's default), and a busy timeout so that a database locked by
//   another process (the CLI, a backup) makes requests wait instead of failing;
// - `postgresql://`: @prisma/adapter-pg on one pg.Pool (shared with the rate limits), every session
//   in UTC, and interactive transactions at SERIALIZABLE, as SQLite's are, so that a check followed by
//   a write (a cast, a moderation decision) means the same on both.
// Both generated clients have the same model types, so features import one `Db` type. Interactive
// transactions on either database are retried from the start when the database refuses them for a
// concurrent writer (SQLite busy, PostgreSQL serialization failure or deadlock): see transactionRetry.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresClient } from "~/generated/prisma-postgres/client";
import { BUSY_TIMEOUT_MS, databaseKind, databaseUrl, sqliteFile } from "./database-url.server";
import { env } from "./env.server";

/**
 * Interactive transactions wait for a connection or the write lock as long as a statement would (the
 * busy timeout) instead of Prisma's 2 s / 5 s defaults, which a busy server can exceed: a moderation
 * decision then failed with a 500 "Operation has timed out" under CI load. Long writers (imports,
 * publishing results, the seed) pass their own, longer limits.
 */
const TRANSACTION_OPTIONS = { maxWait: BUSY_TIMEOUT_MS, timeout: BUSY_TIMEOUT_MS + 5_000 } as const;

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface CreatedClient {
  client: Db;
  /** The PostgreSQL pool under the client (undefined on SQLite). */
  pool?: pg.Pool;
}

export function createPrismaClient(url: string = databaseUrl()): Db {
  return openDatabase(url).client;
}

export function openDatabase(url: string = databaseUrl(), options: { poolSize?: number } = {}): CreatedClient {
  if (databaseKind(url) === "postgres") {
    const pool = new pg.Pool({
      connectionString: url,
      // Every connection's session in UTC, so that dates and raw SQL mean the same on every server.
      options: "-c TimeZone=UTC",
      max: options.poolSize ?? env().databasePoolSize,
      connectionTimeoutMillis: BUSY_TIMEOUT_MS,
    });
    // An idle connection that the server drops (a restart, a failover) must not crash the process;
    // the pool replaces it and the next query reconnects.
    pool.on("error", (error) => console.error(`PostgreSQL pool: ${error.message}`));
    const postgres = new PostgresClient({
      adapter: new PrismaPg(pool),
      transactionOptions: { ...TRANSACTION_OPTIONS, isolationLevel: "Serializable" },
    });
    // Same models, same queries, another generated class: the type is the SQLite client's.
    return { client: withTransactionRetry(postgres as unknown as Db), pool };
  }
  const file = sqliteFile(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS });
  const client = withTransactionRetry(new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }));
  // Space SQLite frees inside a page (a deleted row, a row moved when a page splits) is overwritten
  // with zeros, so a copy of the file keeps no stale copy of a sealed ballot-box entry or a replaced
  // ballot (docs/decisions/009-ballot-box.md). A per-connection setting: the adapter keeps one
  // connection, and this is its first statement.
  client.$queryRawUnsafe("PRAGMA secure_delete = ON").catch((error: unknown) => console.error(`PRAGMA secure_delete: ${(error as Error).message}`));
  // Every COMMIT waits for the disk, so a write that was answered (a moderation decision, a new
  // session) survives a power cut. Without this, a connection that opens a file already in WAL mode
  // runs at synchronous = NORMAL (better-sqlite3's build default for WAL), whose last commits a power
  // cut can undo. The cast path gets the same guarantee its own way (sql.server.ts; decision 014).
  client.$queryRawUnsafe("PRAGMA synchronous = FULL").catch((error: unknown) => console.error(`PRAGMA synchronous: ${(error as Error).message}`));
  return { client };
}

const globalForDb = globalThis as unknown as { omakouluDb?: CreatedClient };

const opened: CreatedClient = globalForDb.omakouluDb ?? openDatabase();
globalForDb.omakouluDb = opened;

export const db: Db = opened.client;

/**
 * Closes the client and its pool, so that a CLI command exits when it is done (an idle pg.Pool keeps
 * the process alive for its idle timeout).
 */
export async function closeDatabase(): Promise<void> {
  await db.$disconnect();
  await opened.pool?.end();
}

/** The PostgreSQL pool of the process's client (rate limits share it), or undefined on SQLite. */
export function postgresPool(): pg.Pool | undefined {
  return opened.pool;
}

/**
 * The client with `$transaction(fn, options)` retried from the start when the database refuses the
 * transaction because of a concurrent writer (see isRetryable). That is safe because the failed
 * attempt was rolled back as a whole; a transaction's function must therefore do nothing but database
 * work (store a picture before it, not inside it). Batched `$transaction([...])` calls are passed on.
 */
function withTransactionRetry(client: Db): Db {
  const transaction = client.$transaction.bind(client) as (arg: unknown, options?: unknown) => Promise<unknown>;
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== "$transaction") return Reflect.get(target, property, receiver);
      return (arg: unknown, options?: unknown) =>
        typeof arg === "function" ? transactionRetry(() => transaction(arg, options)) : transaction(arg, options);
    },
  });
}

/**
 * Runs `work` again (up to `attempts` times, with a growing random pause) while it fails with an error
 * that isRetryable says a later attempt can get past.
 */
export async function transactionRetry<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isRetryable(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.floor(Math.random() * 50)));
    }
  }
}

/** Kept for the callers that name it: every interactive transaction is now retried by the client. */
export const retryWhenBusy = transactionRetry;

/**
 * Whether a failed transaction may succeed when run again:
 * - SQLite's "database is locked", which it answers at once, without waiting for the busy timeout,
 *   when a transaction that began by reading wants to write after another process has written (WAL
 *   cannot upgrade a stale read snapshot). Prisma starts transactions as deferred, so this happens
 *   to the server beside a CLI import;
 * - PostgreSQL's serialization failure (SQLSTATE 40001) and deadlock (40P01), which Prisma reports as
 *   P2034 or with the SQLSTATE in `meta.driverAdapterError`.
 */
export function isRetryable(error: unknown): boolean {
  return isBusy(error) || isSerializationFailure(error);
}

/**
 * Whether an error is SQLite's "database is locked". Through the driver adapter Prisma reports it
 * as P1008 "Operation has timed out", with SQLite's own code only in `meta.driverAdapterError`, so
 * the message alone does not tell.
 */
export function isBusy(error: unknown): boolean {
  if (/database is locked|SQLITE_BUSY/i.test(String((error as Error)?.message ?? error))) return true;
  const cause = adapterCause(error);
  return String(cause?.originalCode ?? "").startsWith("SQLITE_BUSY") || /database is locked/i.test(String(cause?.originalMessage ?? ""));
}

/** PostgreSQL's "could not serialize access" (40001) or "deadlock detected" (40P01). */
export function isSerializationFailure(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (code === "P2034" || code === "40001" || code === "40P01") return true;
  const cause = adapterCause(error);
  if (cause?.kind === "TransactionWriteConflict") return true;
  const sqlState = String(cause?.originalCode ?? cause?.code ?? "");
  const message = `${String((error as Error)?.message ?? "")} ${String(cause?.originalMessage ?? "")}`;
  return sqlState === "40001" || sqlState === "40P01" || /could not serialize access|deadlock detected/i.test(message);
}

type AdapterCause = { originalCode?: unknown; originalMessage?: unknown; kind?: unknown; code?: unknown };
/**
 * The driver's own error behind a Prisma error: inside a query it is wrapped (`meta.driverAdapterError`);
 * at COMMIT (where PostgreSQL reports most serialization failures) the adapter's DriverAdapterError
 * reaches the caller itself, with the driver's error as its `cause`.
 */
function adapterCause(error: unknown): AdapterCause | undefined {
  const wrapped = (error as { meta?: { driverAdapterError?: { cause?: AdapterCause } } })?.meta?.driverAdapterError?.cause;
  if (wrapped) return wrapped;
  if ((error as Error)?.name === "DriverAdapterError") return (error as { cause?: AdapterCause }).cause;
  return undefined;
}
