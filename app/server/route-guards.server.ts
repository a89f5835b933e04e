// The checks every route's action (and the exports' loaders) goes through before its own code runs
// (docs/decisions/015-security-headers-and-limits.md). Remix v2 has no middleware, so guardBuild wraps
// the handlers of the server build once, when the server starts (app/server/index.ts); a route cannot
// forget them, and a route without an action gets one that answers 405 after the same checks.
//
// 1. Rate limits by tier (app/shared/rate-limit-tiers.ts): over the limit is a 429 with Retry-After and the
//    translated "wait N minutes" page; nothing of the request is done.
// 2. Forms from another site (cross-site.ts, decided in app/server/index.ts before Remix reads the
//    request): a 403 with the translated page, and an audit entry "request.cross-site" naming the
//    method, the path and the other site's origin (no person: the session cookie does not travel
//    with such a request).
import type { ActionFunction, AppLoadContext, LoaderFunction, ServerBuild } from "@remix-run/node";
import { data } from "@remix-run/node";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { sessionCookie } from "~/features/access/auth.server";
import type { Refusal } from "~/shared/refusal";
import { appendAudit } from "./audit.server";
import { db } from "./db.server";
import { env } from "./env.server";
import { counterKey, ensureRateLimitTable, limiter } from "./rate-limits.server";
import { TIERS, tierOf, type Tier } from "~/shared/rate-limit-tiers";

type Handler = "action" | "loader";

export function guardBuild(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const { action, loader } = route.module;
    const actionTier = tierOf(id, "action");
    const loaderTier = tierOf(id, "loader");
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        action: guarded(id, "action", actionTier, action ?? (route.module.default ? noAction : noResourceAction)),
        ...(loader && loaderTier ? { loader: guarded(id, "loader", loaderTier, loader) } : {}),
      },
    };
  }
  return { ...build, routes };
}

/** The action of a page that has none: Remix would answer 405 too, but only after the checks here. */
const noAction: ActionFunction = () => {
  throw data(null, { status: 405, statusText: "Method Not Allowed", headers: { Allow: "GET, HEAD" } });
};

/** The same for a resource route (a file or an answer without a page): a bare 405. */
const noResourceAction: ActionFunction = () => new Response(null, { status: 405, statusText: "Method Not Allowed", headers: { Allow: "GET, HEAD" } });

function guarded<F extends ActionFunction | LoaderFunction>(routeId: string, handler: Handler, tier: Tier | null, run: F): F {
  return (async (args: Parameters<F>[0]) => {
    if (tier) await limit(tier, args.request, args.context);
    if (handler === "action" && args.context.crossSite) await refuseCrossSite(routeId, args.request, args.context.crossSite.from);
    return run(args);
  }) as F;
}

let limiters: Map<Tier, RateLimiterAbstract> | null = null;

function limiterOf(tier: Tier): RateLimiterAbstract | null {
  limiters ??= new Map(
    TIERS.flatMap((t) => {
      const limit = env().rateLimits[t];
      return limit ? [[t, limiter({ keyPrefix: `tier-${t}`, points: limit.points, duration: limit.seconds })] as const] : [];
    }),
  );
  return limiters.get(tier) ?? null;
}

/** Who a request counts for: its signed-in session when the cookie's signature holds, else its address. */
async function counterOf(request: Request, context: AppLoadContext): Promise<string> {
  const sessionId: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return counterKey(typeof sessionId === "string" && sessionId ? `session:${sessionId}` : `ip:${context.clientIp}`);
}

async function limit(tier: Tier, request: Request, context: AppLoadContext): Promise<void> {
  const counter = limiterOf(tier);
  if (!counter) return;
  await ensureRateLimitTable();
  try {
    await counter.consume(await counterOf(request, context));
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) {
      // The counters could not be reached at all (not even the memory fallback): let the request through.
      console.error(`Rate limits: tier ${tier} could not count (${(rejection as Error)?.message ?? rejection})`);
      return;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw data<Refusal>(
      { refusal: "rate-limit", tier, retryAfterSeconds },
      { status: 429, statusText: "Too Many Requests", headers: { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" } },
    );
  }
}

async function refuseCrossSite(routeId: string, request: Request, from: string): Promise<never> {
  const url = new URL(request.url);
  try {
    await appendAudit(db, {
      actorId: null,
      action: "request.cross-site",
      subjectType: "request",
      detail: { method: request.method, path: url.pathname.replace(/\.data$/, ""), route: routeId, from },
    });
  } catch (error) {
    // The refusal stands even if the log cannot be written (say, the disk is full).
    console.error(`Could not write the audit entry of a refused cross-site request: ${(error as Error)?.message ?? error}`);
  }
  throw data<Refusal>({ refusal: "cross-site" }, { status: 403, statusText: "Forbidden", headers: { "Cache-Control": "no-store" } });
}
