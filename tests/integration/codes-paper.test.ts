// Staff issue sign-in code sheets (printable page and CSV), revoke codes, and enter paper ballots;
// coordinators import paper ballots from a file (all-or-nothing). docs/domain.md and §3.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Fixtures } from "../support/fixtures";
import {
  ACCOUNTS,
  castDirectly,
  DEMO_ROUNDS,
  GENEROUS_SIGNIN_LIMITS,
  issueCodes,
  runCli,
  pageText,
  PUPILS,
  removeDatabase,
  seedDemo,
  SESSION_COOKIE,
  tmpDatabase,
  setupServer,
  setupTmpDir,
  type Client,
  type Credentials,
  type Picks,
  type TestDatabase,
} from "./harness";

const ROUND = DEMO_ROUNDS.current;

const server = setupServer({ label: "codes-paper", ...GENEROUS_SIGNIN_LIMITS });
const tmp = setupTmpDir("codes-paper");

function staff(account: Credentials = ACCOUNTS.staff): Promise<Client> {
  return server.signedIn(account, { headers: { "Accept-Language": "en" } });
}

/** Project ids of the demo round by code. */
async function projectIds(db: Fixtures = server.db): Promise<Map<string, string>> {
  return new Map((await db.roundProjects(ROUND)).map((p) => [p.code, p.id]));
}

async function participation(userId: string, db: Fixtures = server.db) {
  return (await db.prisma.participation.findFirst({ where: { userId }, select: { method: true, schoolId: true, classLevel: true } })) ?? undefined;
}

/** Casts an online ballot straight through castBallot (what the pupil's voting page calls). */
function castOnline(code: string, picks: Picks) {
  return castDirectly(server.database.url, code, picks);
}

const slipCodes = (html: string) => [...html.matchAll(/class="slip__code">([0-9A-Z-]+)</g)].map((m) => m[1] as string);

describe("sign-in code sheets", () => {
  it("issues N codes as a printable, translated sheet whose codes sign in", async () => {
    const client = await staff();
    const form = await client.get("/codes");
    expect(form.status).toBe(200);
    expect(form.body).toContain('name="classLevel"');
    expect(form.body).toMatch(/<link[^>]+rel="stylesheet"[^>]+codes[^"]*\.css/);

    const res = await client.post("/codes", { intent: "sheet", round: ROUND, school: "00501", classLevel: "8", count: "3" });
    expect(res.status, pageText(res.body).slice(0, 500)).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const codes = slipCodes(res.body);
    expect(codes).toHaveLength(3);
    expect(new Set(codes).size).toBe(3);
    const text = pageText(res.body);
    expect(text).toMatch(/Sign-in codes: [^,]+, class 8/);
    expect(text).toContain("shown only now");
    expect(text.match(/Pseudonym: 8-[0-9A-Z]{4}/g)).toHaveLength(3);
    expect(text).toContain(`${server.baseUrl}/login/code?school=00501`);
    // The codes are in the database only as hashes.
    const dump = JSON.stringify(await server.db.prisma.user.findMany()) + JSON.stringify(await server.db.prisma.auditLog.findMany());
    for (const code of codes) expect(dump).not.toContain(code);
    for (const code of codes) await server.signedInPupil(code, { school: "00501" });
    // The class's list shows the new accounts.
    const list = await client.get("/codes?school=00501&classLevel=8");
    expect(list.status).toBe(200);
    expect(pageText(list.body).match(/8-[0-9A-Z]{4}/g)?.length).toBeGreaterThanOrEqual(3);
  });

  it("refuses counts and class levels out of range, with translated messages", async () => {
    const client = await staff();
    const res = await client.post("/codes", { intent: "sheet", round: ROUND, school: "00501", classLevel: "13", count: "201" });
    expect(res.status).toBe(400);
    const text = pageText(res.body);
    expect(text).toContain("Number of codes: a whole number from 1 to 200.");
    expect(text).toContain("Class: choose a class from 1 to 12.");
    expect(slipCodes(res.body)).toHaveLength(0);
  });

  it("downloads the codes as a UTF-8 CSV with a BOM and a header", async () => {
    const client = await staff();
    // The page's form sends the CSV button to /codes/csv; a post of intent=csv to /codes is sent on there.
    const hop = await client.post("/codes", { intent: "csv", round: ROUND, school: "00502", classLevel: "11", count: "4" });
    expect(hop.status).toBe(307);
    expect(hop.location).toBe("/codes/csv");
    const res = await fetch(`${server.baseUrl}/codes/csv`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `${SESSION_COOKIE}=${client.cookies.get(SESSION_COOKIE)}` },
      body: new URLSearchParams({ intent: "csv", round: ROUND, school: "00502", classLevel: "11", count: "4" }).toString(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toBe("code,pseudonym,school,class_level");
    expect(lines).toHaveLength(5);
    for (const line of lines.slice(1)) expect(line).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4},11-[0-9A-Z]{4},00502,11$/);
    const first = lines[1]?.split(",")[0] as string;
    await server.signedInPupil(first);
  });

  it("refuses staff of another school: 403 on GET with ?school, on POST, on the CSV and on revoke", async () => {
    const client = await staff(ACCOUNTS.staffSv);
    expect((await client.get("/codes")).status).toBe(200);
    expect((await client.get("/codes?school=00501")).status).toBe(403);
    expect((await client.post("/codes", { intent: "sheet", round: ROUND, school: "00501", classLevel: "8", count: "2" })).status).toBe(403);
    const csv = await client.post("/codes/csv", { intent: "csv", round: ROUND, school: "00501", classLevel: "8", count: "2" });
    expect(csv.status).toBe(403);
    expect(csv.body).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect((await client.post("/codes", { intent: "revoke", userId: await server.db.pupilId(PUPILS.malmi5) })).status).toBe(403);
    expect((await server.client().post("/login/code", { code: PUPILS.malmi5 })).status).toBe(302);
    // Pupils never reach the page.
    const pupil = await server.signedInPupil(PUPILS.topelius9);
    expect((await pupil.get("/codes")).status).toBe(403);
  });

  it("revokes a code: it no longer signs in and the pupil's open session ends", async () => {
    const client = await staff();
    const sheet = await client.post("/codes", { intent: "sheet", round: ROUND, school: "00501", classLevel: "7", count: "1" });
    const [code] = slipCodes(sheet.body);
    expect(code).toBeTruthy();
    const pupil = await server.signedInPupil(code as string);
    expect((await pupil.get("/account")).status).toBe(200);

    const userId = await server.db.pupilId(code as string);
    const res = await client.post("/codes", { intent: "revoke", userId });
    expect(res.status).toBe(303);
    const back = await client.get(res.location as string);
    expect(pageText(back.body)).toMatch(/The code of 7-[0-9A-Z]{4} was revoked/);
    expect(pageText(back.body)).toContain("Revoked");

    const after = await pupil.get("/account");
    expect(after.status).toBe(302);
    expect(after.location).toMatch(/^\/login/);
    expect((await server.client().post("/login/code", { code: code as string })).status).toBe(401);
    expect(await server.db.prisma.session.count({ where: { userId } })).toBe(0);
    expect(await server.db.prisma.auditLog.count({ where: { action: "codes.revoke", subjectId: userId } })).toBe(1);
  });
});

describe("paper ballots", () => {
  it("enters a paper ballot: a paper participation and a ballot with the picks, no receipt shown", async () => {
    const client = await staff();
    expect((await client.get("/paper")).status).toBe(200);
    const step2 = await client.post("/paper", { intent: "find", code: PUPILS.malmi8 });
    expect(step2.status).toBe(200);
    const text = pageText(step2.body);
    expect(text).toContain("Paper ballot of pupil 8-DEM1");
    expect(text).toContain("Sports equipment for Malmi school yards");
    expect(step2.body).toContain('name="pick:koillinen"');
    expect(step2.body).toContain('name="pick:koko-kaupunki"');

    const ids = await projectIds();
    // Ballots are counted once the ballot box is mixed (docs/decisions/009-ballot-box.md).
    const mix = () => server.cliOk(["mix-ballots", "--force"]);
    await mix();
    const before = await server.db.ballotSummaries();
    const form = new URLSearchParams({ intent: "save", code: PUPILS.malmi8 });
    form.append("pick:koillinen", ids.get("KOI-01") as string);
    form.append("pick:koillinen", ids.get("KOI-04") as string);
    form.append("pick:koko-kaupunki", ids.get("HKI-02") as string);
    const saved = await client.post("/paper", form);
    expect(saved.status, pageText(saved.body).slice(0, 600)).toBe(200);
    expect(pageText(saved.body)).toContain("The paper ballot was saved.");
    // No receipt on the page (the page's strings, which mention receipts, travel as data in a script).
    expect(pageText(saved.body)).not.toMatch(/receipt/i);
    expect((await participation(await server.db.pupilId(PUPILS.malmi8)))?.method).toBe("paper");
    expect(await server.db.ballotSummaries()).toEqual(before);
    await mix();
    const after = await server.db.ballotSummaries();
    expect(after).toHaveLength(before.length + 2);
    expect(after).toEqual(expect.arrayContaining(["koillinen: KOI-01 KOI-04", "koko-kaupunki: HKI-02"]));

    // The pupil cannot also vote online, and a second paper ballot is refused.
    const online = await castOnline(PUPILS.malmi8, { koillinen: [ids.get("KOI-02") as string] });
    expect(online).toEqual({ ok: false, refusal: { code: "voted-on-paper" } });
    const again = await client.post("/paper", form);
    expect(again.status).toBe(409);
    expect(pageText(again.body)).toContain("Code: this pupil's paper ballot has already been entered.");
    expect((await participation(await server.db.pupilId(PUPILS.malmi8)))?.method).toBe("paper");
  });

  it("refuses a pupil who already voted online", async () => {
    const ids = await projectIds();
    const online = await castOnline(PUPILS.malmiLukio11, { koillinen: [ids.get("KOI-02") as string] });
    expect(online.ok).toBe(true);
    const client = await staff();
    const form = new URLSearchParams({ intent: "save", code: PUPILS.malmiLukio11 });
    form.append("pick:koillinen", ids.get("KOI-03") as string);
    const res = await client.post("/paper", form);
    expect(res.status).toBe(409);
    expect(pageText(res.body)).toContain("Code: this pupil has already voted online, so their paper ballot cannot be entered.");
    expect((await participation(await server.db.pupilId(PUPILS.malmiLukio11)))?.method).toBe("online");
  });

  it("refuses a pupil who is not eligible, too many picks (keeping them checked), unknown codes and other schools' pupils", async () => {
    const client = await staff();
    const ids = await projectIds();
    const ineligible = new URLSearchParams({ intent: "save", code: PUPILS.malmi5 });
    ineligible.append("pick:koillinen", ids.get("KOI-01") as string);
    const refused = await client.post("/paper", ineligible);
    expect(refused.status).toBe(403);
    expect(pageText(refused.body)).toContain("Code: this pupil is in class 5");
    expect(await participation(await server.db.pupilId(PUPILS.malmi5))).toBeUndefined();

    // A fresh eligible pupil, six picks where at most five are allowed.
    const sheet = await client.post("/codes", { intent: "sheet", round: ROUND, school: "00501", classLevel: "9", count: "1" });
    const [code] = slipCodes(sheet.body);
    const tooMany = new URLSearchParams({ intent: "save", code: code as string });
    for (const c of ["KOI-01", "KOI-02", "KOI-03", "KOI-04", "KOI-05", "KOI-06"]) tooMany.append("pick:koillinen", ids.get(c) as string);
    const invalid = await client.post("/paper", tooMany);
    expect(invalid.status).toBe(400);
    expect(pageText(invalid.body)).toContain("at most 5 are allowed");
    expect(invalid.body.match(/checked=""/g)).toHaveLength(6);
    expect(await participation(await server.db.pupilId(code as string))).toBeUndefined();

    const unknown = await client.post("/paper", { intent: "find", code: "ZZZZ-ZZZZ-ZZZZ" });
    expect(unknown.status).toBe(400);
    expect(pageText(unknown.body)).toContain("no pupil has this code, or it was revoked");

    const other = await staff(ACCOUNTS.staffSv);
    const foreign = await other.post("/paper", { intent: "find", code: PUPILS.malmi8 });
    expect(foreign.status).toBe(403);
    expect(pageText(foreign.body)).toContain("this pupil is not in one of your schools");
    expect(foreign.body).not.toContain("8-DEM1");
  });
});

describe("import-paper-ballots", () => {
  // A database of its own, without a server.
  const database: TestDatabase = tmpDatabase("paper-import");
  const db = new Fixtures(database);
  let codes: string[];
  beforeAll(async () => {
    await seedDemo(database);
    codes = await issueCodes(database.url, { round: ROUND, school: "00501", classLevel: 8, count: 4 });
  });
  afterAll(async () => {
    await db.close();
    removeDatabase(database);
  });

  const csvFile = (name: string, text: string): string => tmp.write(`${name}.csv`, text);
  const importPaper = (file: string) => runCli(["import-paper-ballots", "--round", ROUND, file], database.url);
  const paperParticipations = () => db.prisma.participation.count({ where: { method: "paper" } });
  const participations = () => db.prisma.participation.count();
  const ballotCount = () => db.prisma.ballot.count();
  /** Ballots counted and ballots still sealed in the ballot box. */
  const stored = async () => ({ ballots: await db.prisma.ballot.count(), sealed: await db.prisma.ballotBox.count() });
  const mix = async () => expect((await runCli(["mix-ballots", "--force"], database.url)).code).toBe(0);

  it("imports a good file: a paper participation per pupil and a ballot per row", async () => {
    const [a, b] = codes as [string, string];
    const paperBefore = await paperParticipations();
    const ballotsBefore = await ballotCount();
    const file = csvFile("paper-good", `\uFEFFcode,area,projects\n${a},koillinen,KOI-01 KOI-02\n${a},koko-kaupunki,HKI-01\n${b},koillinen,KOI-06\n`);
    const result = await importPaper(file);
    expect(result.code, result.stderr).toBe(0);
    expect(await paperParticipations()).toBe(paperBefore + 2);
    // The import went through the ballot box: sealed, one entry per area of each pupil's ballot, and counted by the mix.
    expect(await ballotCount()).toBe(ballotsBefore);
    expect((await stored()).sealed).toBe(4);
    await mix();
    expect(await stored()).toEqual({ ballots: ballotsBefore + 3, sealed: 0 });
    expect(await db.ballotSummaries()).toEqual(expect.arrayContaining(["koillinen: KOI-01 KOI-02", "koko-kaupunki: HKI-01", "koillinen: KOI-06"]));
    expect((await participation(await db.pupilId(a), db))?.method).toBe("paper");
  });

  it("rejects a file with an error on line 3, naming the line and column, and writes nothing (not even line 2)", async () => {
    const [, , c, d] = codes as [string, string, string, string];
    const before = await participations();
    const storedBefore = await stored();
    const file = csvFile("paper-bad", `code,area,projects\n${c},koillinen,KOI-03\n${d},koillinen,KOI-01 NOPE-99\n`);
    const result = await importPaper(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Error: ${file}: line 3, column 3 (projects):`);
    expect(result.stderr).toContain("NOPE-99");
    expect(await participations()).toBe(before);
    expect(await stored()).toEqual(storedBefore);
    expect(await participation(await db.pupilId(c), db)).toBeUndefined();

    const rules = csvFile("paper-rules", `code,area,projects\n${c},koillinen,KOI-01 KOI-02 KOI-03 KOI-04 KOI-05 KOI-06\n`);
    const tooMany = await importPaper(rules);
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toMatch(/line 2, column 3 \(projects\): .*at most 5/);

    const area = csvFile("paper-area", `code,area,projects\n${c},etelainen,ETE-01\n`);
    const wrongArea = await importPaper(area);
    expect(wrongArea.code).toBe(1);
    expect(wrongArea.stderr).toMatch(/line 2, column 2 \(area\): this pupil cannot vote in area "etelainen"/);

    const dup = csvFile("paper-dup", `code,area,projects\n${c},koillinen,KOI-03\n${c},koillinen,KOI-04\n`);
    const twice = await importPaper(dup);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/line 3, column \d \(\w+\): .*already on line 2/);
    expect(await participation(await db.pupilId(c), db)).toBeUndefined();
  });

  it("refuses a code that already voted, unknown and ineligible codes", async () => {
    const [a] = codes as [string];
    const again = csvFile("paper-again", `code,area,projects\n${a},koillinen,KOI-05\n`);
    const result = await importPaper(again);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line 2, column 1 \(code\): this pupil has already voted on paper/);

    const unknown = csvFile("paper-unknown", `code,area,projects\nZZZZ-ZZZZ-ZZZZ,koillinen,KOI-05\n`);
    const noSuch = await importPaper(unknown);
    expect(noSuch.code).toBe(1);
    expect(noSuch.stderr).toMatch(/line 2, column 1 \(code\): no pupil has the code/);

    const young = csvFile("paper-young", `code,area,projects\n${PUPILS.malmi5},koillinen,KOI-05\n`);
    const ineligible = await importPaper(young);
    expect(ineligible.code).toBe(1);
    expect(ineligible.stderr).toMatch(/line 2, column 1 \(code\): this pupil is in class 5/);
  });
});
