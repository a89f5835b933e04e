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
import { sessionIdInCookie } from "~/features/access/sessions.server";
import { i18nFor } from "~/shared/i18n/strings.server";
import { minutesToWait, type Refusal } from "~/shared/refusal";
import { appendAudit } from "./audit.server";
import { db } from "./db.server";
import { env } from "./env.server";
import { getLocale } from "./locale.server";
import { counterKey, ensureRateLimitTable, limiter } from "./rate-limits.server";
import { TIERS, tierOf, type Tier } from "~/shared/rate-limit-tiers";

type Handler = "action" | "loader";

export function guardBuild(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const { action, loader } = route.module;
    // A resource route (a file such as a CSV, no page) cannot show the error page: it answers a small one itself.
    const resource = !route.module.default;
    const actionTier = tierOf(id, "action");
    const loaderTier = tierOf(id, "loader");
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        action: guarded(id, "action", actionTier, resource, action ?? (resource ? noResourceAction : noAction)),
        ...(loader && loaderTier ? { loader: guarded(id, "loader", loaderTier, resource, loader) } : {}),
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

function guarded<F extends ActionFunction | LoaderFunction>(routeId: string, handler: Handler, tier: Tier | null, resource: boolean, run: F): F {
  return (async (args: Parameters<F>[0]) => {
    try {
      if (tier) await limit(tier, args.request, args.context);
      if (handler === "action" && args.context.crossSite) await refuseCrossSite(routeId, args.request, args.context.crossSite.from);
    } catch (refusal) {
      if (resource && refusal instanceof Refused) return refusalPage(refusal);
      if (refusal instanceof Refused) throw data<Refusal>(refusal.body, { status: refusal.status, headers: refusal.headers });
      throw refusal;
    }
    return run(args);
  }) as F;
}

/** A refusal on its way out: thrown to the root's error page, or answered as a small page by a resource route. */
class Refused {
  constructor(
    readonly status: 403 | 429,
    readonly body: Refusal,
    readonly headers: Record<string, string>,
  ) {}
}

/** The refusal as a small page in the user's language, for a route that has no page of its own. */
function refusalPage(refused: Refused): Response {
  const { t } = i18nFor(refused.body.locale);
  const body = refused.body;
  const [title, message] =
    body.refusal === "cross-site"
      ? [t("errors.crossSiteTitle"), t("errors.crossSite")]
      : [t("errors.tooManyTitle"), t(`errors.tooMany.${body.tier}`, { count: minutesToWait(body.retryAfterSeconds) })];
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const html = `<!DOCTYPE html>
<html lang="${body.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} – OmaKoulu</title></head>
<body><main><h1>${escape(title)}</h1><p>${escape(message)}</p><p><a href="/">${escape(t("app.home"))}</a></p></main></body></html>`;
  return new Response(html, { status: refused.status, headers: { ...refused.headers, "Content-Type": "text/html; charset=utf-8", "Content-Language": body.locale } });
}

/** Each tier's two limiters: per session, and per address (ADDRESS_FACTOR times more) for requests without one. */
type TierLimiters = { session: RateLimiterAbstract; address: RateLimiterAbstract };
let limiters: Map<Tier, TierLimiters> | null = null;

function limitersOf(tier: Tier): TierLimiters | null {
  limiters ??= new Map(
    TIERS.flatMap((t) => {
      const limit = env().rateLimits[t];
      if (!limit) return [];
      const points = limit.points;
      const duration = limit.seconds;
      return [
        [
          t,
          {
            session: limiter({ keyPrefix: `tier-${t}-session`, points, duration }),
            address: limiter({ keyPrefix: `tier-${t}-address`, points: points * env().rateLimitAddressFactor, duration }),
          },
        ] as const,
      ];
    }),
  );
  return limiters.get(tier) ?? null;
}

async function limit(tier: Tier, request: Request, context: AppLoadContext): Promise<void> {
  const counters = limitersOf(tier);
  if (!counters) return;
  await ensureRateLimitTable();
  // A request counts for its signed-in session when the cookie's signature holds, else for its address.
  // (Only the signature is checked: whether the cookie needs re-signing is the session's business, not the count's.)
  const sessionId = await sessionIdInCookie(request);
  try {
    if (sessionId) await counters.session.consume(counterKey(`session:${sessionId}`));
    else await counters.address.consume(counterKey(`ip:${context.clientIp}`));
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) {
      // The counters could not be reached at all (not even the memory fallback): let the request through.
      console.error(`Rate limits: tier ${tier} could not count (${(rejection as Error)?.message ?? rejection})`);
      return;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    const locale = await getLocale(request);
    throw new Refused(429, { refusal: "rate-limit", tier, retryAfterSeconds, locale }, { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" });
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
  throw new Refused(403, { refusal: "cross-site", locale: await getLocale(request) }, { "Cache-Control": "no-store" });
}
