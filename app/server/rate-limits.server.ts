// Where rate-limit counters live, for every limit of OmaKoulu (sign-in failures:
// app/features/access/rate-limit.server.ts; the tiers of writes and exports: app/server/route-guards.server.ts),
// with rate-limiter-flexible. Where the counters live depends on the database (DATABASE_URL):
// - PostgreSQL: in the table "omakoulu_rate_limits" of the database itself (RateLimiterPostgres on
//   the process's pool), so that every server process (WORKERS=N, or several hosts) counts the same
//   requests: the limit is the sum over all processes, not per process. The table is not part of the
//   Prisma schema; it is created on first use (CREATE TABLE IF NOT EXISTS, which every process may run)
//   and awaited before any counter is read or written, so no request meets a missing table. Should the
//   database fail, each process falls back to counters in its own memory (the "insurance" limiter)
//   rather than refusing or admitting everyone.
// - SQLite: in the server process's memory, which is enough for its one process (WORKERS>1 is
//   refused on SQLite, app/server/index.ts).
// What is counted (an address, an email, a session) is counted under an HMAC of it keyed with the
// session secret (counterKey), so the table (and its backups) holds no address or email; rotating the
// session secret only restarts the counts.
import { createHmac } from "node:crypto";
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from "rate-limiter-flexible";
import { postgresPool } from "./db.server";
import { env } from "./env.server";

/** The table of the counters on PostgreSQL (all limiters; their keys start with their prefix). */
export const RATE_LIMIT_TABLE = "omakoulu_rate_limits";

export interface LimiterOptions {
  /** Tells this limiter's counters from the others' in the shared table. */
  keyPrefix: string;
  /** Requests allowed in one window. */
  points: number;
  /** The window, in seconds. */
  duration: number;
  /** Once over the limit, refused for this many seconds (0: until the window ends). */
  blockDuration?: number;
}

function memoryLimiter(options: LimiterOptions): RateLimiterMemory {
  return new RateLimiterMemory(options);
}

/** A limiter counting in the database on PostgreSQL and in memory on SQLite. */
export function limiter(options: LimiterOptions): RateLimiterAbstract {
  const pool = postgresPool();
  if (!pool) return memoryLimiter(options);
  return new RateLimiterPostgres({
    ...options,
    storeClient: pool,
    storeType: "pool",
    tableName: RATE_LIMIT_TABLE,
    // Created by ensureRateLimitTable below, awaited before every use (the limiter's own creation is not).
    tableCreated: true,
    insuranceLimiter: memoryLimiter(options),
  });
}

/** What the limiters count under: a keyed hash of the address, account or session, never the value itself. */
export function counterKey(value: string): string {
  return createHmac("sha256", env().sessionSecrets[0] as string).update(`rate-limit:${value}`).digest("base64url");
}

let tableReady: Promise<void> | undefined;

/**
 * Creates the counters' table on PostgreSQL once per process (nothing on SQLite). A failure is not
 * kept: the next request tries again, and meanwhile the insurance limiter counts (the query fails).
 */
export function ensureRateLimitTable(): Promise<void> {
  const pool = postgresPool();
  if (!pool) return Promise.resolve();
  tableReady ??= pool
    .query(`CREATE TABLE IF NOT EXISTS "${RATE_LIMIT_TABLE}" (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`)
    .then(
      () => undefined,
      (error: { code?: string; message?: string }) => {
        // Two processes creating the table at once: the loser sees a unique violation on the catalog.
        if (error?.code === "23505") return;
        tableReady = undefined;
        console.error(`Rate limits: could not create table ${RATE_LIMIT_TABLE} (${error?.message ?? error}); counting in memory meanwhile`);
      },
    );
  return tableReady;
}
