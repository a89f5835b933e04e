// Failed sign-ins are limited per IP address and per account (email or pupil code) with
// rate-limiter-flexible, where the counters live depends on the database (DATABASE_URL):
// - PostgreSQL: in the table "omakoulu_rate_limits" of the database itself (RateLimiterPostgres on
//   the process's pool), so that every server process (WORKERS=N, or several hosts) counts the same
//   failures: the limit is the sum over all processes, not per process. The table is not part of the
//   Prisma schema; it is created on first use (CREATE TABLE IF NOT EXISTS, which every process may run)
//   and awaited before any counter is read or written, so no request meets a missing table. Should the
//   database fail, each process falls back to counters in its own memory (the "insurance" limiter)
//   rather than refusing or admitting everyone.
// - SQLite: in the server process's memory, which is enough for its one process (WORKERS>1 is
//   refused on SQLite, app/server/index.ts).
// Addresses and accounts (an email, a pupil code's hash) are counted under an HMAC of them keyed with
// the session secret, so the table (and its backups) holds no address or email; rotating the session
// secret only restarts the counts. The exported functions are the same on both.
import { createHmac } from "node:crypto";
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract, type RateLimiterRes } from "rate-limiter-flexible";
import { postgresPool } from "~/server/db.server";
import { env } from "~/server/env.server";

const WINDOW_SECONDS = 15 * 60;
/** The table of the counters on PostgreSQL (both limiters; their keys start with their prefix). */
export const RATE_LIMIT_TABLE = "omakoulu_rate_limits";

interface Limiter {
  keyPrefix: string;
  points: number;
}

function memoryLimiter({ keyPrefix, points }: Limiter): RateLimiterMemory {
  return new RateLimiterMemory({ keyPrefix, points, duration: WINDOW_SECONDS, blockDuration: WINDOW_SECONDS });
}

function limiter(options: Limiter): RateLimiterAbstract {
  const pool = postgresPool();
  if (!pool) return memoryLimiter(options);
  return new RateLimiterPostgres({
    ...options,
    duration: WINDOW_SECONDS,
    blockDuration: WINDOW_SECONDS,
    storeClient: pool,
    storeType: "pool",
    tableName: RATE_LIMIT_TABLE,
    // Created by ensureTable below, awaited before every use (the limiter's own creation is not).
    tableCreated: true,
    insuranceLimiter: memoryLimiter(options),
  });
}

export const failedByIp = limiter({ keyPrefix: "signin-ip", points: env().signInLimitPerIp });
export const failedByAccount = limiter({ keyPrefix: "signin-account", points: env().signInLimitPerAccount });

/** What the limiters count under: a keyed hash of the address or account, never the value itself. */
function counterKey(value: string): string {
  return createHmac("sha256", env().sessionSecrets[0] as string).update(`rate-limit:${value}`).digest("base64url");
}

let tableReady: Promise<void> | undefined;

/**
 * Creates the counters' table on PostgreSQL once per process (nothing on SQLite). A failure is not
 * kept: the next sign-in tries again, and meanwhile the insurance limiter counts (the query fails).
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

/** Seconds until the caller may try again, or 0 when neither limit has been reached. */
export async function signInBlockedFor(ip: string, accountKey: string | null): Promise<number> {
  await ensureRateLimitTable();
  const checks = [failedByIp.get(counterKey(ip)), accountKey ? failedByAccount.get(counterKey(accountKey)) : Promise.resolve(null)];
  const [byIp, byAccount] = await Promise.all(checks);
  const blocked = (res: RateLimiterRes | null, limiter: RateLimiterAbstract) =>
    res && res.consumedPoints >= limiter.points ? Math.ceil(res.msBeforeNext / 1000) : 0;
  return Math.max(blocked(byIp ?? null, failedByIp), blocked(byAccount ?? null, failedByAccount));
}

export async function recordFailedSignIn(ip: string, accountKey: string | null): Promise<void> {
  await ensureRateLimitTable();
  const swallow = () => undefined; // a rejection only means the limit is now reached
  await Promise.all([
    failedByIp.consume(counterKey(ip)).catch(swallow),
    accountKey ? failedByAccount.consume(counterKey(accountKey)).catch(swallow) : Promise.resolve(),
  ]);
}

export async function clearFailedSignIns(accountKey: string): Promise<void> {
  await ensureRateLimitTable();
  await failedByAccount.delete(counterKey(accountKey));
}
