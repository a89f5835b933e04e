// What a refused request's error page is told (thrown by app/server/route-guards.server.ts, shown by
// the root's ErrorBoundary): a form sent from another site (403), or too many requests (429).
import type { Locale } from "./catalog";
import type { Tier } from "./rate-limit-tiers";

/**
 * `locale` is the user's language: Remix does not run the root loader when an action fails, so the
 * error page takes its language from here (app/root.tsx Layout).
 */
export type Refusal = { locale: Locale } & ({ refusal: "cross-site" } | { refusal: "rate-limit"; tier: Tier; retryAfterSeconds: number });

export function isRefusal(value: unknown): value is Refusal {
  if (typeof value !== "object" || value === null) return false;
  const refusal = (value as { refusal?: unknown }).refusal;
  return refusal === "cross-site" || refusal === "rate-limit";
}

/** Whole minutes to wait, at least one (the page says "wait N minutes"). */
export function minutesToWait(retryAfterSeconds: number): number {
  return Math.max(1, Math.ceil(retryAfterSeconds / 60));
}

/** The refusal among a rendered page's route errors (Remix's static handler context), if any. */
export function refusalIn(errors: Record<string, unknown> | null | undefined): Refusal | null {
  for (const error of Object.values(errors ?? {})) {
    const body = (error as { data?: unknown } | null)?.data;
    if (isRefusal(body)) return body;
  }
  return null;
}
