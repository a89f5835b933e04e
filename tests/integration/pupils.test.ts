// Pupils sign in with the codes their teacher hands out: forgiving typing, their own school only,
// only while their round runs, and codes issued from the CLI work straight away.
import { beforeAll, describe, expect, it } from "vitest";
import { codeHashOf } from "../support/fixtures";
import { Client, DEMO_ROUNDS, GENEROUS_SIGNIN_LIMITS, pageText, PUPILS, runCli, SESSION_COOKIE, setupServer, type CliResult } from "./harness";

/** Codes printed by `issue-codes` (run before the server starts: see database.test.ts). */
let issued: CliResult;
const server = setupServer({
  label: "pupils",
  ...GENEROUS_SIGNIN_LIMITS,
  beforeStart: async (database) => {
    issued = await runCli(["issue-codes", "--round", DEMO_ROUNDS.current, "--school", "00101", "--class-level", "8", "--count", "2"], database.url);
  },
});

describe("code sign-in", () => {
  it("ignores case, spaces and dashes, and reads O as 0 and I/L as 1", async () => {
    const typings = [
      "DEM0-0000-0001",
      "dem0 0000 0001",
      "dem000000001",
      "  DEM0 - 0000 - 0001  ",
      "DEMO-OOOO-OOO1",
      "dem0-0000-000l",
      "DEM0–0000–000I",
    ];
    for (const code of typings) {
      const client = server.client();
      const res = await client.post("/login/code", { code });
      expect(res.status, code).toBe(302);
      expect(res.location).toBe("/account");
      expect(client.cookies.has(SESSION_COOKIE)).toBe(true);
      const account = await client.get("/account");
      expect(account.status).toBe(200);
      expect(pageText(account.body)).toContain("Malmin peruskoulu");
    }
  });

  it("accepts the code on its own school's page and refuses it on another school's", async () => {
    const ok = server.client();
    const res = await ok.post("/login/code", { code: PUPILS.malmi8, school: "00501", redirectTo: "/account" });
    expect(res.status).toBe(302);

    const other = server.client();
    const refused = await other.post("/login/code", { code: PUPILS.malmi8, school: "00101" });
    expect(refused.status).toBe(403);
    expect(pageText(refused.body)).toContain("tämä koodi kuuluu toiselle koululle");
    expect(other.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it("the school's own sign-in page names the school and carries its code", async () => {
    const page = await server.client().get("/login/code?school=00501");
    expect(page.status).toBe(200);
    expect(pageText(page.body)).toContain("Malmin peruskoulu");
    expect(page.body).toMatch(/<input[^>]*name="school"[^>]*value="00501"|<input[^>]*value="00501"[^>]*name="school"/);
  });

  it("a code of an ended round still signs in, read-only: the pupil follows their round, cannot vote or propose", async () => {
    const client = server.client();
    const res = await client.post("/login/code", { code: PUPILS.ended });
    expect(res.status).toBe(302);
    expect(client.cookies.has(SESSION_COOKIE)).toBe(true);

    const account = pageText((await client.get("/account")).body);
    expect(account).toContain("OmaKoulu 2025");

    // The ballot page says voting has ended, with the date, and offers no ballot.
    const vote = await client.get("/vote");
    expect(vote.status).toBe(200);
    expect(pageText(vote.body)).toMatch(/Tämän kierroksen äänestys päättyi \d{1,2}\.\d{1,2}\.\d{4}\. Voit yhä seurata ideoitasi/);
    expect(vote.body).not.toMatch(/<input[^>]*type="checkbox"/);
    const cast = await client.castBallot({ koillinen: [] });
    expect(cast.status).toBeGreaterThanOrEqual(400);
    expect(cast.status).toBeLessThan(500);

    // Proposing is closed too.
    const ideas = await server.db.prisma.proposal.count();
    const propose = await client.post("/ideas/new", { intent: "submit", title: "Uusi penkki pihalle", description: "Pihalle tarvitaan lisää penkkejä istumiseen.", area: "koillinen", sector: "basic" });
    expect(propose.status).toBe(403);
    expect(await server.db.prisma.proposal.count()).toBe(ideas);

    const sv = server.client({ headers: { "Accept-Language": "sv-FI" } });
    await sv.signInWithCode(PUPILS.ended);
    expect(pageText((await sv.get("/vote")).body)).toMatch(/Omröstningen i den här omgången avslutades/);
  });

  it("refuses an unknown code with 401 and never echoes a code back", async () => {
    const client = server.client();
    const res = await client.post("/login/code", { code: "ZZZZ-ZZZZ-ZZZZ" });
    expect(res.status).toBe(401);
    expect(pageText(res.body)).toContain("tämä koodi ei toimi");
    expect(res.body).not.toMatch(/ZZZZ-?ZZZZ-?ZZZZ/);
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
  });
});

describe("codes issued with the CLI", () => {
  let codes: string[] = [];

  beforeAll(() => {
    expect(issued.code, issued.stderr).toBe(0);
    const lines = issued.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toBe("code");
    codes = lines.slice(1);
  });

  it("prints two distinct codes in the printed form", () => {
    expect(codes).toHaveLength(2);
    expect(new Set(codes).size).toBe(2);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it("stores only hashes of the codes", async () => {
    const users = server.db.prisma.user;
    for (const code of codes) {
      const row = await users.findUnique({ where: { codeHash: codeHashOf(code) }, select: { role: true, classLevel: true, displayName: true } });
      expect(row).toMatchObject({ role: "pupil", classLevel: 8 });
      expect(row?.displayName).not.toContain(code);
    }
    const leaked = await users.count({ where: { OR: [{ codeHash: { in: codes } }, { displayName: { in: codes } }] } });
    expect(leaked).toBe(0);
  });

  it("a new code signs in, also on its school's page, and shows the pupil's school and class", async () => {
    const [first = ""] = codes;
    const client = await server.signedInPupil(first.toLowerCase(), { school: "00101" });
    const account = await client.get("/account");
    expect(account.status).toBe(200);
    const text = pageText(account.body);
    expect(text).toContain("Ressun peruskoulu");
    expect(text).toMatch(/\b8\b/);
    expect(account.body).not.toContain(first);

    const wrongSchool = await server.client().post("/login/code", { code: first, school: "00501" });
    expect(wrongSchool.status).toBe(403);
  });

  it("a revoked code no longer signs in, and its open session ends", async () => {
    const [, second = ""] = codes;
    const client = await server.signedInPupil(second);
    expect((await client.get("/account")).status).toBe(200);

    expect(await server.db.revokeCode(second)).toBe(1);

    const again = await server.client().post("/login/code", { code: second });
    expect(again.status).toBe(401);
    expect(pageText(again.body)).toContain("tämä koodi ei toimi");

    const stale = await client.get("/account");
    expect(stale.status).toBe(302);
    expect(stale.location).toMatch(/^\/login\?/);
  });

  it("the demo pupils are unaffected by newly issued codes", async () => {
    const client = new Client(server.baseUrl);
    await client.signInWithCode(PUPILS.topelius9, "00105");
  });
});
