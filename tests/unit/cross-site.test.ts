// Which state-changing requests come from another site (app/server/cross-site.ts).
import { describe, expect, it } from "vitest";
import { crossSiteRequest, type RequestFacts } from "~/server/cross-site";

const base: RequestFacts = { method: "POST", origin: undefined, fetchSite: undefined, host: "omakoulu.hel.fi", publicOrigin: undefined };
const check = (facts: Partial<RequestFacts>) => crossSiteRequest({ ...base, ...facts });

describe("crossSiteRequest", () => {
  it("lets through a form from the same host, whatever the scheme a proxy in front changed", () => {
    expect(check({ origin: "https://omakoulu.hel.fi" })).toBeNull();
    expect(check({ origin: "http://omakoulu.hel.fi" })).toBeNull();
    expect(check({ origin: "https://OmaKoulu.hel.fi", host: "omakoulu.hel.fi" })).toBeNull();
    expect(check({ origin: "http://localhost:3000", host: "localhost:3000", fetchSite: "same-origin" })).toBeNull();
  });

  it("refuses another host, another port, a look-alike and an opaque origin, naming where it came from", () => {
    expect(check({ origin: "https://evil.example" })).toEqual({ from: "https://evil.example" });
    expect(check({ origin: "https://omakoulu.hel.fi.evil.example" })).toEqual({ from: "https://omakoulu.hel.fi.evil.example" });
    expect(check({ origin: "https://hel.fi" })).toEqual({ from: "https://hel.fi" });
    expect(check({ origin: "http://localhost:3001", host: "localhost:3000" })).toEqual({ from: "http://localhost:3001" });
    expect(check({ origin: "null" })).toEqual({ from: "null" });
    expect(check({ origin: "not a url" })).toEqual({ from: "unknown" });
  });

  it("accepts PUBLIC_URL's origin exactly (scheme, host and port)", () => {
    const publicOrigin = "https://omakoulu.hel.fi";
    expect(check({ origin: "https://omakoulu.hel.fi", host: "10.0.0.5:3000", publicOrigin })).toBeNull();
    expect(check({ origin: "http://omakoulu.hel.fi", host: "10.0.0.5:3000", publicOrigin })).toEqual({ from: "http://omakoulu.hel.fi" });
  });

  it("without Origin, believes Sec-Fetch-Site: another site or a sibling subdomain is refused; the user's own navigation is not", () => {
    expect(check({ fetchSite: "cross-site" })).toEqual({ from: "unknown" });
    expect(check({ fetchSite: "same-site" })).toEqual({ from: "unknown" });
    expect(check({ fetchSite: "same-origin" })).toBeNull();
    expect(check({ fetchSite: "none" })).toBeNull();
    // No browser at all (curl, the tests, a probe): nothing to go on, and no one else's cookies.
    expect(check({})).toBeNull();
  });

  it("only state-changing methods are checked", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(check({ method, origin: "https://evil.example" })).toBeNull();
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) expect(check({ method, origin: "https://evil.example" })).not.toBeNull();
  });
});
