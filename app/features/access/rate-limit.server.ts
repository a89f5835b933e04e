// Failed sign-ins are limited per IP address and per account (email or pupil code) with
// rate-limiter-flexible. The counters live in the server process's memory: enough for one server;
// a cluster would switch to its Redis or Postgres store (same API).
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "~/server/env.server";

const WINDOW_SECONDS = 15 * 60;

export const failedByIp = new RateLimiterMemory({
  keyPrefix: "signin-ip",
  points: env().signInLimitPerIp,
  duration: WINDOW_SECONDS,
  blockDuration: WINDOW_SECONDS,
});

export const failedByAccount = new RateLimiterMemory({
  keyPrefix: "signin-account",
  points: env().signInLimitPerAccount,
  duration: WINDOW_SECONDS,
  blockDuration: WINDOW_SECONDS,
});

/** Seconds until the caller may try again, or 0 when neither limit has been reached. */
export async function signInBlockedFor(ip: string, accountKey: string | null): Promise<number> {
  const checks = [failedByIp.get(ip), accountKey ? failedByAccount.get(accountKey) : Promise.resolve(null)];
  const [byIp, byAccount] = await Promise.all(checks);
  const blocked = (res: RateLimiterRes | null, limiter: RateLimiterMemory) =>
    res && res.consumedPoints >= limiter.points ? Math.ceil(res.msBeforeNext / 1000) : 0;
  return Math.max(blocked(byIp ?? null, failedByIp), blocked(byAccount ?? null, failedByAccount));
}

export async function recordFailedSignIn(ip: string, accountKey: string | null): Promise<void> {
  const swallow = () => undefined; // a rejection only means the limit is now reached
  await Promise.all([
    failedByIp.consume(ip).catch(swallow),
    accountKey ? failedByAccount.consume(accountKey).catch(swallow) : Promise.resolve(),
  ]);
}

export async function clearFailedSignIns(accountKey: string): Promise<void> {
  await failedByAccount.delete(accountKey);
}
