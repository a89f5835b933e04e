// Is a state-changing request (POST, PUT, PATCH, DELETE) from another site? (docs/decisions/015-security-headers-and-limits.md)
//
// Browsers say where a request comes from: every POST carries Origin (the sending page's scheme and
// host, or "null" from a sandboxed frame or after a redirect across sites), and modern ones also
// Sec-Fetch-Site. A request is OmaKoulu's own when its Origin's host is the host it was sent to (the
// Host header, or the proxy's X-Forwarded-Host when TRUST_PROXY says to believe it) or PUBLIC_URL's.
// A request without either header comes from no browser (curl, the tests, a monitoring probe): the
// session cookie is SameSite=Lax and such a client holds its own cookies, so it cannot act for
// someone else, and it is let through, as Remix itself does.
// Plain TypeScript: app/server/index.ts applies it to Express's requests, tests call it directly.

export const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface RequestFacts {
  method: string;
  /** The Origin header, if any. */
  origin: string | undefined;
  /** The Sec-Fetch-Site header, if any. */
  fetchSite: string | undefined;
  /** The host the request was sent to (host[:port]). */
  host: string | undefined;
  /** PUBLIC_URL's origin, when set. */
  publicOrigin: string | undefined;
}

export type CrossSite = {
  /** The other site's origin as the browser gave it ("null" for an opaque one), or "unknown". */
  from: string;
};

/** The refusal of a request from another site, or null when the request may go on. */
export function crossSiteRequest(facts: RequestFacts): CrossSite | null {
  if (!STATE_CHANGING.has(facts.method.toUpperCase())) return null;
  const origin = facts.origin?.trim();
  if (origin) {
    if (origin === "null") return { from: "null" };
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return { from: "unknown" };
    }
    if (facts.host && url.host.toLowerCase() === facts.host.toLowerCase()) return null;
    if (facts.publicOrigin && url.origin === facts.publicOrigin) return null;
    return { from: url.origin };
  }
  // No Origin (older browsers on some requests): Sec-Fetch-Site tells; "none" is the user's own action
  // (typed address, bookmark), "same-origin" this site.
  const site = facts.fetchSite?.trim().toLowerCase();
  if (site === "cross-site" || site === "same-site") return { from: "unknown" };
  return null;
}
