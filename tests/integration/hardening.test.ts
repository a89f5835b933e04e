// Issue 13's hardening through real HTTP against the built server: the security headers and the
// nonce of the page's scripts, forms from another site refused with a 403 and an audit entry, and
// the tiers of rate limits with their translated 429 pages (app/server/security-headers.server.ts,
// cross-site.ts, route-guards.server.ts; docs/decisions/015-security-headers-and-limits.md).
import { describe, expect, it } from "vitest";
import { ACCOUNTS, DEMO_ROUNDS, GENEROUS_SIGNIN_LIMITS, pageText, PUPILS, setupServer, type Client, type HttpResponse } from "./harness";

const ROUND: string = DEMO_ROUNDS.current;
const EVIL = "https://evil.example";

// Small limits, so that each tier is reached in a few requests; an address gets twice a session's.
const server = setupServer({
  label: "hardening",
  ...GENEROUS_SIGNIN_LIMITS,
  env: {
    BALLOT_MIX_BATCH: "1000000",
    RATE_LIMIT_VOTE: "3/10m",
    RATE_LIMIT_RECEIPT: "2/10m",
    RATE_LIMIT_PROPOSAL: "2/1h",
    RATE_LIMIT_EXPORT: "2/10m",
    RATE_LIMIT_WRITE: "off",
    RATE_LIMIT_ADDRESS_FACTOR: "2",
    PUBLIC_URL: "https://omakoulu.example",
  },
});

function cspOf(res: HttpResponse): Map<string, string> {
  const header = res.headers.get("content-security-policy") ?? "";
  return new Map(
    header
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(" ")[0] as string, d.slice(d.indexOf(" ") + 1)] as const),
  );
}

const auditRows = (action: string) => server.db.prisma.auditLog.findMany({ where: { action }, orderBy: { at: "asc" } });

describe("security headers", () => {
  it("every page carries a strict policy whose fresh nonce is on each of its scripts, and nothing else may run", async () => {
    const client = server.client();
    const first = await client.get("/");
    const second = await client.get("/login");
    for (const res of [first, second]) {
      expect(res.status).toBe(200);
      const csp = cspOf(res);
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp.get("script-src") ?? "")?.[1];
      expect(nonce, csp.get("script-src")).toBeTruthy();
      expect(csp.get("script-src")).toBe(`'self' 'nonce-${nonce}'`);
      expect(csp.get("style-src")).toBe(`'self' 'nonce-${nonce}'`);
      expect(csp.get("default-src")).toBe("'self'");
      expect(csp.get("object-src")).toBe("'none'");
      expect(csp.get("base-uri")).toBe("'none'");
      expect(csp.get("frame-ancestors")).toBe("'none'");
      expect(csp.get("form-action")).toBe("'self'");
      // Every script element that runs carries the nonce (the JSON data block needs none).
      const scripts = [...res.body.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] as string);
      const running = scripts.filter((attrs) => !/type="application\/json"/.test(attrs));
      expect(running.length).toBeGreaterThan(0);
      for (const attrs of running) expect(attrs).toContain(`nonce="${nonce}"`);
      expect(res.body).toContain(`<meta name="csp-nonce" nonce="${nonce}"/>`);
      expect(res.body).not.toMatch(/<[a-z]+[^>]* style="/);
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
    }
    expect(cspOf(first).get("script-src")).not.toBe(cspOf(second).get("script-src"));
  });

  it("Strict-Transport-Security and upgrade-insecure-requests only on requests that came over HTTPS", async () => {
    const plain = await server.client().get("/");
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    expect(cspOf(plain).has("upgrade-insecure-requests")).toBe(false);
    // The test server trusts its loopback proxy (TRUST_PROXY=loopback), as a deployment behind TLS would.
    const secure = await server.client().get("/", { "X-Forwarded-Proto": "https" });
    expect(secure.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(cspOf(secure).has("upgrade-insecure-requests")).toBe(true);
  });

  it("files, errors and downloads carry the headers too", async () => {
    const client = server.client();
    const page = await client.get("/");
    const script = /<script[^>]+src="(\/build\/[^"]+\.js)"/.exec(page.body)?.[1] ?? /href="(\/build\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeTruthy();
    for (const res of [await client.get(script as string), await client.get("/no-such-page"), await client.get("/healthz")]) {
      expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});

describe("forms from another site", () => {
  async function pupil(code: string): Promise<Client> {
    return server.signedInPupil(code);
  }

  it("a cast sent from another site is refused with 403 in the pupil's language, logged, and stores nothing", async () => {
    const client = await pupil(PUPILS.topelius9);
    const [project] = await server.db.roundProjects(ROUND, "keskinen");
    const before = await server.db.voteCounts();
    const auditBefore = (await auditRows("request.cross-site")).length;
    client.setLanguage("sv");
    const res = await client.post("/vote", new URLSearchParams({ intent: "cast", "pick:keskinen": project?.id ?? "" }), { Origin: EVIL });
    expect(res.status).toBe(403);
    const text = pageText(res.body);
    expect(text).toContain("Formuläret skickades från en annan webbplats");
    expect(text).toContain("öppna OmaKoulu själv");
    expect(await server.db.voteCounts()).toEqual(before);
    const rows = await auditRows("request.cross-site");
    expect(rows.length).toBe(auditBefore + 1);
    const row = rows.at(-1);
    expect(row?.actorId).toBeNull();
    expect(row?.subjectType).toBe("request");
    expect(JSON.parse(row?.detail ?? "{}")).toEqual({ method: "POST", path: "/vote", route: "routes/vote._index", from: EVIL });
  });

  it("the same form from OmaKoulu itself, or from PUBLIC_URL, is not refused", async () => {
    const client = await pupil(PUPILS.malmiLukio11);
    const own = await client.post("/vote/check", { receipt: "not-a-receipt" }, { Origin: server.baseUrl, "Sec-Fetch-Site": "same-origin" });
    expect(own.status).toBe(400);
    const published = await client.post("/vote/check", { receipt: "not-a-receipt" }, { Origin: "https://omakoulu.example" });
    expect(published.status).toBe(400);
  });

  it("an opaque origin, a cross-site Sec-Fetch-Site without Origin, a moderation action and a single-fetch POST are refused too", async () => {
    const staff = await server.signedIn(ACCOUNTS.staff);
    const auditBefore = (await auditRows("request.cross-site")).length;
    const cases: [string, Record<string, string>][] = [
      ["/moderation/anything", { Origin: "null" }],
      ["/moderation/anything", { "Sec-Fetch-Site": "cross-site" }],
      ["/moderation/anything", { "Sec-Fetch-Site": "same-site" }],
      ["/moderation/anything.data", { Origin: EVIL }],
      ["/language", { Origin: "http://127.0.0.1.evil.example" }],
    ];
    for (const [path, headers] of cases) {
      const res = await staff.post(path, { intent: "approve" }, headers);
      expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
    }
    const rows = (await auditRows("request.cross-site")).slice(auditBefore);
    expect(rows.map((r) => JSON.parse(r.detail).path)).toEqual(["/moderation/anything", "/moderation/anything", "/moderation/anything", "/moderation/anything", "/language"]);
    expect(rows.map((r) => JSON.parse(r.detail).from)).toEqual(["null", "unknown", "unknown", EVIL, "http://127.0.0.1.evil.example"]);
  });

  it("a route without an action still refuses a cross-site POST with 403, and answers 405 otherwise; no 500 anywhere", async () => {
    const client = server.client();
    expect((await client.post("/healthz", {}, { Origin: EVIL })).status).toBe(403);
    expect((await client.post("/healthz", {})).status).toBe(405);
    expect((await client.post("/projects", {}, { Origin: EVIL })).status).toBe(403);
    expect((await client.post("/projects", {}, { Origin: server.baseUrl })).status).toBe(405);
    expect(server.logs()).not.toMatch(/does not match `origin` header/);
  });

  it("a request without Origin or Sec-Fetch-Site (no browser: curl, a probe) goes through", async () => {
    const res = await server.client().post("/language", { lang: "en", redirectTo: "/" });
    expect(res.status).toBe(302);
  });
});

describe("rate limits by tier", () => {
  const RETRY = (res: HttpResponse) => Number(res.headers.get("retry-after"));

  it("receipt checks: a signed-in pupil gets 2 per window, then 429 with the translated page; others are not affected", async () => {
    const client = await server.signedInPupil(PUPILS.malmi8, { ip: "10.1.0.1" });
    for (let i = 0; i < 2; i++) expect((await client.post("/vote/check", { receipt: "nope" })).status).toBe(400);
    client.setLanguage("en");
    const refused = await client.post("/vote/check", { receipt: "nope" });
    expect(refused.status).toBe(429);
    expect(RETRY(refused)).toBeGreaterThan(500);
    expect(RETRY(refused)).toBeLessThanOrEqual(600);
    expect(pageText(refused.body)).toContain("Too many requests");
    expect(pageText(refused.body)).toMatch(/Too many receipt checks have come from here in a short while\. Wait 10 minutes and check again\./);
    // Another pupil on the same address has their own count.
    const other = await server.signedInPupil(PUPILS.topelius9, { ip: "10.1.0.1" });
    expect((await other.post("/vote/check", { receipt: "nope" })).status).toBe(400);
  });

  it("without a session, an address gets the factor (2) times the tier's limit; another address has its own", async () => {
    const anonymous = server.client({ ip: "10.1.0.2" });
    for (let i = 0; i < 4; i++) expect((await anonymous.post("/vote/check", { receipt: "nope" })).status).toBe(400);
    anonymous.setLanguage("fi");
    const refused = await anonymous.post("/vote/check", { receipt: "nope" });
    expect(refused.status).toBe(429);
    expect(pageText(refused.body)).toContain("Liian monta pyyntöä");
    expect(pageText(refused.body)).toMatch(/Täältä on tarkistettu liian monta kuittia lyhyessä ajassa\. Odota 10 minuuttia/);
    expect((await server.client({ ip: "10.1.0.3" }).post("/vote/check", { receipt: "nope" })).status).toBe(400);
    // The JavaScript version of the form (single fetch) is refused the same way.
    expect((await anonymous.post("/vote/check.data", { receipt: "nope" })).status).toBe(429);
  });

  it("ideas: the third in the hour is not saved and the page says so in Swedish", async () => {
    // A pupil of the school round, which is taking ideas.
    const client = await server.signedInPupil(PUPILS.schoolRound8, { ip: "10.1.0.4" });
    const idea = (n: number) => ({ intent: "submit", title: `Rate limit idea ${n}`, description: "A bench by the football field for the pupils who wait.", area: "koillinen", sector: "basic" });
    for (const n of [1, 2]) expect((await client.post("/ideas/new", idea(n))).status).toBe(302);
    const count = await server.db.prisma.proposal.count({ where: { title: { startsWith: "Rate limit idea" } } });
    client.setLanguage("sv");
    const refused = await client.post("/ideas/new", idea(3));
    expect(refused.status).toBe(429);
    expect(pageText(refused.body)).toMatch(/Du har skickat många idéer på kort tid, så den här sparades inte\. Vänta 60 minuter/);
    expect(await server.db.prisma.proposal.count({ where: { title: { startsWith: "Rate limit idea" } } })).toBe(count);
  });

  it("votes: the fourth cast within the window is refused and the third ballot stands", async () => {
    const client = await server.signedInPupil(PUPILS.malmi8, { ip: "10.1.0.5" });
    const projects = await server.db.roundProjects(ROUND, "koillinen");
    const picks = (i: number) => new URLSearchParams({ intent: "cast", "pick:koillinen": projects[i]?.id ?? "" });
    for (const i of [0, 1, 2]) {
      const res = await client.post("/vote", picks(i));
      expect(res.status, pageText(res.body).slice(0, 300)).toBe(302);
    }
    const before = await server.db.voteCounts();
    const refused = await client.post("/vote", picks(3));
    expect(refused.status).toBe(429);
    expect(pageText(refused.body)).toMatch(/Olet lähettänyt äänesi monta kertaa lyhyessä ajassa\. Viimeisin tallennettu äänesi on voimassa\./);
    expect(await server.db.voteCounts()).toEqual(before);
  });

  it("exports: downloads of the turnout and of the audit log share one count", async () => {
    const coordinator = await server.signedIn(ACCOUNTS.coordinator, { ip: "10.1.0.6" });
    expect((await coordinator.get(`/turnout/export?round=${ROUND}&by=type,language&format=csv`)).status).toBe(200);
    expect((await coordinator.get("/audit.csv")).status).toBe(200);
    const refused = await coordinator.get("/audit.csv");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toContain("text/html");
    expect(pageText(refused.body)).toMatch(/Olet ladannut monta tiedostoa lyhyessä ajassa/);
    expect((await coordinator.get(`/turnout/export?round=${ROUND}&by=type,language&format=json`)).status).toBe(429);
    // Pages are never limited, and another person's session (the admin, same address) has its own count.
    expect((await coordinator.get("/audit")).status).toBe(200);
    const admin = await server.signedIn(ACCOUNTS.admin, { ip: "10.1.0.6" });
    expect((await admin.get("/audit.csv")).status).toBe(200);
  });

  it("a tier set to off counts nothing (RATE_LIMIT_WRITE=off here)", async () => {
    const client = server.client({ ip: "10.1.0.7" });
    for (let i = 0; i < 30; i++) expect((await client.post("/language", { lang: i % 2 ? "fi" : "sv", redirectTo: "/" })).status).toBe(302);
  });
});
