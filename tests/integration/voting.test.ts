// Voting through HTTP against the built server (docs/domain.md, docs/decisions/004-secret-ballot.md):
// casting and the one-time receipt, recasting (the last ballot counts), who may vote and when, the
// ballot rules (approval and budget), 100 concurrent casts of one pupil, paper and online ballots
// excluding each other, the secret-ballot schema, and what the vote page shows after a cast.
import { createHash, createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashCode, normaliseCode } from "~/features/access/codes";
import { formatDay, formatEuros } from "~/shared/locale";
import { helsinkiDay } from "~/features/rounds/phases";
import { ACCOUNTS, Client, LANG_COOKIE, pageText, PUPILS, runCli, showServerLogsOnFailure, startServer, TMP, type HttpResponse, type TestServer } from "./harness";

const ROUND = "omakoulu-demo";
const MAX_PICKS = 5;
// The server runs with NODE_ENV=production, which needs a ballot secret; the CLI inherits it too,
// so paper ballots and online ballots are keyed with the same secret.
process.env.BALLOT_SECRET ??= "integration-test-ballot-secret";
const BALLOT_SECRET = process.env.BALLOT_SECRET;

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startServer({ label: "voting", signinLimitPerIp: 100_000, signinLimitPerAccount: 100_000 });
  dir = fs.mkdtempSync(path.join(TMP, "voting-"));
});
afterAll(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});
showServerLogsOnFailure(() => [server]);

// ---- database (read beside the running server) -------------------------------------------------

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(server.database.file, { timeout: 20_000 });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

interface Project {
  id: string;
  code: string;
  areaSlug: string;
  cost: number;
  titleEn: string;
}

function projectsOf(roundSlug: string): Project[] {
  return withDb(
    (db) =>
      db
        .prepare(`SELECT p.id, p.code, p.areaSlug, p.cost, p.titleEn FROM "BallotProject" p JOIN "Round" r ON r.id = p.roundId WHERE r.slug = ? ORDER BY p.code`)
        .all(roundSlug) as Project[],
  );
}

function projectsIn(roundSlug: string, area: string): Project[] {
  return projectsOf(roundSlug).filter((p) => p.areaSlug === area);
}

function userIdOf(code: string): string {
  return withDb((db) => {
    const row = db.prepare(`SELECT id FROM "User" WHERE codeHash = ?`).get(hashCode(normaliseCode(code) as string)) as { id: string } | undefined;
    if (!row) throw new Error(`no user for ${code}`);
    return row.id;
  });
}

function schoolIdOf(code: string): string {
  return withDb((db) => (db.prepare(`SELECT id FROM "School" WHERE code = ?`).get(code) as { id: string }).id);
}

interface ParticipationRow {
  id: string;
  roundId: string;
  userId: string;
  schoolId: string;
  classLevel: number;
  method: string;
  votedAt: number | string;
  casts: number;
}

function participations(userId: string): ParticipationRow[] {
  return withDb((db) => db.prepare(`SELECT * FROM "Participation" WHERE userId = ?`).all(userId) as ParticipationRow[]);
}

function ballotCount(roundSlug = ROUND): number {
  return withDb((db) => (db.prepare(`SELECT count(*) AS n FROM "Ballot" b JOIN "Round" r ON r.id = b.roundId WHERE r.slug = ?`).get(roundSlug) as { n: number }).n);
}

function totalCounts(): { participations: number; ballots: number; picks: number } {
  return withDb((db) => ({
    participations: (db.prepare(`SELECT count(*) AS n FROM "Participation"`).get() as { n: number }).n,
    ballots: (db.prepare(`SELECT count(*) AS n FROM "Ballot"`).get() as { n: number }).n,
    picks: (db.prepare(`SELECT count(*) AS n FROM "BallotPick"`).get() as { n: number }).n,
  }));
}

const voterKey = (participationId: string, area: string) => createHmac("sha256", BALLOT_SECRET).update(`ballot:${participationId}:${area}`).digest("hex");
const receiptHash = (receipt: string, area: string) => createHash("sha256").update(`omakoulu-receipt:${normaliseCode(receipt)}:${area}`).digest("hex");

/** The ballot of a participation in an area (found the way the app does, through the voter key), with its picked project codes. */
function ballotOf(participationId: string, area: string): { id: string; receiptHash: string; codes: string[] } | null {
  return withDb((db) => {
    const ballot = db.prepare(`SELECT id, receiptHash FROM "Ballot" WHERE voterKey = ?`).get(voterKey(participationId, area)) as { id: string; receiptHash: string } | undefined;
    if (!ballot) return null;
    const codes = (
      db.prepare(`SELECT p.code FROM "BallotPick" bp JOIN "BallotProject" p ON p.id = bp.projectId WHERE bp.ballotId = ? ORDER BY p.code`).all(ballot.id) as { code: string }[]
    ).map((r) => r.code);
    return { ...ballot, codes };
  });
}

function ballotIds(): Set<string> {
  return withDb((db) => new Set((db.prepare(`SELECT id FROM "Ballot"`).all() as { id: string }[]).map((r) => r.id)));
}

// ---- pupils, rounds and casting ---------------------------------------------------------------

async function issueCodes(round: string, school: string, classLevel: number, count: number): Promise<string[]> {
  const result = await runCli(["issue-codes", "--round", round, "--school", school, "--class-level", String(classLevel), "--count", String(count)], server.database.url);
  expect(result.code, result.stderr).toBe(0);
  const [header, ...codes] = result.stdout.trim().split(/\r?\n/);
  expect(header).toBe("code");
  expect(codes).toHaveLength(count);
  return codes;
}

/** A new pupil of 00501 (area koillinen), class 8, in the demo round. */
async function freshPupil(): Promise<string> {
  const [code] = await issueCodes(ROUND, "00501", 8, 1);
  return code as string;
}

/** The language cookie as the server writes it (a Remix cookie: URL-encoded base64 of JSON). */
function setLang(client: Client, lang: "fi" | "sv" | "en"): void {
  client.cookies.set(LANG_COOKIE, encodeURIComponent(Buffer.from(JSON.stringify(lang)).toString("base64")));
}

async function signedIn(code: string, lang: "fi" | "sv" | "en" = "en"): Promise<Client> {
  const client = server.client();
  setLang(client, lang);
  await client.signInWithCode(code);
  return client;
}

type Picks = Record<string, readonly string[]>;

function form(intent: string, picks: Picks): URLSearchParams {
  const params = new URLSearchParams({ intent });
  for (const [area, ids] of Object.entries(picks)) for (const id of ids) params.append(`pick:${area}`, id);
  return params;
}

function cast(client: Client, picks: Picks): Promise<HttpResponse> {
  return client.post("/vote", form("cast", picks));
}

/** Casts, expects the redirect to the receipt page, and reads the receipt there (once). */
async function castAndReadReceipt(client: Client, picks: Picks): Promise<string> {
  const res = await cast(client, picks);
  expect(res.status, pageText(res.body).slice(0, 500)).toBe(302);
  expect(res.location).toBe("/vote/receipt");
  const page = await client.get("/vote/receipt");
  expect(page.status).toBe(200);
  const receipt = /data-testid="receipt"[^>]*>\s*([^<]+?)\s*</.exec(page.body)?.[1];
  expect(receipt, "the receipt on /vote/receipt").toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return receipt as string;
}

function checkReceipt(client: Client, receipt: string): Promise<HttpResponse> {
  return client.post("/vote/check", { receipt });
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function writeFile(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text, "utf8");
  return file;
}

interface RoundOptions {
  style?: "approval" | "budget";
  maxPicks?: number;
  areas?: { area: string; budget: number }[];
  /** Offsets in days from today of the voting phase's first and last day. */
  voting: [number, number];
}

/** Creates (or updates) a city round with create-round, voting on the given days relative to today. */
async function createRound(slug: string, options: RoundOptions): Promise<void> {
  const today = helsinkiDay();
  const [start, end] = options.voting;
  const day = (offset: number) => addDays(today, offset);
  const definition = {
    slug,
    name: { fi: `Testi ${slug}`, sv: `Test ${slug}`, en: `Test ${slug}` },
    scope: "city",
    ballot: options.style === "budget" ? { style: "budget" } : { style: "approval", maxPicks: options.maxPicks ?? 3 },
    rule: "greedy",
    classLevels: [7, 8, 9],
    areas: options.areas ?? [{ area: "koillinen", budget: 100_000 }],
    phases: {
      proposals: [day(start - 30), day(start - 20)],
      review: [day(start - 19), day(start - 1)],
      voting: [day(start), day(end)],
      results: day(end + 7),
    },
  };
  const result = await runCli(["create-round", writeFile(`${slug}-${Date.now()}.json`, JSON.stringify(definition))], server.database.url);
  expect(result.code, result.stderr).toBe(0);
}

async function importProjects(slug: string, rows: { code: string; area: string; cost: number }[]): Promise<void> {
  const lines = ["code,title_fi,title_sv,title_en,area,sector,cost", ...rows.map((r) => `${r.code},Hanke ${r.code},Projekt ${r.code},Project ${r.code},${r.area},basic,${r.cost}`)];
  const result = await runCli(["import-projects", "--round", slug, writeFile(`${slug}-projects-${Date.now()}.csv`, `${lines.join("\r\n")}\r\n`)], server.database.url);
  expect(result.code, result.stderr).toBe(0);
}

let unique = 0;
const slugFor = (label: string) => `${label}-${Date.now().toString(36)}-${++unique}`;

// ---- the tests ----------------------------------------------------------------------------------

describe("casting a ballot", () => {
  it("reviews, casts (302 to the one-time receipt page) and writes one participation and a ballot per area", async () => {
    const code = await freshPupil();
    const client = await signedIn(code);
    const userId = userIdOf(code);
    const [k1, k2] = projectsIn(ROUND, "koillinen");
    const [h1] = projectsIn(ROUND, "koko-kaupunki");
    if (!k1 || !k2 || !h1) throw new Error("demo projects missing");
    const picks = { koillinen: [k1.id, k2.id], "koko-kaupunki": [h1.id] };

    const page = await client.get("/vote");
    expect(page.status).toBe(200);
    expect(page.body).toContain(`name="pick:koillinen" value="${k1.id}"`);
    expect(page.body).toContain(`name="pick:koko-kaupunki" value="${h1.id}"`);
    expect(page.body).not.toContain('name="pick:etelainen"');

    // The review page (the no-JavaScript path) writes nothing.
    const before = totalCounts();
    const review = await client.post("/vote", form("review", picks));
    expect(review.status).toBe(200);
    const reviewText = pageText(review.body);
    expect(reviewText).toContain("Check your vote");
    for (const p of [k1, k2, h1]) expect(reviewText).toContain(p.titleEn);
    expect(reviewText).toContain(`2 of ${MAX_PICKS} picked`);
    expect(totalCounts()).toEqual(before);

    const started = Date.now();
    const res = await cast(client, picks);
    expect(res.status, pageText(res.body).slice(0, 500)).toBe(302);
    expect(res.location).toBe("/vote/receipt");
    expect(res.setCookies.has("omakoulu_receipt")).toBe(true);

    const receiptPage = await client.get("/vote/receipt");
    expect(receiptPage.status).toBe(200);
    expect(pageText(receiptPage.body)).toContain("Thank you for voting!");
    const receipt = /data-testid="receipt"[^>]*>\s*([^<]+?)\s*</.exec(receiptPage.body)?.[1] ?? "";
    expect(receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // Shown once: the page does not show it again.
    const again = await client.get("/vote/receipt");
    expect(again.status).toBe(302);
    expect(again.location).toBe("/vote");
    expect(again.body).not.toContain(receipt);

    const rows = participations(userId);
    expect(rows).toHaveLength(1);
    const row = rows[0] as ParticipationRow;
    expect(row).toMatchObject({ method: "online", schoolId: schoolIdOf("00501"), classLevel: 8, casts: 1 });
    expect(Math.abs(Number(new Date(row.votedAt)) - started)).toBeLessThan(5 * 60_000);

    const after = totalCounts();
    expect(after.participations - before.participations).toBe(1);
    expect(after.ballots - before.ballots).toBe(2);
    expect(after.picks - before.picks).toBe(3);
    const area = ballotOf(row.id, "koillinen");
    const city = ballotOf(row.id, "koko-kaupunki");
    expect(area?.codes).toEqual([k1.code, k2.code].sort());
    expect(city?.codes).toEqual([h1.code]);
    expect(area?.receiptHash).toBe(receiptHash(receipt, "koillinen"));
    expect(city?.receiptHash).toBe(receiptHash(receipt, "koko-kaupunki"));

    // The receipt shows that ballot's projects, to anyone holding it (here: an anonymous visitor).
    const anonymous = server.client();
    setLang(anonymous, "en");
    const check = await checkReceipt(anonymous, receipt.toLowerCase());
    expect(check.status).toBe(200);
    const checkText = pageText(check.body);
    expect(checkText).toContain("This vote is saved and will be counted");
    for (const p of [k1, k2, h1]) expect(checkText).toContain(`${p.code} ${p.titleEn}`);
    for (const p of projectsIn(ROUND, "koillinen").slice(2)) expect(checkText).not.toContain(p.code);
  });

  it("a recast replaces the ballots: one participation (casts 2), the old receipt no longer found, the new one works", async () => {
    const code = await freshPupil();
    const client = await signedIn(code);
    const userId = userIdOf(code);
    const koillinen = projectsIn(ROUND, "koillinen");
    const [h1] = projectsIn(ROUND, "koko-kaupunki");
    const [k1, k2, k3] = koillinen;
    if (!k1 || !k2 || !k3 || !h1) throw new Error("demo projects missing");

    const before = totalCounts();
    const first = await castAndReadReceipt(client, { koillinen: [k1.id, k2.id], "koko-kaupunki": [h1.id] });
    expect(totalCounts().ballots - before.ballots).toBe(2);
    const second = await castAndReadReceipt(client, { koillinen: [k3.id] });
    expect(second).not.toBe(first);

    const rows = participations(userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ method: "online", casts: 2 });
    const participationId = (rows[0] as ParticipationRow).id;
    // The last ballot counts: the first ballots are gone, including the city-wide one not picked again.
    expect(ballotOf(participationId, "koillinen")?.codes).toEqual([k3.code]);
    expect(ballotOf(participationId, "koko-kaupunki")).toBeNull();
    const after = totalCounts();
    expect(after.participations - before.participations).toBe(1);
    expect(after.ballots - before.ballots).toBe(1);
    expect(after.picks - before.picks).toBe(1);

    const old = await checkReceipt(client, first);
    expect(old.status).toBe(404);
    expect(pageText(old.body)).toContain("No vote has this receipt code");
    const current = await checkReceipt(client, second);
    expect(current.status).toBe(200);
    const text = pageText(current.body);
    expect(text).toContain(`${k3.code} ${k3.titleEn}`);
    expect(text).not.toContain(k1.code);
    expect(text).not.toContain(h1.code);
  });

  // The one-time receipt page must not be kept in the browser's cache.
  it("the receipt page is sent with Cache-Control: no-store", async () => {
    const code = await freshPupil();
    const client = await signedIn(code);
    const [k1] = projectsIn(ROUND, "koillinen");
    if (!k1) throw new Error("demo projects missing");
    const res = await cast(client, { koillinen: [k1.id] });
    expect(res.status).toBe(302);
    const page = await client.get("/vote/receipt");
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control") ?? "").toContain("no-store");
  });

  it("/vote/check answers 400 to a malformed receipt and 404 to an unknown one", async () => {
    const client = server.client();
    setLang(client, "en");
    const malformed = await checkReceipt(client, "abc");
    expect(malformed.status).toBe(400);
    expect(pageText(malformed.body)).toContain("a receipt has 12 letters and numbers");
    const unknown = await checkReceipt(client, "ZZZZ-ZZZZ-ZZZZ");
    expect(unknown.status).toBe(404);
    expect(pageText(unknown.body)).toContain("No vote has this receipt code");
  });

  it("after a cast the vote page says when they voted but never shows their picks", async () => {
    const code = await freshPupil();
    const client = await signedIn(code);
    const [k1, k2] = projectsIn(ROUND, "koillinen");
    const [h1] = projectsIn(ROUND, "koko-kaupunki");
    if (!k1 || !k2 || !h1) throw new Error("demo projects missing");
    await castAndReadReceipt(client, { koillinen: [k1.id, k2.id], "koko-kaupunki": [h1.id] });
    const row = participations(userIdOf(code))[0] as ParticipationRow;
    const votedAt = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Helsinki" }).format(new Date(row.votedAt));

    for (const lang of ["en", "fi"] as const) {
      setLang(client, lang);
      const page = await client.get("/vote");
      expect(page.status).toBe(200);
      expect(page.body, "no ticked box").not.toMatch(/<input[^>]*\bchecked\b/i);
      expect(page.body).not.toMatch(/aria-checked="true"/);
      expect(page.body).not.toContain("ballot-card--picked");
      // The ballot is there to vote again, unticked.
      expect(page.body).toContain(`value="${k1.id}"`);
      if (lang === "en") expect(pageText(page.body)).toContain(`You voted on ${votedAt}. You can still change your vote`);
      else expect(pageText(page.body)).toMatch(/Äänestit .+\. Voit vielä muuttaa ääntäsi/);
    }
  });
});

describe("who may vote, and when", () => {
  it("refuses a pupil of a class level that does not vote (403, translated) and writes nothing", async () => {
    const [k1] = projectsIn(ROUND, "koillinen");
    if (!k1) throw new Error("demo projects missing");
    const client = await signedIn(PUPILS.malmi5, "en");
    const userId = userIdOf(PUPILS.malmi5);
    const before = totalCounts();

    const page = await client.get("/vote");
    expect(page.status).toBe(200);
    expect(pageText(page.body)).toContain("In this round pupils in classes 7, 8, 9, 10, 11, 12 can vote. You are in class 5.");
    expect(page.body).not.toContain('type="checkbox"');

    const res = await cast(client, { koillinen: [k1.id] });
    expect(res.status).toBe(403);
    expect(pageText(res.body)).toContain("In this round pupils in classes 7, 8, 9, 10, 11, 12 can vote. You are in class 5.");
    setLang(client, "fi");
    const fi = await cast(client, { koillinen: [k1.id] });
    expect(fi.status).toBe(403);
    expect(pageText(fi.body)).toContain("Tällä kierroksella äänestävät luokkien 7, 8, 9, 10, 11, 12 oppilaat. Sinä olet luokalla 5.");
    setLang(client, "sv");
    const sv = await cast(client, { koillinen: [k1.id] });
    expect(sv.status).toBe(403);
    expect(pageText(sv.body)).toContain("I den här omgången röstar elever i årskurserna 7, 8, 9, 10, 11, 12. Du går i årskurs 5.");

    expect(participations(userId)).toEqual([]);
    expect(totalCounts()).toEqual(before);
  });

  it("refuses to cast before voting has started, with the dates, and writes nothing", async () => {
    const slug = slugFor("later");
    await createRound(slug, { voting: [10, 20] });
    await importProjects(slug, [{ code: "LAT-1", area: "koillinen", cost: 1000 }]);
    const [project] = projectsOf(slug);
    if (!project) throw new Error("project missing");
    const [code] = await issueCodes(slug, "00501", 8, 1);
    const client = await signedIn(code as string, "en");
    const dates = `Voting is open from ${formatDay(addDays(helsinkiDay(), 10), "en")} to ${formatDay(addDays(helsinkiDay(), 20), "en")}.`;

    const page = await client.get("/vote");
    expect(page.status).toBe(200);
    expect(pageText(page.body)).toContain(dates);

    const before = totalCounts();
    const res = await cast(client, { koillinen: [project.id] });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(pageText(res.body)).toContain(dates);
    expect(participations(userIdOf(code as string))).toEqual([]);
    expect(totalCounts()).toEqual(before);
  });

  it("refuses to cast after voting has ended (a session from before the end), with the dates, and writes nothing", async () => {
    const slug = slugFor("ended");
    await createRound(slug, { voting: [-3, 3] });
    await importProjects(slug, [{ code: "END-1", area: "koillinen", cost: 1000 }]);
    const [project] = projectsOf(slug);
    if (!project) throw new Error("project missing");
    const [code] = await issueCodes(slug, "00501", 8, 1);
    const client = await signedIn(code as string, "en");
    // Voting closes (yesterday) while the pupil is signed in.
    await createRound(slug, { voting: [-3, -1] });
    const dates = `Voting is open from ${formatDay(addDays(helsinkiDay(), -3), "en")} to ${formatDay(addDays(helsinkiDay(), -1), "en")}.`;

    const before = totalCounts();
    const res = await cast(client, { koillinen: [project.id] });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(pageText(res.body)).toContain(dates);
    expect(participations(userIdOf(code as string))).toEqual([]);
    expect(totalCounts()).toEqual(before);
  });

  it("staff, coordinators and admins get 403 on /vote; anonymous visitors are sent to sign in", async () => {
    for (const account of [ACCOUNTS.staff, ACCOUNTS.coordinator, ACCOUNTS.admin]) {
      const client = server.client();
      await client.signIn(account);
      expect((await client.get("/vote")).status, account.email).toBe(403);
      expect((await client.post("/vote", { intent: "cast" })).status, account.email).toBe(403);
    }
    const anonymous = server.client();
    const res = await anonymous.get("/vote");
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/login(\?|$)/);
    const post = await anonymous.post("/vote", { intent: "cast" });
    expect(post.status).toBe(302);
    expect(post.location).toMatch(/^\/login(\?|$)/);
  });
});

describe("invalid ballots are refused (400) and write nothing", () => {
  let client: Client;
  let userId: string;
  let koillinen: Project[];
  let etelainen: Project[];
  beforeAll(async () => {
    const code = await freshPupil();
    client = await signedIn(code, "en");
    userId = userIdOf(code);
    koillinen = projectsIn(ROUND, "koillinen");
    etelainen = projectsIn(ROUND, "etelainen");
  });

  const ids = (list: Project[]) => list.map((p) => p.id);

  async function expectRefused(picks: Picks, message: string | RegExp) {
    const before = totalCounts();
    for (const intent of ["review", "cast"]) {
      const res = await client.post("/vote", form(intent, picks));
      expect(res.status, `${intent}: ${pageText(res.body).slice(0, 300)}`).toBe(400);
      if (typeof message === "string") expect(pageText(res.body)).toContain(message);
      else expect(pageText(res.body)).toMatch(message);
      expect(res.setCookies.has("omakoulu_receipt")).toBe(false);
    }
    expect(participations(userId)).toEqual([]);
    expect(totalCounts()).toEqual(before);
  }

  it(`maxPicks + 1 (${MAX_PICKS + 1}) picks in one area`, async () => {
    expect(koillinen.length).toBeGreaterThanOrEqual(MAX_PICKS + 1);
    await expectRefused({ koillinen: ids(koillinen).slice(0, MAX_PICKS + 1) }, `North-Eastern: you picked ${MAX_PICKS + 1} projects, but at most ${MAX_PICKS} are allowed. Remove 1.`);
  });

  it("a project of another area", async () => {
    await expectRefused({ koillinen: [ids(koillinen)[0] as string, ids(etelainen)[0] as string] }, "A picked project is not on your ballot");
  });

  it("an unknown project id", async () => {
    await expectRefused({ koillinen: ["00000000-0000-4000-8000-000000000000"] }, "A picked project is not on your ballot");
  });

  it("the same project twice", async () => {
    const id = ids(koillinen)[0] as string;
    await expectRefused({ koillinen: [id, id] }, "A project was picked twice");
  });

  it("no picks at all", async () => {
    await expectRefused({}, "Pick at least one project.");
  });

  it("an area that is not on the pupil's ballot", async () => {
    await expectRefused({ koillinen: [ids(koillinen)[0] as string], etelainen: [ids(etelainen)[0] as string] }, "You cannot vote in this area");
  });

  it("exactly maxPicks is fine (the pupil can still vote after the refusals)", async () => {
    const receipt = await castAndReadReceipt(client, { koillinen: ids(koillinen).slice(0, MAX_PICKS) });
    expect(receipt).toBeTruthy();
    expect(participations(userId)).toHaveLength(1);
  });
});

describe("budget ballots", () => {
  it("exactly the budget is accepted; one euro over is refused and writes nothing", async () => {
    const slug = slugFor("budget");
    await createRound(slug, { style: "budget", areas: [{ area: "koillinen", budget: 1000 }], voting: [-1, 10] });
    await importProjects(slug, [
      { code: "BUD-1", area: "koillinen", cost: 400 },
      { code: "BUD-2", area: "koillinen", cost: 600 },
      { code: "BUD-3", area: "koillinen", cost: 1 },
    ]);
    const byCode = new Map(projectsOf(slug).map((p) => [p.code, p]));
    const id = (c: string) => (byCode.get(c) as Project).id;
    const [exact, over] = await issueCodes(slug, "00501", 8, 2);

    const pupil = await signedIn(exact as string, "en");
    const page = await pupil.get("/vote");
    expect(page.status).toBe(200);
    expect(page.body).toContain(`value="${id("BUD-1")}"`);
    const review = await pupil.post("/vote", form("review", { koillinen: [id("BUD-1"), id("BUD-2")] }));
    expect(review.status).toBe(200);
    expect(pageText(review.body)).toContain(`${formatEuros(0, "en")} left of ${formatEuros(1000, "en")}`);
    const before = ballotCount(slug);
    await castAndReadReceipt(pupil, { koillinen: [id("BUD-1"), id("BUD-2")] });
    expect(ballotCount(slug)).toBe(before + 1);
    const row = participations(userIdOf(exact as string))[0] as ParticipationRow;
    expect(ballotOf(row.id, "koillinen")?.codes).toEqual(["BUD-1", "BUD-2"]);

    const other = await signedIn(over as string, "en");
    const totals = totalCounts();
    const message = `North-Eastern: your picks cost ${formatEuros(1001, "en")}, which is ${formatEuros(1, "en")} over the budget of ${formatEuros(1000, "en")}.`;
    for (const intent of ["review", "cast"]) {
      const res = await other.post("/vote", form(intent, { koillinen: [id("BUD-1"), id("BUD-2"), id("BUD-3")] }));
      expect(res.status, intent).toBe(400);
      expect(pageText(res.body)).toContain(message);
    }
    expect(participations(userIdOf(over as string))).toEqual([]);
    expect(totalCounts()).toEqual(totals);
  });
});

describe("concurrency", () => {
  it(
    "100 concurrent casts of one pupil leave exactly one participation and one ballot per picked area",
    async () => {
      const code = await freshPupil();
      const client = await signedIn(code);
      const userId = userIdOf(code);
      const [k1, k2] = projectsIn(ROUND, "koillinen");
      const [h1] = projectsIn(ROUND, "koko-kaupunki");
      if (!k1 || !k2 || !h1) throw new Error("demo projects missing");
      const before = totalCounts();
      const body = form("cast", { koillinen: [k1.id, k2.id], "koko-kaupunki": [h1.id] }).toString();
      const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join("; ");

      const statuses = await Promise.all(
        Array.from({ length: 100 }, async () => {
          const res = await fetch(`${server.baseUrl}/vote`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
            body,
            redirect: "manual",
            signal: AbortSignal.timeout(110_000),
          });
          await res.arrayBuffer();
          return res.status;
        }),
      );
      const unexpected = statuses.filter((s) => s !== 302 && (s < 400 || s >= 500));
      expect(unexpected, `statuses: ${JSON.stringify(statuses)}`).toEqual([]);
      const successes = statuses.filter((s) => s === 302).length;
      expect(successes).toBeGreaterThanOrEqual(1);

      const rows = participations(userId);
      expect(rows).toHaveLength(1);
      expect((rows[0] as ParticipationRow).casts).toBe(successes);
      const participationId = (rows[0] as ParticipationRow).id;
      expect(ballotOf(participationId, "koillinen")?.codes).toEqual([k1.code, k2.code].sort());
      expect(ballotOf(participationId, "koko-kaupunki")?.codes).toEqual([h1.code]);
      const after = totalCounts();
      expect(after.participations - before.participations).toBe(1);
      expect(after.ballots - before.ballots).toBe(2);
      expect(after.picks - before.picks).toBe(3);
    },
    180_000,
  );
});

describe("paper and online ballots exclude each other", () => {
  async function importPaper(rows: string[]) {
    const file = writeFile(`paper-${Date.now()}-${++unique}.csv`, `code,area,projects\r\n${rows.join("\r\n")}\r\n`);
    return runCli(["import-paper-ballots", "--round", ROUND, file], server.database.url);
  }

  it("a pupil who voted on paper cannot vote online", async () => {
    const code = await freshPupil();
    const [k1, k2] = projectsIn(ROUND, "koillinen");
    if (!k1 || !k2) throw new Error("demo projects missing");
    const imported = await importPaper([`${code},koillinen,${k1.code} ${k2.code}`]);
    expect(imported.code, imported.stderr).toBe(0);
    const userId = userIdOf(code);
    expect(participations(userId)).toMatchObject([{ method: "paper", casts: 1 }]);
    const participationId = (participations(userId)[0] as ParticipationRow).id;
    expect(ballotOf(participationId, "koillinen")?.codes).toEqual([k1.code, k2.code].sort());

    const client = await signedIn(code, "en");
    const page = await client.get("/vote");
    expect(page.status).toBe(200);
    const text = pageText(page.body);
    expect(text).toContain("You have already voted on paper, so you cannot vote online.");
    expect(text).toContain("Your paper ballot was entered on");
    expect(page.body).not.toContain('type="checkbox"');

    const before = totalCounts();
    const res = await cast(client, { koillinen: [k1.id] });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(pageText(res.body)).toContain("You have already voted on paper, so you cannot vote online.");
    expect(participations(userId)).toMatchObject([{ method: "paper", casts: 1 }]);
    expect(ballotOf(participationId, "koillinen")?.codes).toEqual([k1.code, k2.code].sort());
    expect(totalCounts()).toEqual(before);
  });

  it("a paper ballot is refused for a pupil who voted online, and nothing changes", async () => {
    const code = await freshPupil();
    const [k1, k2] = projectsIn(ROUND, "koillinen");
    if (!k1 || !k2) throw new Error("demo projects missing");
    const client = await signedIn(code);
    await castAndReadReceipt(client, { koillinen: [k1.id] });
    const userId = userIdOf(code);
    const participationId = (participations(userId)[0] as ParticipationRow).id;

    const before = totalCounts();
    const imported = await importPaper([`${code},koillinen,${k2.code}`]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/already voted online/);
    expect(participations(userId)).toMatchObject([{ method: "online", casts: 1 }]);
    expect(ballotOf(participationId, "koillinen")?.codes).toEqual([k1.code]);
    expect(totalCounts()).toEqual(before);
  });
});

describe("the secret-ballot schema", () => {
  const FORBIDDEN_COLUMN = /user|participation|person|pupil|created|updated|voted|time|date|^at$|seq|order/i;

  it("Ballot and BallotPick hold nothing about the voter or time, and refer only to Round, Ballot and BallotProject", () => {
    withDb((db) => {
      for (const table of ["Ballot", "BallotPick"]) {
        const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string }[]).map((c) => c.name);
        expect(columns.length, table).toBeGreaterThan(0);
        expect(columns.filter((c) => FORBIDDEN_COLUMN.test(c)), `${table} columns ${columns.join(", ")}`).toEqual([]);
        const types = (db.prepare(`PRAGMA table_info("${table}")`).all() as { type: string }[]).map((c) => c.type.toUpperCase());
        expect(types.filter((t) => /DATE|TIME/.test(t)), `${table} column types`).toEqual([]);
        const fks = db.prepare(`PRAGMA foreign_key_list("${table}")`).all() as { table: string; from: string; to: string }[];
        for (const fk of fks) expect(["Round", "Ballot", "BallotProject"], `${table}.${fk.from} → ${fk.table}`).toContain(fk.table);
        const sql = (db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) as { sql: string }).sql;
        expect(sql.toUpperCase(), `${table} is WITHOUT ROWID`).toContain("WITHOUT ROWID");
        expect(() => db.prepare(`SELECT rowid FROM "${table}"`).all(), `${table} has no rowid`).toThrow();
      }
      expect(
        (db.prepare(`PRAGMA table_info("Ballot")`).all() as { name: string }[]).map((c) => c.name).sort(),
      ).toEqual(["areaSlug", "id", "receiptHash", "roundId", "voterKey"]);
      expect((db.prepare(`PRAGMA foreign_key_list("Ballot")`).all() as { table: string }[]).map((f) => f.table)).toEqual(["Round"]);
      expect((db.prepare(`PRAGMA foreign_key_list("BallotPick")`).all() as { table: string }[]).map((f) => f.table).sort()).toEqual(["Ballot", "BallotProject"]);
      // Participation says who voted, never what: nothing in it refers to a ballot or a receipt.
      const participationColumns = (db.prepare(`PRAGMA table_info("Participation")`).all() as { name: string }[]).map((c) => c.name);
      expect(participationColumns.filter((c) => /ballot|receipt|pick|project|voterkey/i.test(c))).toEqual([]);
      const participationFks = (db.prepare(`PRAGMA foreign_key_list("Participation")`).all() as { table: string }[]).map((f) => f.table);
      expect(participationFks.filter((t) => /Ballot/.test(t))).toEqual([]);
    });
  });

  it(
    "ballot ids are random UUIDs: their order says nothing about the order of casting",
    async () => {
      const codes = await issueCodes(ROUND, "00501", 8, 8);
      const [k1] = projectsIn(ROUND, "koillinen");
      if (!k1) throw new Error("demo projects missing");
      const inserted: string[] = [];
      for (const code of codes) {
        const client = await signedIn(code);
        const before = ballotIds();
        await castAndReadReceipt(client, { koillinen: [k1.id] });
        const added = [...ballotIds()].filter((id) => !before.has(id));
        expect(added).toHaveLength(1);
        inserted.push(added[0] as string);
      }
      for (const id of inserted) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      // No time-ordered prefix (as a UUIDv7 or a counter would have): the first characters differ.
      expect(new Set(inserted.map((id) => id.slice(0, 6))).size).toBe(inserted.length);
      const sorted = [...inserted].sort();
      // 8 random ids come out in casting order by chance once in 8! = 40 320 runs.
      expect(sorted).not.toEqual(inserted);
      expect([...inserted].reverse()).not.toEqual(sorted);
      // The table's own order (no ORDER BY) is its primary key's, not the order of insertion.
      withDb((db) => {
        const physical = (db.prepare(`SELECT * FROM "Ballot" NOT INDEXED`).all() as { id: string }[]).map((r) => r.id);
        expect(physical).toEqual([...physical].sort());
      });
    },
    120_000,
  );
});
