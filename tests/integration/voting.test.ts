// Voting through HTTP against the built server (docs/domain.md, docs/decisions/004-secret-ballot.md):
// casting and the one-time receipt, recasting (the last ballot counts), who may vote and when, the
// ballot rules (approval and budget), 100 concurrent casts of one pupil, paper and online ballots
// excluding each other, the secret-ballot schema, and what the vote page shows after a cast.
// A cast seals its ballot into the ballot box (docs/decisions/009-ballot-box.md); this server never
// mixes on its own (a huge BALLOT_MIX_BATCH), so the tests count ballots after `mix()` (the CLI's
// `mix-ballots --force`), and check that nothing reaches Ballot before it.
import { createHash, createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { normaliseCode } from "~/features/access/codes";
import type { BallotProject, Participation } from "~/generated/prisma/client";
import { formatDay, formatEuros } from "~/shared/locale";
import { daysFromToday, roundDefinition, votingPhases } from "../support/rounds";
import { withSqlite } from "../support/fixtures";
import {
  ACCOUNTS,
  BALLOT_SECRET,
  DEMO_ROUNDS,
  GENEROUS_SIGNIN_LIMITS,
  onPostgres,
  pageText,
  PUPILS,
  setupServer,
  setupTmpDir,
  voteForm,
  type Client,
  type HttpResponse,
  type Lang,
  type Picks,
} from "./harness";

const ROUND: string = DEMO_ROUNDS.current;
const MAX_PICKS = 5;

const server = setupServer({ label: "voting", ...GENEROUS_SIGNIN_LIMITS, env: { BALLOT_MIX_BATCH: "1000000" } });
const tmp = setupTmpDir("voting");

// ---- database (read beside the running server) -------------------------------------------------

type Project = BallotProject;
type ParticipationRow = Participation;

const projectsOf = (roundSlug: string): Promise<Project[]> => server.db.roundProjects(roundSlug);
const projectsIn = (roundSlug: string, area: string): Promise<Project[]> => server.db.roundProjects(roundSlug, area);
const userIdOf = (code: string): Promise<string> => server.db.pupilId(code);
const schoolIdOf = (code: string): Promise<string> => server.db.schoolId(code);
const participations = (userId: string): Promise<ParticipationRow[]> => server.db.prisma.participation.findMany({ where: { userId } });
const ballotCount = (roundSlug = ROUND): Promise<number> => server.db.prisma.ballot.count({ where: { round: { slug: roundSlug } } });
/** Rows in the tables a cast or a mix writes to (the sealed box entries too). */
const totalCounts = async () => ({ ...(await server.db.voteCounts()), box: await server.db.prisma.ballotBox.count() });

/** Moves every sealed ballot in the box into the counted tables (`mix-ballots --force`). */
async function mix(): Promise<void> {
  await server.cliOk(["mix-ballots", "--force"]);
  expect(await server.db.prisma.ballotBox.count()).toBe(0);
}

const voterKey = (participationId: string, area: string) => createHmac("sha256", BALLOT_SECRET).update(`ballot:${participationId}:${area}`).digest("hex");
const receiptHash = (receipt: string, area: string) => createHash("sha256").update(`omakoulu-receipt:${normaliseCode(receipt)}:${area}`).digest("hex");

/** The ballot of a participation in an area (found the way the app does, through the voter key), with its picked project codes. */
async function ballotOf(participationId: string, area: string): Promise<{ id: string; receiptHash: string; codes: string[] } | null> {
  const ballot = await server.db.prisma.ballot.findUnique({
    where: { voterKey: voterKey(participationId, area) },
    select: { id: true, receiptHash: true, picks: { select: { project: { select: { code: true } } } } },
  });
  if (!ballot) return null;
  return { id: ballot.id, receiptHash: ballot.receiptHash, codes: ballot.picks.map((p) => p.project.code).sort() };
}

async function ballotIds(): Promise<Set<string>> {
  return new Set(await server.db.ballotIds());
}

// ---- pupils, rounds and casting ---------------------------------------------------------------

/** A new pupil of 00501 (area koillinen), class 8, in the demo round. */
async function freshPupil(): Promise<string> {
  const [code] = await server.issueCodes({ round: ROUND, school: "00501", classLevel: 8, count: 1 });
  return code as string;
}

function signedIn(code: string, lang: Lang = "en"): Promise<Client> {
  return server.signedInPupil(code, { lang });
}

/** A fresh pupil, signed in (in English), and the first demo projects of koillinen (k1–k3) and of the whole city (h1). */
async function freshVoter() {
  const code = await freshPupil();
  const client = await signedIn(code);
  const userId = await userIdOf(code);
  const [k1, k2, k3] = await projectsIn(ROUND, "koillinen");
  const [h1] = await projectsIn(ROUND, "koko-kaupunki");
  if (!k1 || !k2 || !k3 || !h1) throw new Error("demo projects missing");
  return { client, userId, k1, k2, k3, h1 };
}

/** Casts, expects the redirect to the receipt page, and reads the receipt there (once). */
async function castAndReadReceipt(client: Client, picks: Picks): Promise<string> {
  const res = await client.castBallot(picks);
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

interface RoundOptions {
  style?: "approval" | "budget";
  maxPicks?: number;
  areas?: { area: string; budget: number }[];
  /** Offsets in days from today of the voting phase's first and last day. */
  voting: [number, number];
}

/** Creates (or updates) a city round with create-round, voting on the given days relative to today. */
async function createRound(slug: string, options: RoundOptions): Promise<void> {
  const definition = roundDefinition(slug, {
    ballot: options.style === "budget" ? { style: "budget" } : { style: "approval", maxPicks: options.maxPicks ?? 3 },
    ...(options.areas ? { areas: options.areas } : {}),
    phases: votingPhases(...options.voting),
  });
  const result = await server.cli(["create-round", tmp.json(`${slug}-${Date.now()}.json`, definition)]);
  expect(result.code, result.stderr).toBe(0);
}

async function importProjects(slug: string, rows: { code: string; area: string; cost: number }[]): Promise<void> {
  const lines = ["code,title_fi,title_sv,title_en,area,sector,cost", ...rows.map((r) => `${r.code},Hanke ${r.code},Projekt ${r.code},Project ${r.code},${r.area},basic,${r.cost}`)];
  const result = await server.cli(["import-projects", "--round", slug, tmp.csv(`${slug}-projects-${Date.now()}.csv`, lines)]);
  expect(result.code, result.stderr).toBe(0);
}

let unique = 0;
const slugFor = (label: string) => `${label}-${Date.now().toString(36)}-${++unique}`;

// ---- the tests ----------------------------------------------------------------------------------

describe("casting a ballot", () => {
  it("reviews, casts (302 to the one-time receipt page) and writes one participation and a ballot per area", async () => {
    const { client, userId, k1, k2, h1 } = await freshVoter();
    const picks = { koillinen: [k1.id, k2.id], "koko-kaupunki": [h1.id] };

    const page = await client.get("/vote");
    expect(page.status).toBe(200);
    expect(page.body).toContain(`name="pick:koillinen" value="${k1.id}"`);
    expect(page.body).toContain(`name="pick:koko-kaupunki" value="${h1.id}"`);
    expect(page.body).not.toContain('name="pick:etelainen"');

    // The review page (the no-JavaScript path) writes nothing.
    await mix();
    const before = await totalCounts();
    const review = await client.postBallot("review", picks);
    expect(review.status).toBe(200);
    const reviewText = pageText(review.body);
    expect(reviewText).toContain("Check your vote");
    for (const p of [k1, k2, h1]) expect(reviewText).toContain(p.titleEn);
    expect(reviewText).toContain(`2 of ${MAX_PICKS} picked`);
    expect(await totalCounts()).toEqual(before);

    const started = Date.now();
    const res = await client.castBallot(picks);
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

    const rows = await participations(userId);
    expect(rows).toHaveLength(1);
    const row = rows[0] as ParticipationRow;
    expect(row).toMatchObject({ method: "online", schoolId: await schoolIdOf("00501"), classLevel: 8, casts: 1 });
    expect(Math.abs(Number(new Date(row.votedAt)) - started)).toBeLessThan(5 * 60_000);

    // The cast wrote the participation and one sealed box entry per area of the ballot, no ballot yet.
    const cast = await totalCounts();
    expect(cast).toEqual({ participations: before.participations + 1, ballots: before.ballots, picks: before.picks, box: 2 });
    expect(await ballotOf(row.id, "koillinen")).toBeNull();

    // The receipt already finds the ballot: received, not yet counted.
    const anonymous = server.client();
    anonymous.setLanguage("en");
    const pending = await checkReceipt(anonymous, receipt);
    expect(pending.status).toBe(200);
    expect(pageText(pending.body)).toContain("Received, not yet counted");
    for (const p of [k1, k2, h1]) expect(pageText(pending.body)).toContain(`${p.code} ${p.titleEn}`);

    await mix();
    const after = await totalCounts();
    expect(after.participations - before.participations).toBe(1);
    expect(after.ballots - before.ballots).toBe(2);
    expect(after.picks - before.picks).toBe(3);
    const area = await ballotOf(row.id, "koillinen");
    const city = await ballotOf(row.id, "koko-kaupunki");
    expect(area?.codes).toEqual([k1.code, k2.code].sort());
    expect(city?.codes).toEqual([h1.code]);
    expect(area?.receiptHash).toBe(receiptHash(receipt, "koillinen"));
    expect(city?.receiptHash).toBe(receiptHash(receipt, "koko-kaupunki"));

    // The receipt shows that ballot's projects, to anyone holding it (here: an anonymous visitor).
    const check = await checkReceipt(anonymous, receipt.toLowerCase());
    expect(check.status).toBe(200);
    const checkText = pageText(check.body);
    expect(checkText).toContain("This vote is saved and will be counted");
    expect(checkText).toContain("Counted: this vote is among the counted votes.");
    expect(checkText).not.toContain("Received, not yet counted");
    for (const p of [k1, k2, h1]) expect(checkText).toContain(`${p.code} ${p.titleEn}`);
    for (const p of (await projectsIn(ROUND, "koillinen")).slice(2)) expect(checkText).not.toContain(p.code);
  });

  it("a recast replaces the ballots: one participation (casts 2), the old receipt no longer found, the new one works", async () => {
    const { client, userId, k1, k2, k3, h1 } = await freshVoter();

    await mix();
    const before = await totalCounts();
    const first = await castAndReadReceipt(client, { koillinen: [k1.id, k2.id], "koko-kaupunki": [h1.id] });
    await mix();
    expect((await totalCounts()).ballots - before.ballots).toBe(2);
    const second = await castAndReadReceipt(client, { koillinen: [k3.id] });
    expect(second).not.toBe(first);
    // Before the recast is counted, the old receipt already stops working and the new one is found.
    expect((await checkReceipt(client, first)).status).toBe(404);
    expect(pageText((await checkReceipt(client, second)).body)).toContain("Received, not yet counted");
    await mix();

    const rows = await participations(userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ method: "online", casts: 2 });
    const participationId = (rows[0] as ParticipationRow).id;
    // The last ballot counts: the first ballots are gone, including the city-wide one not picked again.
    expect((await ballotOf(participationId, "koillinen"))?.codes).toEqual([k3.code]);
    expect(await ballotOf(participationId, "koko-kaupunki")).toBeNull();
    const after = await totalCounts();
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
    const [k1] = await projectsIn(ROUND, "koillinen");
    if (!k1) throw new Error("demo projects missing");
    const res = await client.castBallot({ koillinen: [k1.id] });
    expect(res.status).toBe(302);
    const page = await client.get("/vote/receipt");
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control") ?? "").toContain("no-store");
  });

  it("/vote/check answers 400 to a malformed receipt and 404 to an unknown one", async () => {
    const client = server.client();
    client.setLanguage("en");
    const malformed = await checkReceipt(client, "abc");
    expect(malformed.status).toBe(400);
    expect(pageText(malformed.body)).toContain("a receipt has 12 letters and numbers");
    const unknown = await checkReceipt(client, "ZZZZ-ZZZZ-ZZZZ");
    expect(unknown.status).toBe(404);
    expect(pageText(unknown.body)).toContain("No vote has this receipt code");
  });

  it("after a cast the vote page says when they voted and starts a recast from their own picks, never another pupil's", async () => {
    const { client, userId, k1, k2, h1 } = await freshVoter();
    await castAndReadReceipt(client, { koillinen: [k1.id, k2.id], "koko-kaupunki": [h1.id] });
    const row = (await participations(userId))[0] as ParticipationRow;
    const votedAt = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Helsinki" }).format(new Date(row.votedAt));
    const ticked = (html: string) => [...html.matchAll(/<input[^>]*>/gi)].map((m) => m[0]).filter((tag) => /\bchecked\b/i.test(tag)).map((tag) => /value="([^"]+)"/.exec(tag)?.[1]);

    for (const lang of ["en", "fi"] as const) {
      client.setLanguage(lang);
      const page = await client.get("/vote");
      expect(page.status).toBe(200);
      // Exactly the pupil's own three picks are ticked: adding one more keeps the others.
      expect(ticked(page.body).sort()).toEqual([k1.id, k2.id, h1.id].sort());
      if (lang === "en") expect(pageText(page.body)).toContain(`You voted on ${votedAt}. You can still change your vote until voting closes: the last vote counts. Your earlier picks are ticked below.`);
      else expect(pageText(page.body)).toMatch(/Äänestit .+\. Voit vielä muuttaa ääntäsi.+Aiemmat valintasi on merkitty valmiiksi alle\./);
    }

    // Another pupil of the same school sees an unticked ballot.
    const other = await freshVoter();
    const page = await other.client.get("/vote");
    expect(page.status).toBe(200);
    expect(ticked(page.body)).toEqual([]);
    expect(page.body).not.toContain("ballot-card--picked");

    // After a recast with one more pick, the ballot starts from the latest one.
    const { k3 } = other;
    await castAndReadReceipt(client, { koillinen: [k1.id, k2.id, k3.id], "koko-kaupunki": [h1.id] });
    expect(ticked((await client.get("/vote")).body).sort()).toEqual([k1.id, k2.id, k3.id, h1.id].sort());
  });
});

describe("who may vote, and when", () => {
  it("refuses a pupil of a class level that does not vote (403, translated) and writes nothing", async () => {
    const [k1] = await projectsIn(ROUND, "koillinen");
    if (!k1) throw new Error("demo projects missing");
    const client = await signedIn(PUPILS.malmi5, "en");
    const userId = await userIdOf(PUPILS.malmi5);
    const before = await totalCounts();

    const page = await client.get("/vote");
    expect(page.status).toBe(200);
    expect(pageText(page.body)).toContain("In this round pupils in classes 7, 8, 9, 10, 11, 12 can vote. You are in class 5.");
    expect(page.body).not.toContain('type="checkbox"');

    const res = await client.castBallot({ koillinen: [k1.id] });
    expect(res.status).toBe(403);
    expect(pageText(res.body)).toContain("In this round pupils in classes 7, 8, 9, 10, 11, 12 can vote. You are in class 5.");
    client.setLanguage("fi");
    const fi = await client.castBallot({ koillinen: [k1.id] });
    expect(fi.status).toBe(403);
    expect(pageText(fi.body)).toContain("Tällä kierroksella äänestävät luokkien 7, 8, 9, 10, 11, 12 oppilaat. Sinä olet luokalla 5.");
    client.setLanguage("sv");
    const sv = await client.castBallot({ koillinen: [k1.id] });
    expect(sv.status).toBe(403);
    expect(pageText(sv.body)).toContain("I den här omgången röstar elever i årskurserna 7, 8, 9, 10, 11, 12. Du går i årskurs 5.");

    expect(await participations(userId)).toEqual([]);
    expect(await totalCounts()).toEqual(before);
  });

  /** A new round with one project in koillinen, voting on the given days, and a pupil of it signed in (in English). */
  async function roundWithPupil(label: string, voting: [number, number], projectCode: string) {
    const slug = slugFor(label);
    await createRound(slug, { voting });
    await importProjects(slug, [{ code: projectCode, area: "koillinen", cost: 1000 }]);
    const [project] = await projectsOf(slug);
    if (!project) throw new Error("project missing");
    const [code] = await server.issueCodes({ round: slug, school: "00501", classLevel: 8, count: 1 });
    return { slug, project, code: code as string, client: await signedIn(code as string, "en") };
  }

  const votingDates = (start: number, end: number) => `Voting is open from ${formatDay(daysFromToday(start), "en")} to ${formatDay(daysFromToday(end), "en")}.`;

  /** A cast is refused (4xx) with the voting dates, and nothing is written. */
  async function expectCastRefused(pupil: { project: Project; code: string; client: Client }, dates: string) {
    const before = await totalCounts();
    const res = await pupil.client.castBallot({ koillinen: [pupil.project.id] });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(pageText(res.body)).toContain(dates);
    expect(await participations(await userIdOf(pupil.code))).toEqual([]);
    expect(await totalCounts()).toEqual(before);
  }

  it("refuses to cast before voting has started, with the dates, and writes nothing", async () => {
    const pupil = await roundWithPupil("later", [10, 20], "LAT-1");
    const dates = votingDates(10, 20);

    const page = await pupil.client.get("/vote");
    expect(page.status).toBe(200);
    expect(pageText(page.body)).toContain(dates);

    await expectCastRefused(pupil, dates);
  });

  it("refuses to cast after voting has ended (a session from before the end), saying when it ended, and writes nothing", async () => {
    const pupil = await roundWithPupil("ended", [-3, 3], "END-1");
    // Voting closes (yesterday) while the pupil is signed in.
    await createRound(pupil.slug, { voting: [-3, -1] });
    await expectCastRefused(pupil, `Voting in this round ended on ${formatDay(daysFromToday(-1), "en")}.`);
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
    userId = await userIdOf(code);
    koillinen = await projectsIn(ROUND, "koillinen");
    etelainen = await projectsIn(ROUND, "etelainen");
  });

  const ids = (list: Project[]) => list.map((p) => p.id);

  async function expectRefused(picks: Picks, message: string | RegExp) {
    const before = await totalCounts();
    for (const intent of ["review", "cast"]) {
      const res = await client.postBallot(intent, picks);
      expect(res.status, `${intent}: ${pageText(res.body).slice(0, 300)}`).toBe(400);
      if (typeof message === "string") expect(pageText(res.body)).toContain(message);
      else expect(pageText(res.body)).toMatch(message);
      expect(res.setCookies.has("omakoulu_receipt")).toBe(false);
    }
    expect(await participations(userId)).toEqual([]);
    expect(await totalCounts()).toEqual(before);
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
    expect(await participations(userId)).toHaveLength(1);
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
    const byCode = new Map((await projectsOf(slug)).map((p) => [p.code, p]));
    const id = (c: string) => (byCode.get(c) as Project).id;
    const [exact, over] = await server.issueCodes({ round: slug, school: "00501", classLevel: 8, count: 2 });

    const pupil = await signedIn(exact as string, "en");
    const page = await pupil.get("/vote");
    expect(page.status).toBe(200);
    expect(page.body).toContain(`value="${id("BUD-1")}"`);
    const review = await pupil.postBallot("review", { koillinen: [id("BUD-1"), id("BUD-2")] });
    expect(review.status).toBe(200);
    expect(pageText(review.body)).toContain(`${formatEuros(0, "en")} left of ${formatEuros(1000, "en")}`);
    const before = await ballotCount(slug);
    await castAndReadReceipt(pupil, { koillinen: [id("BUD-1"), id("BUD-2")] });
    expect(await ballotCount(slug)).toBe(before);
    await mix();
    expect(await ballotCount(slug)).toBe(before + 1);
    const row = (await participations(await userIdOf(exact as string)))[0] as ParticipationRow;
    expect((await ballotOf(row.id, "koillinen"))?.codes).toEqual(["BUD-1", "BUD-2"]);

    const other = await signedIn(over as string, "en");
    const totals = await totalCounts();
    const message = `North-Eastern: your picks cost ${formatEuros(1001, "en")}, which is ${formatEuros(1, "en")} over the budget of ${formatEuros(1000, "en")}.`;
    for (const intent of ["review", "cast"]) {
      const res = await other.postBallot(intent, { koillinen: [id("BUD-1"), id("BUD-2"), id("BUD-3")] });
      expect(res.status, intent).toBe(400);
      expect(pageText(res.body)).toContain(message);
    }
    expect(await participations(await userIdOf(over as string))).toEqual([]);
    expect(await totalCounts()).toEqual(totals);
  });
});

describe("concurrency", () => {
  it(
    "100 concurrent casts of one pupil leave exactly one participation and one ballot per picked area",
    async () => {
      const { client, userId, k1, k2, h1 } = await freshVoter();
      await mix();
      const before = await totalCounts();
      const body = voteForm("cast", { koillinen: [k1.id, k2.id], "koko-kaupunki": [h1.id] }).toString();
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

      const rows = await participations(userId);
      expect(rows).toHaveLength(1);
      expect((rows[0] as ParticipationRow).casts).toBe(successes);
      // Every acknowledged cast is in the box; the mix keeps the newest per area.
      expect(await server.db.prisma.ballotBox.count()).toBe(2 * successes);
      await mix();
      const participationId = (rows[0] as ParticipationRow).id;
      expect((await ballotOf(participationId, "koillinen"))?.codes).toEqual([k1.code, k2.code].sort());
      expect((await ballotOf(participationId, "koko-kaupunki"))?.codes).toEqual([h1.code]);
      const after = await totalCounts();
      expect(after.participations - before.participations).toBe(1);
      expect(after.ballots - before.ballots).toBe(2);
      expect(after.picks - before.picks).toBe(3);
    },
    180_000,
  );
});

describe("paper and online ballots exclude each other", () => {
  async function importPaper(rows: string[]) {
    const file = tmp.csv(`paper-${Date.now()}-${++unique}.csv`, ["code,area,projects", ...rows]);
    return server.cli(["import-paper-ballots", "--round", ROUND, file]);
  }

  it("a pupil who voted on paper cannot vote online", async () => {
    const code = await freshPupil();
    const [k1, k2] = await projectsIn(ROUND, "koillinen");
    if (!k1 || !k2) throw new Error("demo projects missing");
    const imported = await importPaper([`${code},koillinen,${k1.code} ${k2.code}`]);
    expect(imported.code, imported.stderr).toBe(0);
    const userId = await userIdOf(code);
    expect(await participations(userId)).toMatchObject([{ method: "paper", casts: 1 }]);
    const participationId = ((await participations(userId))[0] as ParticipationRow).id;
    await mix();
    expect((await ballotOf(participationId, "koillinen"))?.codes).toEqual([k1.code, k2.code].sort());

    const client = await signedIn(code, "en");
    const page = await client.get("/vote");
    expect(page.status).toBe(200);
    const text = pageText(page.body);
    expect(text).toContain("You have already voted on paper, so you cannot vote online.");
    expect(text).toContain("Your paper ballot was entered on");
    expect(page.body).not.toContain('type="checkbox"');

    const before = await totalCounts();
    const res = await client.castBallot({ koillinen: [k1.id] });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(pageText(res.body)).toContain("You have already voted on paper, so you cannot vote online.");
    expect(await participations(userId)).toMatchObject([{ method: "paper", casts: 1 }]);
    expect((await ballotOf(participationId, "koillinen"))?.codes).toEqual([k1.code, k2.code].sort());
    expect(await totalCounts()).toEqual(before);
  });

  it("a paper ballot is refused for a pupil who voted online, and nothing changes", async () => {
    const code = await freshPupil();
    const [k1, k2] = await projectsIn(ROUND, "koillinen");
    if (!k1 || !k2) throw new Error("demo projects missing");
    const client = await signedIn(code);
    await castAndReadReceipt(client, { koillinen: [k1.id] });
    await mix();
    const userId = await userIdOf(code);
    const participationId = ((await participations(userId))[0] as ParticipationRow).id;

    const before = await totalCounts();
    const imported = await importPaper([`${code},koillinen,${k2.code}`]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/already voted online/);
    expect(await participations(userId)).toMatchObject([{ method: "online", casts: 1 }]);
    expect((await ballotOf(participationId, "koillinen"))?.codes).toEqual([k1.code]);
    expect(await totalCounts()).toEqual(before);
  });
});

describe("the secret-ballot schema", () => {
  const FORBIDDEN_COLUMN = /user|participation|person|pupil|created|updated|voted|time|date|^at$|seq|order/i;

  // SQLite's catalogue; tests/integration/secret-ballot-postgres.test.ts checks PostgreSQL's.
  it.skipIf(onPostgres())("Ballot and BallotPick hold nothing about the voter or time, and refer only to Round, Ballot and BallotProject", () => {
    withSqlite(server.database.file, (db) => {
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
      // The ballot box holds sealed bytes only: no time, no person, a random id, no insertion order.
      expect((db.prepare(`PRAGMA table_info("BallotBox")`).all() as { name: string }[]).map((c) => c.name).sort()).toEqual(["id", "roundId", "sealed"]);
      expect((db.prepare(`PRAGMA foreign_key_list("BallotBox")`).all() as { table: string }[]).map((f) => f.table)).toEqual(["Round"]);
      expect(() => db.prepare(`SELECT rowid FROM "BallotBox"`).all(), "BallotBox has no rowid").toThrow();
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
      const codes = await server.issueCodes({ round: ROUND, school: "00501", classLevel: 8, count: 8 });
      const [k1] = await projectsIn(ROUND, "koillinen");
      if (!k1) throw new Error("demo projects missing");
      const inserted: string[] = [];
      for (const code of codes) {
        const client = await signedIn(code);
        const before = await ballotIds();
        await castAndReadReceipt(client, { koillinen: [k1.id] });
        await mix();
        const added = [...(await ballotIds())].filter((id) => !before.has(id));
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
      // The table's own order (no ORDER BY) is its primary key's, not the order of insertion (SQLite's
      // WITHOUT ROWID; PostgreSQL's heap order is the mixer's shuffle: secret-ballot-postgres.test.ts).
      if (!onPostgres()) {
        withSqlite(server.database.file, (db) => {
          const physical = (db.prepare(`SELECT * FROM "Ballot" NOT INDEXED`).all() as { id: string }[]).map((r) => r.id);
          expect(physical).toEqual([...physical].sort());
        });
      }
    },
    120_000,
  );
});
