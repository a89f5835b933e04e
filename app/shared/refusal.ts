// What a refused request's error page is told (thrown by app/server/route-guards.server.ts, shown by
// the root's ErrorBoundary): a form sent from another site (403), or too many requests (429).
import type { Tier } from "./rate-limit-tiers";

export type Refusal = { refusal: "cross-site" } | { refusal: "rate-limit"; tier: Tier; retryAfterSeconds: number };

export function isRefusal(value: unknown): value is Refusal {
  if (typeof value !== "object" || value === null) return false;
  const refusal = (value as { refusal?: unknown }).refusal;
  return refusal === "cross-site" || refusal === "rate-limit";
}

/** Whole minutes to wait, at least one (the page says "wait N minutes"). */
export function minutesToWait(retryAfterSeconds: number): number {
  return Math.max(1, Math.ceil(retryAfterSeconds / 60));
}
