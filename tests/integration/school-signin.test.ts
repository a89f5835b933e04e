// Sign-in with the school account (issue 9, docs/mpassid.md) through the built server and the real
// test OpenID provider (tests/support/idp.ts): what each fixture person gets, the translated problem
// pages (fi, sv, en) and that a refusal writes nothing, pupils' accounts keyed by an HMAC and never
// by the learner id, the school choice of a pupil with two schools, the protocol checks (transaction
// cookie, state, replayed codes), a code and a school account counting as one pupil, the admin's
// switch for staff sign-in, where the pupil is sent afterwards, and a provider that is down.
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import { createCookie } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import accessStrings from "~/features/access/strings";
import { MPASSID_CLAIMS as C } from "~/features/access/mpass";
import { catalogues } from "~/shared/i18n";
import { withSqlite } from "../support/fixtures";
import { FIXTURE_PEOPLE, fixturePerson } from "../support/idp-people";
import { signInAtProvider } from "../support/idp-browser";
import {
  CALLBACK_PATH,
  IDENTITY_SECRET,
  callbackFor,
  schoolAccountSetup,
  signInWithSchoolAccount,
  signInWithSchoolAccountFrom,
  startSchoolSignIn,
} from "../support/school-account";
import {
  ACCOUNTS,
  DEMO_ROUNDS,
  freePort,
  GENEROUS_SIGNIN_LIMITS,
  onPostgres,
  pageText,
  SESSION_COOKIE,
  setupServer,
  startServer,
  type Client,
  type HttpResponse,
  type Lang,
  type TestServer,
} from "./harness";

const ROUND: string = DEMO_ROUNDS.current;
/** Our own session secret, so that a test can sign a transaction cookie as the server would (transaction-expired). */
const SESSION_SECRET = "school-signin-test-session-secret-0123456789abcdef";
const TRANSACTION_COOKIE = "omakoulu_oidc";
const CHOICE_COOKIE = "omakoulu_school_choice";

const provider = schoolAccountSetup({ label: "school-signin", sessionSecret: SESSION_SECRET, ...GENEROUS_SIGNIN_LIMITS });
const server = setupServer(provider.serverOptions);

// ---- expectations --------------------------------------------------------------------------------

type Problem = keyof typeof accessStrings.en.schoolSignIn.problems;
const texts = (lang: Lang) => accessStrings[lang].schoolSignIn;
const problemTitle = (problem: Problem, lang: Lang) => texts(lang).problems[problem].title;

/** The page's main heading as the user reads it. */
function heading(html: string): string {
  const match = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html);
  return match ? pageText(match[1] as string).trim() : "";
}

const claim = (person: string, name: string) => String(fixturePerson(person).claims[name]);
const hmac = (text: string) => createHmac("sha256", IDENTITY_SECRET).update(text).digest("hex");
/** `User.identityKey` of a pupil, as docs/mpassid.md defines it. */
const learnerKey = (person: string) => hmac(`learner:${claim(person, C.learnerId)}`);
/** `User.identityKey` of a staff member. */
const staffKey = (person: string) => hmac(`staff:${provider.idp().issuer}:${claim(person, C.uid)}`);

interface Counts {
  users: number;
  sessions: number;
  audit: number;
  staffSchools: number;
  participations: number;
  linkedCodes: number;
}

async function counts(): Promise<Counts> {
  const p = server.db.prisma;
  const [users, sessions, audit, staffSchools, participations, linkedCodes] = await Promise.all([
    p.user.count(),
    p.session.count(),
    p.auditLog.count(),
    p.staffSchool.count(),
    p.participation.count(),
    p.user.count({ where: { personId: { not: null } } }),
  ]);
  return { users, sessions, audit, staffSchools, participations, linkedCodes };
}

/** How many times the server logged this refusal. */
function refusalsLogged(problem: Problem, logs = server.logs()): number {
  return logs.match(new RegExp(`school sign-in refused: ${problem}(?![\\w-])`, "g"))?.length ?? 0;
}

/**
 * `attempt` ends on the translated problem page of `problem` with `status`: no session, not one
 * row written (users, sessions, audit log, staff schools, participations, links), one log line.
 */
async function expectRefused(attempt: () => Promise<HttpResponse>, problem: Problem, status: number, lang: Lang = "fi", logLines = 1): Promise<HttpResponse> {
  const before = await counts();
  const logged = refusalsLogged(problem);
  const res = await attempt();
  expect(res.status, pageText(res.body).slice(0, 500)).toBe(status);
  expect(heading(res.body)).toBe(problemTitle(problem, lang));
  const text = pageText(res.body);
  expect(text).toContain(texts(lang).problemLead);
  expect(text).toContain(texts(lang).nothingSaved);
  expect(res.setCookies.has(SESSION_COOKIE), "a refusal starts no session").toBe(false);
  expect(await counts()).toEqual(before);
  await expect.poll(() => refusalsLogged(problem), { timeout: 3_000 }).toBe(logged + logLines);
  return res;
}

/** The pupil `person` was signed in: their account, school, class level and round, and /account shows it. */
async function expectPupil(client: Client, res: HttpResponse, person: string, expected: { school: string; classLevel: number; location?: string }) {
  expect(res.status, pageText(res.body).slice(0, 500)).toBe(302);
  expect(res.location).toBe(expected.location ?? "/account");
  expect(res.setCookies.has(SESSION_COOKIE)).toBe(true);
  const user = await server.db.prisma.user.findUniqueOrThrow({ where: { identityKey: learnerKey(person) }, include: { school: true, round: true } });
  expect(user).toMatchObject({ role: "pupil", classLevel: expected.classLevel, email: null, passwordHash: null, codeHash: null, personId: null, disabledAt: null });
  expect(user.identityKey).toMatch(/^[0-9a-f]{64}$/);
  expect(user.school?.code).toBe(expected.school);
  expect(user.round?.slug).toBe(ROUND);
  // A pseudonym: the class level and four random characters, nothing of the name.
  expect(user.displayName).toMatch(new RegExp(`^${expected.classLevel}-[0-9A-Z]{4}$`));
  const account = await client.get("/account");
  expect(account.status).toBe(200);
  const text = pageText(account.body);
  expect(text).toContain(user.displayName);
  expect([user.school?.nameFi, user.school?.nameSv].some((name) => name && text.includes(name)), text.slice(0, 600)).toBe(true);
  return user;
}

/** The link of the school-account button that /account offers a code pupil ("Onko sinulla myös koulun tunnus?"), or null. */
async function linkOnAccountPage(client: Client): Promise<string | null> {
  const page = await client.get("/account");
  expect(page.status).toBe(200);
  // The rendered page only: its strings also travel, as data, in a script.
  const html = page.body.replace(/<script[\s\S]*?<\/script>/g, "");
  const at = html.indexOf(texts("fi").linkTitle);
  if (at < 0) return null;
  const href = /href="(\/login\/school[^"]*)"/.exec(html.slice(at))?.[1];
  expect(href, "the school-account button under the link heading").toBeTruthy();
  return (href as string).replace(/&amp;/g, "&");
}

async function projectIn(area: string, index = 0): Promise<string> {
  const project = (await server.db.roundProjects(ROUND, area))[index];
  if (!project) throw new Error(`no project ${index} in ${area}`);
  return project.id;
}

async function cast(client: Client, area: string, index = 0): Promise<void> {
  const res = await client.castBallot({ [area]: [await projectIn(area, index)] });
  expect(res.status, pageText(res.body).slice(0, 500)).toBe(302);
  expect(res.location).toBe("/vote/receipt");
}

// ---- who gets in -----------------------------------------------------------------------------------

describe("who signs in with the school account", () => {
  it("the 7B pupil of 00501 gets a pseudonymous pupil account in class 7 of the open round and reaches the ballot", async () => {
    const client = server.client();
    const before = await counts();
    const res = await signInWithSchoolAccount(client, "oppilas-7b");
    const user = await expectPupil(client, res, "oppilas-7b", { school: "00501", classLevel: 7 });
    const after = await counts();
    expect(after.users - before.users).toBe(1);
    expect(after.sessions - before.sessions).toBe(1);
    expect(await server.db.prisma.session.count({ where: { userId: user.id } })).toBe(1);
    expect(await server.db.prisma.auditLog.count({ where: { actorId: user.id, action: "pupil.school-account.created" } })).toBe(1);
    // The transaction cookie is spent with the callback.
    expect(client.cookies.has(TRANSACTION_COOKIE)).toBe(false);
    const vote = await client.get("/vote");
    expect(vote.status).toBe(200);
    expect(vote.body).toContain('name="pick:koillinen"');
  });

  it("signing in again is the same account (one account per person), with a session of its own", async () => {
    const first = await server.db.prisma.user.findUniqueOrThrow({ where: { identityKey: learnerKey("oppilas-7b") } });
    const before = await counts();
    const client = server.client();
    const user = await expectPupil(client, await signInWithSchoolAccount(client, "oppilas-7b"), "oppilas-7b", { school: "00501", classLevel: 7 });
    expect(user.id).toBe(first.id);
    expect(user.displayName).toBe(first.displayName);
    const after = await counts();
    expect(after.users).toBe(before.users);
    expect(after.sessions - before.sessions).toBe(1);
  });

  it("the upper secondary student of a combined school (00104, group 2C, no class level claim) is in class 11", async () => {
    const client = server.client();
    await expectPupil(client, await signInWithSchoolAccount(client, "lukiolainen"), "lukiolainen", { school: "00104", classLevel: 11 });
    expect((await client.get("/vote")).status).toBe(200);
  });

  it("the pupil of the Swedish-language school (00105, class 8) signs in, in Swedish", async () => {
    const client = server.client();
    client.setLanguage("sv");
    await expectPupil(client, await signInWithSchoolAccount(client, "elev-sv"), "elev-sv", { school: "00105", classLevel: 8 });
    const account = await client.get("/account");
    expect(heading(account.body)).toBe("Min sida");
  });

  it("the teacher of 00501 and 00502 gets a staff account for 00501 only (the school an admin switched on), with their name", async () => {
    const client = server.client();
    const res = await signInWithSchoolAccount(client, "opettaja");
    expect(res.status, pageText(res.body).slice(0, 500)).toBe(302);
    expect(res.location).toBe("/account");
    const user = await server.db.prisma.user.findUniqueOrThrow({ where: { identityKey: staffKey("opettaja") }, include: { schools: { include: { school: true } } } });
    expect(user).toMatchObject({ role: "staff", displayName: "Testi Opettaja", email: null, passwordHash: null, schoolId: null, classLevel: null });
    expect(user.schools.map((s) => s.school.code)).toEqual(["00501"]);
    expect((await client.get("/codes")).status).toBe(200);
    expect((await client.get("/moderation")).status).toBe(200);
    expect((await client.get("/schools/00501")).status).toBe(200);
    expect((await client.get("/schools/00502")).status).toBe(403);
    // Never more than staff rights.
    expect((await client.post("/schools/00501", { staffSignIn: "off" })).status).toBe(403);
    const again = server.client();
    expect((await signInWithSchoolAccount(again, "opettaja")).status).toBe(302);
    expect(await server.db.prisma.user.count({ where: { identityKey: staffKey("opettaja") } })).toBe(1);
  });

  const refusals: { person: string; problem: Problem; status: number; lang: Lang }[] = [
    { person: "ulkopuolinen", problem: "unknown-school", status: 403, lang: "fi" },
    { person: "ulkopuolinen", problem: "unknown-school", status: 403, lang: "sv" },
    { person: "ei-koulua", problem: "missing-school", status: 403, lang: "fi" },
    { person: "vanhentunut", problem: "token-expired", status: 401, lang: "fi" },
    { person: "vaara-yleiso", problem: "wrong-audience", status: 401, lang: "en" },
    { person: "cancel", problem: "cancelled", status: 401, lang: "fi" },
    { person: "cancel", problem: "cancelled", status: 401, lang: "en" },
  ];
  it.each(refusals)("$person ($lang) → $status $problem, nothing written", async ({ person, problem, status, lang }) => {
    const client = server.client();
    if (lang !== "fi") client.setLanguage(lang);
    await expectRefused(() => signInWithSchoolAccount(client, person), problem, status, lang);
    expect((await client.get("/account")).status, "not signed in").toBe(302);
  });

  it("a switched-off pupil account is refused (403 account-disabled), nothing written", async () => {
    const key = learnerKey("oppilas-7b");
    if (!(await server.db.prisma.user.findUnique({ where: { identityKey: key } }))) await signInWithSchoolAccount(server.client(), "oppilas-7b");
    await server.db.prisma.user.update({ where: { identityKey: key }, data: { disabledAt: new Date() } });
    try {
      await expectRefused(() => signInWithSchoolAccount(server.client(), "oppilas-7b"), "account-disabled", 403);
    } finally {
      await server.db.prisma.user.update({ where: { identityKey: key }, data: { disabledAt: null } });
    }
  });

  it("a pupil without an account whose class the open rounds do not include is refused (403 class-level-not-eligible), nothing written", async () => {
    // oppilas-7b signed in above; hide that account for a moment (a pupil WITH an account signs in
    // to follow their round instead, see "after the round").
    const existing = await server.db.prisma.user.findUnique({ where: { identityKey: learnerKey("oppilas-7b") } });
    if (existing) await server.db.prisma.user.update({ where: { id: existing.id }, data: { identityKey: null } });
    const rounds = await server.db.prisma.round.findMany({ where: { classLevels: { contains: "7" } }, select: { id: true, classLevels: true } });
    for (const r of rounds) await server.db.prisma.round.update({ where: { id: r.id }, data: { classLevels: r.classLevels.replace(/(^|,)7(?=,|$)/, "$1").replace(/^,/, "") } });
    try {
      await expectRefused(() => signInWithSchoolAccount(server.client(), "oppilas-7b"), "class-level-not-eligible", 403);
    } finally {
      for (const r of rounds) await server.db.prisma.round.update({ where: { id: r.id }, data: { classLevels: r.classLevels } });
      if (existing) await server.db.prisma.user.update({ where: { id: existing.id }, data: { identityKey: existing.identityKey } });
    }
  });
});

// ---- two schools -----------------------------------------------------------------------------------

describe("a pupil with two schools (00301 group 2B and vocational 00304 group SÄH-B)", () => {
  async function toChoice(client: Client, query = ""): Promise<void> {
    const res = await signInWithSchoolAccount(client, "kaksi-koulua", query);
    expect(res.status, pageText(res.body).slice(0, 500)).toBe(302);
    expect(res.location).toBe("/login/school/choose");
    expect(res.setCookies.has(SESSION_COOKIE)).toBe(false);
    expect(client.cookies.has(CHOICE_COOKIE)).toBe(true);
  }

  it("is asked to choose between both schools; nothing is stored before the choice; no choice → 400 with the field's message", async () => {
    const before = await counts();
    const client = server.client();
    await toChoice(client);
    const page = await client.get("/login/school/choose");
    expect(page.status).toBe(200);
    expect(heading(page.body)).toBe(texts("fi").chooseTitle);
    const radios = [...page.body.matchAll(/<input[^>]*type="radio"[^>]*>/g)].map((m) => /value="([^"]*)"/.exec(m[0])?.[1]);
    expect(radios).toEqual(["00301", "00304"]);
    const text = pageText(page.body);
    expect(text).toMatch(/Kallion lukio \(\s*luokka 11\s*\)/);
    expect(text).toMatch(/Stadin ammatti- ja aikuisopisto, Vilhonvuori \(\s*luokka ei tiedossa\s*\)/);
    expect(await counts()).toEqual(before);

    const none = await client.post("/login/school/choose", {});
    expect(none.status).toBe(400);
    expect(pageText(none.body)).toContain("Koulu: valitse yksi kouluistasi.");
    expect(none.setCookies.has(SESSION_COOKIE)).toBe(false);
    expect(await counts()).toEqual(before);
    // The pending choice survives the missing answer: the pupil can still choose.
    expect(client.cookies.has(CHOICE_COOKIE)).toBe(true);
  });

  it("a school that was not offered → 400 school-choice-invalid, nothing written", async () => {
    const client = server.client();
    await toChoice(client);
    await expectRefused(() => client.post("/login/school/choose", { school: "00501" }), "school-choice-invalid", 400);
  });

  it("choosing the vocational school, whose class level is unknown → 403 class-level-unknown, nothing written", async () => {
    const client = server.client();
    await toChoice(client);
    await expectRefused(() => client.post("/login/school/choose", { school: "00304" }), "class-level-unknown", 403);
    expect(await server.db.prisma.user.findUnique({ where: { identityKey: learnerKey("kaksi-koulua") } })).toBeNull();
  });

  it("choosing 00301 → class 11, on to the page asked for; the next sign-in in this round skips the choice", async () => {
    const client = server.client();
    await toChoice(client, "?redirectTo=/vote");
    const res = await client.post("/login/school/choose", { school: "00301" });
    const user = await expectPupil(client, res, "kaksi-koulua", { school: "00301", classLevel: 11, location: "/vote" });
    expect(client.cookies.has(CHOICE_COOKIE)).toBe(false);
    expect((await client.get("/vote")).status).toBe(200);

    const later = server.client();
    const again = await signInWithSchoolAccount(later, "kaksi-koulua");
    const same = await expectPupil(later, again, "kaksi-koulua", { school: "00301", classLevel: 11 });
    expect(same.id).toBe(user.id);
  });

  it("the choice page without a pending sign-in → 400 transaction-missing", async () => {
    // A stale choice page is not logged as a sign-in attempt; a choice posted without one is, once.
    await expectRefused(() => server.client().get("/login/school/choose"), "transaction-missing", 400, "fi", 0);
    await expectRefused(() => server.client().post("/login/school/choose", { school: "00301" }), "transaction-missing", 400, "fi", 1);
  });
});

// ---- protocol -----------------------------------------------------------------------------------------

describe("the transaction, state and replayed callbacks", () => {
  it("the start sends the browser to the provider with state, nonce and PKCE, in a signed 10-minute cookie for /login/school only", async () => {
    const client = server.client();
    const res = await client.get("/login/school");
    expect(res.status).toBe(302);
    const to = new URL(res.location as string);
    expect(to.origin).toBe(provider.idp().issuer);
    expect(to.searchParams.get("client_id")).toBe("omakoulu-test");
    expect(to.searchParams.get("redirect_uri")).toBe(`${server.baseUrl}${CALLBACK_PATH}`);
    expect(to.searchParams.get("code_challenge_method")).toBe("S256");
    for (const name of ["state", "nonce", "code_challenge"]) expect(to.searchParams.get(name)?.length ?? 0).toBeGreaterThanOrEqual(22);
    const cookie = res.setCookies.get(TRANSACTION_COOKIE) ?? "";
    expect(cookie).toMatch(/;\s*Path=\/login\/school(;|$)/i);
    expect(cookie).toMatch(/;\s*Max-Age=600(;|$)/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    // Signed: the payload is not readable or changeable without the secret.
    const parsed = await createCookie(TRANSACTION_COOKIE, { secrets: ["not-the-secret"] }).parse(`${TRANSACTION_COOKIE}=${client.cookies.get(TRANSACTION_COOKIE)}`);
    expect(parsed).toBeNull();
  });

  it("a callback without the transaction cookie → 400 transaction-missing", async () => {
    await expectRefused(() => server.client().get(`${CALLBACK_PATH}?code=abc&state=def`), "transaction-missing", 400);
    const sv = server.client();
    sv.setLanguage("sv");
    await expectRefused(() => sv.get(`${CALLBACK_PATH}?code=abc&state=def`), "transaction-missing", 400, "sv");
  });

  it("a callback delivered twice: the same browser → 400 transaction-missing; with the captured transaction cookie → 400 code-rejected; one session in all", async () => {
    const client = server.client();
    const url = await callbackFor(client, "lukiolainen");
    const captured = client.cookies.get(TRANSACTION_COOKIE) as string;
    expect(captured).toBeTruthy();
    const before = await counts();
    const first = await client.get(url);
    expect(first.status, pageText(first.body).slice(0, 500)).toBe(302);
    expect((await counts()).sessions - before.sessions).toBe(1);

    await expectRefused(() => client.get(url), "transaction-missing", 400);
    const attacker = server.client();
    attacker.cookies.set(TRANSACTION_COOKIE, captured);
    await expectRefused(() => attacker.get(url), "code-rejected", 400);
    expect((await attacker.get("/account")).status, "the replay did not sign in").toBe(302);
  });

  it("another browser's callback (its own sign-in has another state) → 400 state-mismatch; the victim's sign-in still works", async () => {
    const victim = server.client();
    const url = await callbackFor(victim, "elev-sv");
    const attacker = server.client();
    await startSchoolSignIn(attacker);
    await expectRefused(() => attacker.get(url), "state-mismatch", 400);
    expect((await attacker.get("/account")).status).toBe(302);
    // The refused callback did not spend the code.
    await expectPupil(victim, await victim.get(url), "elev-sv", { school: "00105", classLevel: 8 });
  });

  it("a callback whose state was changed → 400 state-mismatch", async () => {
    const client = server.client();
    const url = new URL(await callbackFor(client, "oppilas-7b"), server.baseUrl);
    url.searchParams.set("state", `${url.searchParams.get("state")}x`);
    await expectRefused(() => client.get(`${url.pathname}${url.search}`), "state-mismatch", 400);
  });

  it("a transaction started more than 10 minutes ago → 400 transaction-expired", async () => {
    const client = server.client();
    const url = await callbackFor(client, "oppilas-7b");
    // Re-sign the browser's transaction as the server would, 20 minutes older.
    const cookie = createCookie(TRANSACTION_COOKIE, { secrets: [SESSION_SECRET], path: "/login/school" });
    const transaction = (await cookie.parse(`${TRANSACTION_COOKIE}=${client.cookies.get(TRANSACTION_COOKIE)}`)) as { issuedAt: number } | null;
    expect(transaction?.issuedAt).toBeTypeOf("number");
    const older = await cookie.serialize({ ...transaction, issuedAt: (transaction?.issuedAt ?? 0) - 20 * 60 });
    client.cookies.set(TRANSACTION_COOKIE, older.slice(older.indexOf("=") + 1, older.indexOf(";")));
    await expectRefused(() => client.get(url), "transaction-expired", 400);
  });
});

// ---- code + school account ----------------------------------------------------------------------------

describe("a code and a school account of one pupil: one participation", () => {
  let malmi7: string[] = [];
  beforeAll(async () => {
    malmi7 = await server.issueCodes({ round: ROUND, school: "00501", classLevel: 7, count: 3 });
  });

  async function turnoutOf(school: string): Promise<number> {
    const res = await server.cli(["turnout", "--round", ROUND, "--by", "school", "--format", "json"]);
    expect(res.code, res.stderr).toBe(0);
    const rows = (JSON.parse(res.stdout) as { rows: { school: string; voters: number | null }[] }).rows;
    return rows.find((r) => r.school === school)?.voters ?? 0;
  }

  const participationsOf = (userId: string) => server.db.prisma.participation.findMany({ where: { userId, round: { slug: ROUND } } });

  it("the code pupil links their school account from their account page: the vote moves to the person, and every later cast is a recast", async () => {
    const code = malmi7[0] as string;
    const turnoutBefore = await turnoutOf("00501");
    const roundParticipations = () => server.db.prisma.participation.count({ where: { round: { slug: ROUND } } });
    const participationsBefore = await roundParticipations();
    const roundBallots = () => server.db.prisma.ballot.count({ where: { round: { slug: ROUND } } });
    // Ballots are counted once the ballot box is mixed (docs/decisions/009-ballot-box.md).
    const mix = () => server.cliOk(["mix-ballots", "--round", ROUND, "--force"]);
    await mix();
    const ballotsBefore = await roundBallots();

    const client = await server.signedInPupil(code);
    const codeUser = await server.db.pupilId(code);
    await cast(client, "koillinen", 0);
    expect(await participationsOf(codeUser)).toHaveLength(1);

    const link = await linkOnAccountPage(client);
    expect(link, "the account page of a code pupil offers the school account").not.toBeNull();
    const res = await signInWithSchoolAccountFrom(client, link as string, "oppilas-7b");
    const person = await expectPupil(client, res, "oppilas-7b", { school: "00501", classLevel: 7 });
    expect((await server.db.prisma.user.findUniqueOrThrow({ where: { id: codeUser } })).personId).toBe(person.id);
    expect(await participationsOf(codeUser)).toHaveLength(0);
    expect(await participationsOf(person.id)).toMatchObject([{ casts: 1, method: "online" }]);

    // The school account casts again: a recast of the same participation.
    await cast(client, "koillinen", 1);
    expect(await participationsOf(person.id)).toMatchObject([{ casts: 2 }]);
    // So does the code, in another browser.
    const withCode = await server.signedInPupil(code);
    expect(await linkOnAccountPage(withCode), "a linked code is not offered the link again").toBeNull();
    await cast(withCode, "koillinen", 2);
    expect(await participationsOf(person.id)).toMatchObject([{ casts: 3 }]);
    expect(await participationsOf(codeUser)).toHaveLength(0);

    expect((await roundParticipations()) - participationsBefore).toBe(1);
    expect((await turnoutOf("00501")) - turnoutBefore).toBe(1);
    // Each cast replaced the ballot before it: one ballot counted.
    await mix();
    expect((await roundBallots()) - ballotsBefore).toBe(1);
  }, 90_000); // several CLI runs (mix, turnout) and casts: slow when other suites share the machine

  it("a code that voted and a school account that voted separately cannot be linked: 409, nothing changed", async () => {
    const code = malmi7[2] as string;
    // The 7B pupil votes with the school account (a recast if they voted above) ...
    const account = server.client();
    const person = await expectPupil(account, await signInWithSchoolAccount(account, "oppilas-7b"), "oppilas-7b", { school: "00501", classLevel: 7 });
    await cast(account, "koillinen", 0);
    const personVote = await participationsOf(person.id);
    expect(personVote).toHaveLength(1);

    // ... and with a code of their own class that is not linked yet, in another browser.
    const client = await server.signedInPupil(code);
    const codeUser = await server.db.pupilId(code);
    await cast(client, "koillinen", 1);
    const link = await linkOnAccountPage(client);
    expect(link).not.toBeNull();

    await expectRefused(() => signInWithSchoolAccountFrom(client, link as string, "oppilas-7b"), "voted-with-code-and-account", 409);
    expect((await server.db.prisma.user.findUniqueOrThrow({ where: { id: codeUser } })).personId).toBeNull();
    expect(await participationsOf(codeUser)).toMatchObject([{ casts: 1 }]);
    expect(await participationsOf(person.id)).toEqual(personVote);
    // The code's session is still the code's.
    expect(await linkOnAccountPage(client)).not.toBeNull();
  });

  it("a code session left open on a shared computer is not linked to the next pupil who signs in with the school account", async () => {
    const code = malmi7[1] as string;
    const client = await server.signedInPupil(code);
    const codeUser = await server.db.pupilId(code);
    await cast(client, "koillinen", 0);
    // The next pupil presses the ordinary school-account button.
    await expectPupil(client, await signInWithSchoolAccount(client, "lukiolainen"), "lukiolainen", { school: "00104", classLevel: 11 });
    expect((await server.db.prisma.user.findUniqueOrThrow({ where: { id: codeUser } })).personId).toBeNull();
    expect(await participationsOf(codeUser)).toMatchObject([{ casts: 1 }]);
    const person = await server.db.prisma.user.findUniqueOrThrow({ where: { identityKey: learnerKey("lukiolainen") } });
    expect(await participationsOf(person.id)).toHaveLength(0);
  });
});

// ---- the admin's switch ---------------------------------------------------------------------------------

describe("staff sign-in with the school account, switched per school by an admin", () => {
  const flag = async (code: string) => (await server.db.prisma.school.findUniqueOrThrow({ where: { code } })).staffSchoolSignIn;

  it("staff and coordinators may not switch it (403), anonymous visitors are sent to sign in; nothing changes", async () => {
    for (const account of [ACCOUNTS.staff, ACCOUNTS.coordinator]) {
      const client = await server.signedIn(account);
      const res = await client.post("/schools/00501", { staffSignIn: "off" });
      expect(res.status, account.email).toBe(403);
    }
    const anonymous = await server.client().post("/schools/00501", { staffSignIn: "off" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login(\?|$)/);
    expect(await flag("00501")).toBe(true);
    expect(await server.db.auditCount("school.staff-signin.off")).toBe(0);
    // The teacher still gets in.
    expect((await signInWithSchoolAccount(server.client(), "opettaja")).status).toBe(302);
  });

  it("an admin switches 00501 off: the teacher's next sign-in is refused (403); switching 00502 on lets them in for 00502", async () => {
    const admin = await server.signedIn(ACCOUNTS.admin);
    const off = await admin.post("/schools/00501", { staffSignIn: "off" });
    expect(off.status).toBe(302);
    expect(off.location).toBe("/schools/00501");
    expect(await flag("00501")).toBe(false);
    expect(await server.db.auditCount("school.staff-signin.off")).toBe(1);
    expect(pageText((await admin.get("/schools/00501")).body)).toContain(catalogues.fi.schools.staffSignInOff);
    try {
      await expectRefused(() => signInWithSchoolAccount(server.client(), "opettaja"), "teacher-school-not-linked", 403);
      const en = server.client();
      en.setLanguage("en");
      await expectRefused(() => signInWithSchoolAccount(en, "opettaja"), "teacher-school-not-linked", 403, "en");

      expect((await admin.post("/schools/00502", { staffSignIn: "on" })).status).toBe(302);
      expect(await flag("00502")).toBe(true);
      const teacher = server.client();
      expect((await signInWithSchoolAccount(teacher, "opettaja")).status).toBe(302);
      const schools = await server.db.prisma.staffSchool.findMany({ where: { user: { identityKey: staffKey("opettaja") } }, include: { school: true } });
      expect(schools.map((s) => s.school.code)).toContain("00502");
      expect((await teacher.get("/schools/00502")).status).toBe(200);
    } finally {
      expect((await admin.post("/schools/00502", { staffSignIn: "off" })).status).toBe(302);
      expect((await admin.post("/schools/00501", { staffSignIn: "on" })).status).toBe(302);
    }
    expect(await flag("00501")).toBe(true);
    expect(await flag("00502")).toBe(false);
  });
});

// ---- where the pupil goes afterwards ----------------------------------------------------------------------

describe("redirectTo", () => {
  it("/login/school?redirectTo=/vote ends on /vote", async () => {
    const client = server.client();
    await expectPupil(client, await signInWithSchoolAccount(client, "oppilas-7b", "?redirectTo=%2Fvote"), "oppilas-7b", { school: "00501", classLevel: 7, location: "/vote" });
  });

  // "\t" is dropped by browsers from URLs: "/\t/evil.example" is "//evil.example", another site.
  it.each(["https://evil.example/", "//evil.example", "/\\evil.example", "/\t/evil.example"])("redirectTo=%j never leaves the site: /account", async (target) => {
    const client = server.client();
    const res = await signInWithSchoolAccount(client, "oppilas-7b", `?redirectTo=${encodeURIComponent(target)}`);
    expect(res.status).toBe(302);
    // Where a browser would go.
    expect(new URL(res.location as string, server.baseUrl).origin).toBe(server.baseUrl);
    expect(res.location).toBe("/account");
  });
});

// ---- the provider is down -------------------------------------------------------------------------------

describe("a provider that cannot be reached", () => {
  let down: TestServer | undefined;
  beforeAll(async () => {
    const closed = await freePort();
    down = await startServer({
      label: "school-signin-down",
      // Nothing here reads the demo data: the server migrates an empty database.
      seed: false,
      env: {
        OIDC_ISSUER: `http://127.0.0.1:${closed}`,
        OIDC_CLIENT_ID: "x",
        OIDC_CLIENT_SECRET: "y",
        OIDC_REDIRECT_URI: "http://127.0.0.1:1/login/school/callback",
        IDENTITY_SECRET: "z",
      },
    });
  });
  afterAll(async () => {
    await down?.stop();
  });

  it("GET /login/school → 503 with the translated provider-unavailable page, no transaction cookie", async () => {
    const running = down as TestServer;
    for (const lang of ["fi", "en"] as const) {
      const client = running.client();
      if (lang !== "fi") client.setLanguage(lang);
      const res = await client.get("/login/school?redirectTo=%2Fvote");
      expect(res.status, pageText(res.body).slice(0, 500)).toBe(503);
      expect(heading(res.body)).toBe(problemTitle("provider-unavailable", lang));
      expect(res.setCookies.has(TRANSACTION_COOKIE)).toBe(false);
      // "Try again" keeps where the pupil was going.
      expect(res.body).toContain('href="/login/school?redirectTo=%2Fvote"');
    }
    await expect.poll(() => refusalsLogged("provider-unavailable", running.logs()), { timeout: 3_000 }).toBe(2);
  });
});

// ---- what is stored -------------------------------------------------------------------------------------

describe("the problem page at a stable address", () => {
  it("a refusal page's language switch goes to /login/school/problem, not back to the one-time callback (whose code it never carries)", async () => {
    const client = server.client();
    const authorizationUrl = await startSchoolSignIn(client);
    const callback = await signInAtProvider(authorizationUrl, "ulkopuolinen", `${client.baseUrl}/login/school/callback`);
    const res = await client.get(`${callback.pathname}${callback.search}`);
    expect(res.status).toBe(403);
    const value = /name="redirectTo" value="([^"]*)"/.exec(res.body)?.[1]?.replace(/&amp;/g, "&");
    expect(value).toBe("/login/school/problem?reason=unknown-school");
    expect(res.body).not.toContain(callback.searchParams.get("code") as string);
  });

  it("shows a known problem translated with its status; anything else is 404", async () => {
    const sv = server.client();
    sv.setLanguage("sv");
    const page = await sv.get("/login/school/problem?reason=unknown-school&returnTo=%2Fvote");
    expect(page.status).toBe(403);
    expect(heading(page.body)).toBe(problemTitle("unknown-school", "sv"));
    expect(page.body).toContain('href="/login/school?redirectTo=%2Fvote"');
    expect((await server.client().get("/login/school/problem?reason=cancelled")).status).toBe(401);
    expect((await server.client().get("/login/school/problem?reason=toString")).status).toBe(404);
    expect((await server.client().get("/login/school/problem?reason=%3Cscript%3E")).status).toBe(404);
    // An off-site return path is dropped: "try again" starts a plain sign-in.
    const offSite = (await server.client().get("/login/school/problem?reason=cancelled&returnTo=%2F%2Fevil.example")).body;
    expect(offSite).toContain('href="/login/school"');
    expect(offSite).not.toContain("redirectTo=%2F%2Fevil.example");
  });
});

describe("after the round: following it with the school account", () => {
  it("with no round open, a pupil who has an account signs in to follow it (read-only); one without an account is told no round is open", async () => {
    // elev-sv (00105) gets an account in the open city round first.
    const first = server.client();
    await expectPupil(first, await signInWithSchoolAccount(first, "elev-sv"), "elev-sv", { school: "00105", classLevel: 8 });
    const account = await server.db.prisma.user.findUniqueOrThrow({ where: { identityKey: learnerKey("elev-sv") } });

    // The city round's voting ends yesterday: no round is open for 00105 any more.
    const round = await server.db.prisma.round.findUniqueOrThrow({ where: { slug: ROUND } });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await server.db.prisma.round.update({ where: { id: round.id }, data: { votingEnd: yesterday, resultsDate: yesterday } });
    try {
      const back = server.client();
      const res = await signInWithSchoolAccount(back, "elev-sv");
      expect(res.status, pageText(res.body).slice(0, 300)).toBe(302);
      expect(res.location).toBe("/account");
      const again = await server.db.prisma.user.findUniqueOrThrow({ where: { identityKey: learnerKey("elev-sv") } });
      expect(again.id).toBe(account.id);
      expect(again.roundId).toBe(round.id);
      // Read-only: the ballot page says voting has ended and offers no ballot.
      back.setLanguage("en");
      const vote = await back.get("/vote");
      expect(pageText(vote.body)).toMatch(/Voting in this round ended on .+\. You can still follow your ideas/);
      expect(vote.body).not.toMatch(/<input[^>]*type="checkbox"/);

      // ulkopuolinen cannot be used (unknown school); lukiolainen (00104) has no account yet.
      if (!(await server.db.prisma.user.findUnique({ where: { identityKey: learnerKey("lukiolainen") } }))) {
        await expectRefused(() => signInWithSchoolAccount(server.client(), "lukiolainen"), "no-open-round", 403);
      }
    } finally {
      await server.db.prisma.round.update({ where: { id: round.id }, data: { votingEnd: round.votingEnd, resultsDate: round.resultsDate } });
    }
  });
});

describe("what the database keeps of the people who signed in (runs last)", () => {
  const secrets = FIXTURE_PEOPLE.flatMap((p) => [p.claims[C.learnerId], p.claims[C.uid]]).filter((v): v is string => typeof v === "string");
  /** Every text cell of every table of the server's PostgreSQL database, as "Table: value". */
  async function postgresTextCells(): Promise<string[]> {
    const prisma = server.db.prisma;
    const tables = await prisma.$queryRaw<{ table_name: string }[]>`SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    const cells: string[] = [];
    for (const { table_name: name } of tables) {
      const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${name}"`);
      for (const row of rows) for (const value of Object.values(row)) if (typeof value === "string") cells.push(`${name}: ${value}`);
    }
    return cells;
  }

  /** Pupils' names (the teacher's name is stored on purpose: staff accounts show it). */
  const pupilNames = FIXTURE_PEOPLE.filter((p) => p.id !== "opettaja").flatMap((p) => [p.claims.family_name, [p.claims.given_name, p.claims.family_name].join(" ")]).filter((v): v is string => typeof v === "string" && v.trim() !== "");
  const nameRegex = new RegExp(`\\b(?:${pupilNames.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})\\b`);

  it("the pupils signed in above have accounts keyed by an HMAC", async () => {
    const keyed = await server.db.prisma.user.findMany({ where: { identityKey: { in: ["oppilas-7b", "lukiolainen", "elev-sv", "kaksi-koulua"].map(learnerKey) } } });
    expect(keyed).toHaveLength(4);
    expect(secrets.length).toBeGreaterThanOrEqual(15);
    expect(pupilNames).toContain("Oppilas");
  });

  it("no learner id, uid or pupil's name in any table, in the database file or its WAL (on PostgreSQL: a dump), or in the server log", async () => {
    const cells = onPostgres()
      ? await postgresTextCells()
      : withSqlite(server.database.file, (db) => {
          const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
          return tables.flatMap(({ name }) => (db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]).flatMap((row) => Object.values(row).filter((v): v is string => typeof v === "string").map((v) => `${name}: ${v}`)));
        });
    expect(cells.length).toBeGreaterThan(1000);
    // The search finds what is there: the teacher's name is stored on purpose.
    expect(cells.some((c) => c.startsWith("User: ") && c.includes("Testi Opettaja"))).toBe(true);
    for (const secret of secrets) expect(cells.filter((c) => c.includes(secret)), secret).toEqual([]);
    expect(cells.filter((c) => nameRegex.test(c))).toEqual([]);

    let everything = "";
    const copies = onPostgres()
      ? [{ name: "pg_dump", bytes: execFileSync("pg_dump", ["--data-only", server.database.url], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] }) }]
      : [server.database.file, `${server.database.file}-wal`].filter((file) => fs.existsSync(file)).map((file) => ({ name: file, bytes: fs.readFileSync(file).toString("latin1") }));
    for (const { name, bytes } of copies) {
      everything += bytes;
      for (const secret of secrets) expect(bytes.includes(secret), `${secret} in ${name}`).toBe(false);
      expect(nameRegex.exec(bytes)?.[0], name).toBeUndefined();
    }
    expect(everything).toContain("Testi Opettaja");
    const logs = server.logs();
    for (const secret of secrets) expect(logs.includes(secret), `${secret} in the server log`).toBe(false);
    expect(nameRegex.exec(logs)?.[0]).toBeUndefined();
  });
});
