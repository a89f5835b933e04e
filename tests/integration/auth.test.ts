// Sign-in and sign-out for every role, malformed input, broken or expired session cookies, and
// rotation of SESSION_SECRET.
import { createCookie } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACCOUNTS,
  Client,
  expectNoStackTrace,
  GENEROUS_SIGNIN_LIMITS,
  LANG_COOKIE,
  pageText,
  PUPILS,
  removeDatabase,
  seedDemo,
  SESSION_COOKIE,
  showServerLogsOnFailure,
  startServer,
  tmpDatabase,
  setupServer,
  type TestServer,
} from "./harness";

const INVALID_CREDENTIALS_FI = "Sähköpostiosoite tai salasana on väärin";

/** The session id inside a signed cookie value. */
async function sessionIdOf(cookieValue: string, secret: string): Promise<string> {
  const id: unknown = await createCookie(SESSION_COOKIE, { secrets: [secret] }).parse(`${SESSION_COOKIE}=${cookieValue}`);
  if (typeof id !== "string" || !id) throw new Error("the cookie does not verify with that secret");
  return id;
}

/** A session cookie value for `sessionId`, signed with `secret`. */
async function signedCookieValue(sessionId: string, secret: string): Promise<string> {
  const header = await createCookie(SESSION_COOKIE, { secrets: [secret] }).serialize(sessionId);
  const pair = header.split(";")[0] ?? "";
  return pair.slice(pair.indexOf("=") + 1);
}

function expectSignInRedirect(res: { status: number; location: string | null }, back = "/account", expired = true) {
  expect(res.status).toBe(302);
  const location = new URL(res.location ?? "", "http://x");
  expect(location.pathname).toBe("/login");
  expect(location.searchParams.get("redirectTo")).toBe(back);
  expect(location.searchParams.get("expired")).toBe(expired ? "1" : null);
}

const SECRET = "auth-test-secret-0123456789";
// Generous limits: this file is about sign-in itself, rate-limit.test.ts about the limits.
const server = setupServer({ label: "auth", sessionSecret: SECRET, ...GENEROUS_SIGNIN_LIMITS });

describe("sign-in and sign-out", () => {
  const roles = [
    ["admin", ACCOUNTS.admin],
    ["coordinator", ACCOUNTS.coordinator],
    ["staff", ACCOUNTS.staff],
    ["Swedish-language staff", ACCOUNTS.staffSv],
  ] as const;

  for (const [role, account] of roles) {
    it(`${role} signs in with email and password and signs out`, async () => {
      const client = server.client();
      const anonymous = await client.get("/account");
      expectSignInRedirect(anonymous, "/account", false);

      const res = await client.signIn(account);
      expect(res.location).toBe("/account");
      const setCookie = res.setCookies.get(SESSION_COOKIE) ?? "";
      expect(setCookie).toMatch(/;\s*HttpOnly/i);
      expect(setCookie).toMatch(/;\s*Secure/i);
      expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
      expect(setCookie).toMatch(/;\s*Path=\//i);

      const account1 = await client.get("/account");
      expect(account1.status).toBe(200);
      expect(pageText(account1.body)).toContain(account.email);

      // A signed-in user who opens the sign-in page goes on to their account.
      const loginPage = await client.get("/login");
      expect(loginPage.status).toBe(302);
      expect(loginPage.location).toBe("/account");

      const cookieBefore = client.cookies.get(SESSION_COOKIE) ?? "";
      const out = await client.post("/logout", {});
      expect(out.status).toBe(302);
      expect(out.location).toBe("/login?signedOut=1");
      expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
      expect(await client.get("/account")).toMatchObject({ status: 302 });

      // The old cookie no longer works either: the session was deleted on the server.
      const replay = new Client(server.baseUrl);
      replay.cookies.set(SESSION_COOKIE, cookieBefore);
      expectSignInRedirect(await replay.get("/account"));
    });
  }

  it("a pupil signs in with a code and signs out", async () => {
    const client = server.client();
    const res = await client.signInWithCode(PUPILS.malmi8);
    expect(res.location).toBe("/account");
    const page = await client.get("/account");
    expect(page.status).toBe(200);
    // Pupils are pseudonymous: the page shows the pseudonym, never the code.
    expect(page.body).not.toContain(PUPILS.malmi8);
    const out = await client.post("/logout", {});
    expect(out.status).toBe(302);
    expect(out.location).toBe("/login?signedOut=1");
    expect((await client.get("/account")).status).toBe(302);
  });

  it("the signed-out page says so", async () => {
    const page = await server.client().get("/login?signedOut=1");
    expect(page.status).toBe(200);
  });

  it("goes back to redirectTo after sign-in, but never to another site", async () => {
    const cases: [string, string][] = [
      ["/schools", "/schools"],
      ["/account?tab=1", "/account?tab=1"],
      ["https://evil.example/", "/account"],
      ["//evil.example/", "/account"],
      ["/\\evil.example", "/account"],
      ["javascript:alert(1)", "/account"],
      ["", "/account"],
    ];
    for (const [redirectTo, expected] of cases) {
      const client = server.client();
      const res = await client.post("/login", { ...ACCOUNTS.coordinator, redirectTo });
      expect(res.status, redirectTo).toBe(302);
      expect(res.location, redirectTo).toBe(expected);
    }
    const signedIn = await server.signedIn(ACCOUNTS.coordinator);
    const res = await signedIn.get(`/login?redirectTo=${encodeURIComponent("//evil.example")}`);
    expect(res.status).toBe(302);
    expect(res.location).toBe("/account");
  });

  it("a wrong password gets 401 with the Finnish message and no session", async () => {
    const client = server.client();
    const res = await client.post("/login", { email: ACCOUNTS.admin.email, password: "Demo-admin-2025" });
    expect(res.status).toBe(401);
    expect(res.headers.get("Content-Type")).toMatch(/text\/html/);
    expect(pageText(res.body)).toContain(INVALID_CREDENTIALS_FI);
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
    // The email is kept in the form, the password never is.
    expect(res.body).toContain(ACCOUNTS.admin.email);
    expect(res.body).not.toContain("Demo-admin-2025");
  });

  it("an unknown email gets the same answer as a wrong password", async () => {
    const res = await server.client().post("/login", { email: "nobody@omakoulu.test", password: "Demo-admin-2026" });
    expect(res.status).toBe(401);
    expect(pageText(res.body)).toContain(INVALID_CREDENTIALS_FI);
  });

  it("email is case-insensitive and trimmed", async () => {
    const client = server.client();
    const res = await client.post("/login", { email: "  Admin@OmaKoulu.TEST ", password: ACCOUNTS.admin.password });
    expect(res.status).toBe(302);
    expect(client.cookies.has(SESSION_COOKIE)).toBe(true);
  });

  it("a pupil code is not a password", async () => {
    const res = await server.client().post("/login", { email: "opettaja@omakoulu.test", password: PUPILS.malmi8 });
    expect(res.status).toBe(401);
  });

  it("malformed sign-in posts get 400, never 500 or a stack trace", async () => {
    const huge = "x".repeat(100_000);
    const cases: [string, string, number][] = [
      ["/login", "", 400],
      ["/login", "password=whatever", 400],
      ["/login", "email=&password=x", 400],
      ["/login", "email=not-an-email&password=x", 400],
      ["/login", `email=${huge}@omakoulu.test&password=x`, 400],
      ["/login", "email=%ZZ%&password=%", 400],
      ["/login/code", "", 400],
      ["/login/code", "code=", 400],
      ["/login/code", "code=abc", 400],
      ["/login/code", "code=DEM0-0000-00011", 400],
      ["/login/code", `code=${huge}`, 400],
      ["/login/code", "code=%ZZ", 400],
    ];
    for (const [path, body, status] of cases) {
      const res = await server.client().post(path, body);
      expect(res.status, `${path} ${body.slice(0, 60)}`).toBe(status);
      expectNoStackTrace(res.body);
    }
    // A huge password is refused like a wrong one (it is never hashed).
    const longPassword = await server.client().post("/login", { email: ACCOUNTS.admin.email, password: huge });
    expect([400, 401]).toContain(longPassword.status);
    expectNoStackTrace(longPassword.body);
    // Repeated fields, an unknown school and extra fields do not break anything.
    const odd = await server.client().post("/login/code", `code=${PUPILS.malmi8}&code=x&school=${"9".repeat(500)}&extra=1`);
    expect(odd.status).toBeLessThan(500);
    expectNoStackTrace(odd.body);
  });

  it("odd query strings on GET never give 500 or a stack trace", async () => {
    const paths = [
      "/login?redirectTo=%ZZ",
      "/login?expired=1&expired=x&signedOut=%00",
      "/login/code?school=%00",
      "/login/code?school=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
      `/login/code?school=${"9".repeat(5000)}`,
      "/account?x=%ZZ",
      "/?lang=xx&redirectTo=javascript:alert(1)",
      "/logout?x=1",
      "/language?lang=zz",
    ];
    for (const path of paths) {
      const res = await server.client().get(path);
      expect(res.status, path).toBeLessThan(500);
      expectNoStackTrace(res.body);
      expect(res.body, path).not.toContain("<script>alert(1)</script>");
    }
  });

  it("a sign-in post that is not a form gets 4xx, not 500", async () => {
    for (const [path, type, body] of [
      ["/login", "application/json", JSON.stringify({ email: ACCOUNTS.admin.email, password: "x" })],
      ["/login", "text/plain", "email=x"],
      ["/login/code", "multipart/form-data; boundary=abc", "garbage"],
    ] as const) {
      const res = await server.client().request(path, { method: "POST", body, headers: { "Content-Type": type } });
      expect(res.status, `${path} ${type}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${path} ${type}`).toBeLessThan(500);
      expectNoStackTrace(res.body);
    }
  });

  it("a body over the size limit is refused with 413", async () => {
    const res = await server.client().post("/login", { email: ACCOUNTS.admin.email, password: "x".repeat(1_100_000) });
    expect(res.status).toBe(413);
    expectNoStackTrace(res.body);
  });

  it("a chunked body over the size limit is refused with 413 too", async () => {
    const chunk = new TextEncoder().encode(`password=${"x".repeat(64 * 1024)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2_000_000) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const init = { method: "POST", body, duplex: "half", headers: { "Content-Type": "application/x-www-form-urlencoded" } };
    const res = await fetch(`${server.baseUrl}/login`, init as RequestInit);
    await res.arrayBuffer();
    expect(res.status).toBe(413);
  });

  it("a session cookie with a tampered signature counts as signed out", async () => {
    const client = server.client();
    await client.signIn(ACCOUNTS.staff);
    const value = client.cookies.get(SESSION_COOKIE) ?? "";
    const dot = value.lastIndexOf(".");
    expect(dot).toBeGreaterThan(0);
    const signature = value.slice(dot + 1);
    const flipped = `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    for (const tampered of [`${value.slice(0, dot)}.${flipped}`, value.slice(0, dot), "garbage", `${value}x`]) {
      const other = new Client(server.baseUrl);
      other.cookies.set(SESSION_COOKIE, tampered);
      const res = await other.get("/account");
      expectSignInRedirect(res);
    }
    // The genuine cookie still works.
    expect((await client.get("/account")).status).toBe(200);
  });

  it("a session id signed with an unknown secret is refused", async () => {
    const client = server.client();
    await client.signIn(ACCOUNTS.coordinator);
    const id = await sessionIdOf(client.cookies.get(SESSION_COOKIE) ?? "", SECRET);
    const forged = new Client(server.baseUrl);
    forged.cookies.set(SESSION_COOKIE, await signedCookieValue(id, "some-other-secret"));
    expectSignInRedirect(await forged.get("/account"));
    // ...while the same id signed with the server's secret is the live session.
    const genuine = new Client(server.baseUrl);
    genuine.cookies.set(SESSION_COOKIE, await signedCookieValue(id, SECRET));
    expect((await genuine.get("/account")).status).toBe(200);
  });

  it("an expired session counts as signed out", async () => {
    const client = server.client();
    await client.signIn(ACCOUNTS.admin);
    const id = await sessionIdOf(client.cookies.get(SESSION_COOKIE) ?? "", SECRET);
    const changed = await server.db.prisma.session.updateMany({ where: { id }, data: { expiresAt: new Date("2001-01-01T00:00:00.000Z") } });
    expect(changed.count).toBe(1);
    expectSignInRedirect(await client.get("/account"));
    // The page behind the redirect tells the user why.
    const login = await client.get("/login?redirectTo=%2Faccount&expired=1");
    expect(login.status).toBe(200);
  });

  it("a session with less than half its 8 hours left is extended to 8 hours and its cookie sent again", async () => {
    const client = server.client();
    await client.signIn(ACCOUNTS.staff);
    const id = await sessionIdOf(client.cookies.get(SESSION_COOKIE) ?? "", SECRET);
    const expiry = async () => (await server.db.prisma.session.findUniqueOrThrow({ where: { id } })).expiresAt.getTime();
    const hour = 60 * 60 * 1000;
    // Just signed in: more than half is left, so nothing is written and no cookie is sent.
    const first = await expiry();
    const untouched = await client.get("/account");
    expect(untouched.status).toBe(200);
    expect(untouched.setCookies.has(SESSION_COOKIE)).toBe(false);
    expect(await expiry()).toBe(first);
    // Three hours left: the next request extends it.
    await server.db.prisma.session.updateMany({ where: { id }, data: { expiresAt: new Date(Date.now() + 3 * hour) } });
    const before = Date.now();
    const extended = await client.get("/account");
    expect(extended.status).toBe(200);
    const value = (extended.setCookies.get(SESSION_COOKIE) ?? "").split(";")[0]?.slice(SESSION_COOKIE.length + 1) ?? "";
    expect(await sessionIdOf(value, SECRET)).toBe(id);
    expect(await expiry()).toBeGreaterThanOrEqual(before + 8 * hour - 1000);
    expect(await expiry()).toBeLessThanOrEqual(Date.now() + 8 * hour + 1000);
  });
});

describe("language", () => {
  const htmlLang = (body: string) => /<html[^>]*\blang="([^"]+)"/.exec(body)?.[1];

  it("is Finnish by default and follows Accept-Language on a first visit", async () => {
    for (const [accept, expected] of [
      [undefined, "fi"],
      ["sv-FI", "sv"],
      ["sv-FI,sv;q=0.9,en;q=0.8", "sv"],
      ["en-GB,en;q=0.9", "en"],
      ["de-DE,de;q=0.9", "fi"],
      ["*", "fi"],
      ["sv;q=0.2,en;q=0.5", "en"],
    ] as const) {
      const res = await server.client().get("/", accept ? { "Accept-Language": accept } : {});
      expect(res.status, accept).toBe(200);
      expect(htmlLang(res.body), accept).toBe(expected);
      expect(res.headers.get("Content-Language"), accept).toBe(expected);
    }
  });

  it("POST /language stores the choice in a cookie that wins over Accept-Language", async () => {
    const client = server.client({ headers: { "Accept-Language": "fi-FI" } });
    const res = await client.post("/language", { lang: "sv", redirectTo: "/" });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/");
    expect(res.setCookies.has(LANG_COOKIE)).toBe(true);
    const page = await client.get("/");
    expect(htmlLang(page.body)).toBe("sv");
    expect(page.headers.get("Content-Language")).toBe("sv");

    // Messages follow the language too.
    const wrong = await client.post("/login", { email: ACCOUNTS.admin.email, password: "wrong-password" });
    expect(wrong.status).toBe(401);
    expect(htmlLang(wrong.body)).toBe("sv");
    expect(pageText(wrong.body)).toContain("E-postadressen eller lösenordet är fel");

    const back = await client.post("/language", { lang: "fi", redirectTo: "/login?x=1" });
    expect(back.location).toBe("/login?x=1");
    expect(htmlLang((await client.get("/")).body)).toBe("fi");
  });

  it("ignores unknown languages and foreign redirect targets", async () => {
    const client = server.client();
    const unknown = await client.post("/language", { lang: "de", redirectTo: "/" });
    expect(unknown.status).toBe(302);
    expect(unknown.setCookies.has(LANG_COOKIE)).toBe(false);
    const foreign = await client.post("/language", { lang: "en", redirectTo: "https://evil.example/" });
    expect(foreign.status).toBe(302);
    expect(foreign.location).toBe("/");
    const empty = await client.post("/language", "");
    expect(empty.status).toBe(302);
  });
});

describe("session secret rotation", () => {
  const database = tmpDatabase("rotation");
  const OLD = "rotation-old-secret-0123456789";
  const NEW = "rotation-new-secret-9876543210";
  let oldServer: TestServer | undefined;
  let newServer: TestServer | undefined;
  /** Session cookie values issued by the server that only knew OLD. */
  const issued = { staff: "", pupil: "" };
  showServerLogsOnFailure(() => [oldServer, newServer]);

  // Servers in sequence on one database: the old one issues cookies, then the new one starts.
  beforeAll(async () => {
    await seedDemo(database);
    oldServer = await startServer({ database, sessionSecret: OLD });
    const staff = await oldServer.signedIn(ACCOUNTS.staff);
    const pupil = await oldServer.signedInPupil(PUPILS.topelius9);
    issued.staff = staff.cookies.get(SESSION_COOKIE) ?? "";
    issued.pupil = pupil.cookies.get(SESSION_COOKIE) ?? "";
    await oldServer.stop();
    newServer = await startServer({ database, sessionSecret: `${NEW},${OLD}` });
  });
  afterAll(async () => {
    await oldServer?.stop();
    await newServer?.stop();
    removeDatabase(database);
  });

  function onNewServer(cookieValue: string): Client {
    if (!newServer) throw new Error("server not started");
    const client = new Client(newServer.baseUrl);
    client.cookies.set(SESSION_COOKIE, cookieValue);
    return client;
  }

  it("a server with SESSION_SECRET=new,old accepts cookies signed with the old secret", async () => {
    for (const cookie of [issued.staff, issued.pupil]) {
      expect(cookie).not.toBe("");
      expect((await onNewServer(cookie).get("/account")).status).toBe(200);
    }
  });

  it("a cookie signed with the old secret is re-signed with the new one", async () => {
    const res = await onNewServer(issued.pupil).get("/account");
    expect(res.status).toBe(200);
    const setCookie = res.setCookies.get(SESSION_COOKIE);
    expect(setCookie).toBeDefined();
    const value = (setCookie ?? "").split(";")[0]?.slice(SESSION_COOKIE.length + 1) ?? "";
    expect(await sessionIdOf(value, NEW)).toBe(await sessionIdOf(issued.pupil, OLD));
  });

  it("new sessions are signed with the first secret", async () => {
    const fresh = onNewServer("");
    fresh.cookies.clear();
    await fresh.signIn(ACCOUNTS.admin);
    const value = fresh.cookies.get(SESSION_COOKIE) ?? "";
    expect(await sessionIdOf(value, NEW)).toBeTruthy();
    await expect(sessionIdOf(value, OLD)).rejects.toThrow();
    expect((await fresh.get("/account")).status).toBe(200);
  });

  it("a cookie signed with a secret the server does not know is refused, even for a live session", async () => {
    const liveId = await sessionIdOf(issued.staff, OLD);
    expectSignInRedirect(await onNewServer(await signedCookieValue(liveId, "not-a-secret-of-this-server")).get("/account"));
    // The same session id, re-signed with the new secret, is accepted.
    expect((await onNewServer(await signedCookieValue(liveId, NEW)).get("/account")).status).toBe(200);
  });
});
