// Failed sign-ins are limited per IP address and per account (email or pupil code). The counters
// live where every rate limit's do (app/server/rate-limits.server.ts: the database's table on
// PostgreSQL, so all processes count together; memory on SQLite), under keyed hashes of the address
// and the account, never the values themselves.
import type { RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { counterKey, ensureRateLimitTable, limiter } from "~/server/rate-limits.server";
import { env } from "~/server/env.server";

const WINDOW_SECONDS = 15 * 60;
const signInWindow = { duration: WINDOW_SECONDS, blockDuration: WINDOW_SECONDS };

export const failedByIp = limiter({ keyPrefix: "signin-ip", points: env().signInLimitPerIp, ...signInWindow });
export const failedByAccount = limiter({ keyPrefix: "signin-account", points: env().signInLimitPerAccount, ...signInWindow });

/** Seconds until the caller may try again, or 0 when neither limit has been reached. */
export async function signInBlockedFor(ip: string, accountKey: string | null): Promise<number> {
  await ensureRateLimitTable();
  const checks = [failedByIp.get(counterKey(ip)), accountKey ? failedByAccount.get(counterKey(accountKey)) : Promise.resolve(null)];
  const [byIp, byAccount] = await Promise.all(checks);
  const blocked = (res: RateLimiterRes | null, which: RateLimiterAbstract) =>
    res && res.consumedPoints >= which.points ? Math.ceil(res.msBeforeNext / 1000) : 0;
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
