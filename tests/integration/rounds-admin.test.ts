// Creating and editing rounds: `create-round FILE.json` and `import-projects --round SLUG FILE.csv`
// (docs/cli.md), run beside a running server, and the coordinator's pages /rounds/new and
// /rounds/SLUG/edit (one schema for both; phases in order without overlaps; all-or-nothing).
import { beforeAll, describe, expect, it } from "vitest";
import { docsExampleRound, daysFromToday } from "../support/rounds";
import { ACCOUNTS, GENEROUS_SIGNIN_LIMITS, pageText, PUPILS, setupServer, setupTmpDir, type Client } from "./harness";

const server = setupServer({ label: "rounds-admin", ...GENEROUS_SIGNIN_LIMITS });
const tmp = setupTmpDir("rounds-admin");
let coordinator: Client;
let coordinatorEn: Client;

beforeAll(async () => {
  coordinator = await server.signedIn(ACCOUNTS.coordinator);
  coordinatorEn = await server.signedIn(ACCOUNTS.coordinator, { headers: { "Accept-Language": "en" } });
});

const roundCount = () => server.db.prisma.round.count();
const roundRow = async (slug: string) =>
  (await server.db.prisma.round.findUnique({
    where: { slug },
    select: { id: true, nameEn: true, ballotStyle: true, maxPicks: true, rule: true, classLevels: true, votingEnd: true },
  })) ?? undefined;
const budgetsOf = (slug: string) =>
  server.db.prisma.roundArea.findMany({ where: { round: { slug } }, select: { areaSlug: true, budget: true }, orderBy: { areaSlug: "asc" } });
const projectsOf = (slug: string) =>
  server.db.prisma.ballotProject.findMany({
    where: { round: { slug } },
    select: { code: true, titleFi: true, areaSlug: true, sector: true, cost: true },
    orderBy: { code: "asc" },
  });
const auditCount = (action?: string) => server.db.auditCount(action);

/** The example of docs/cli.md, in 2027, as `slug`. */
function definition(slug: string, changes: Record<string, unknown> = {}) {
  return { ...docsExampleRound(slug, 2027), ...changes };
}

const json = (name: string, value: unknown) => tmp.json(name, value);
const csv = (name: string, lines: string[]) => tmp.csv(name, lines);
const CSV_HEADER = "code,title_fi,title_sv,title_en,area,sector,cost";

describe("create-round FILE.json", () => {
  it("creates the round from a good file; coordinators then see it", async () => {
    const before = await auditCount("round.create");
    const file = json("good.json", definition("cli-2027"));
    const result = await server.cli(["create-round", file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("cli-2027");

    expect(await roundRow("cli-2027")).toMatchObject({ nameEn: "OmaStadi 2026", ballotStyle: "approval", maxPicks: 5, rule: "greedy", classLevels: "7,8,9,10,11,12" });
    expect(await budgetsOf("cli-2027")).toEqual([
      { areaSlug: "etelainen", budget: 1200000 },
      { areaSlug: "itainen", budget: 1500000 },
    ]);
    expect(await auditCount("round.create")).toBe(before + 1);

    const page = await coordinatorEn.get("/rounds/cli-2027");
    expect(page.status).toBe(200);
    const text = pageText(page.body);
    expect(text).toContain("OmaStadi 2026");
    expect(text).toContain("Southern");
    expect(page.body).toContain('href="/rounds/cli-2027/edit"');
  });

  it("updates the round with the same slug (upsert) and replaces its areas", async () => {
    const file = json(
      "update.json",
      definition("cli-2027", {
        name: { fi: "OmaStadi 2027", sv: "OmaStadi 2027", en: "OmaStadi 2027" },
        ballot: { style: "budget" },
        rule: "equal-shares",
        areas: [
          { area: "itainen", budget: 900000 },
          { area: "koko-kaupunki", budget: 2000000 },
        ],
      }),
    );
    const before = await roundCount();
    const result = await server.cli(["create-round", file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/updated/);
    expect(await roundCount()).toBe(before);
    expect(await roundRow("cli-2027")).toMatchObject({ nameEn: "OmaStadi 2027", ballotStyle: "budget", maxPicks: null, rule: "equal-shares" });
    expect(await budgetsOf("cli-2027")).toEqual([
      { areaSlug: "itainen", budget: 900000 },
      { areaSlug: "koko-kaupunki", budget: 2000000 },
    ]);
    expect(await auditCount("round.update")).toBeGreaterThanOrEqual(1);
  });

  const bad: Array<[string, string, () => string, RegExp]> = [
    [
      "overlapping phases",
      "overlap.json",
      () => json("overlap.json", definition("bad-overlap", { phases: { proposals: ["2027-01-10", "2027-03-05"], review: ["2027-03-01", "2027-03-10"], voting: ["2027-03-11", "2027-03-29"], results: "2027-04-15" } })),
      /phases\.review\[0\]: the review phase must start after the proposals phase has ended \(2027-03-05\)/,
    ],
    [
      "a phase that ends before it starts",
      "backwards.json",
      () => json("backwards.json", definition("bad-backwards", { phases: { proposals: ["2027-01-10", "2027-02-28"], review: ["2027-03-01", "2027-03-10"], voting: ["2027-03-20", "2027-03-11"], results: "2027-04-15" } })),
      /phases\.voting\[1\]: the voting phase ends before it starts/,
    ],
    [
      "an unknown area",
      "area.json",
      () => json("area.json", definition("bad-area", { areas: [{ area: "espoo", budget: 100 }] })),
      /areas\[0\]\.area: the area must be one of etelainen/,
    ],
    [
      "maxPicks with the budget style",
      "maxpicks.json",
      () => json("maxpicks.json", definition("bad-maxpicks", { ballot: { style: "budget", maxPicks: 5 } })),
      /ballot\.maxPicks: "maxPicks" is only for the approval ballot style/,
    ],
    [
      "invalid JSON",
      "syntax.json",
      () => tmp.write("syntax.json", '{\n  "slug": "bad-syntax",\n  "rule": "greedy",\n}\n'),
      /line 4, column 1: the file is not valid JSON/,
    ],
    [
      "an unknown school",
      "school.json",
      () => json("school.json", definition("bad-school", { scope: "school", school: "99999" })),
      /school: no school has the code "99999"/,
    ],
  ];

  it.each(bad)("rejects %s: exit 1, names the file and the path, writes nothing", async (_, name, make, message) => {
    const file = make();
    const rounds = await roundCount();
    const audits = await auditCount();
    const result = await server.cli(["create-round", file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^Error: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `));
    expect(result.stderr).toContain(name);
    expect(result.stderr).toMatch(message);
    expect(await roundCount()).toBe(rounds);
    expect(await auditCount()).toBe(audits);
  });

  it("a missing file is exit 1 and a missing argument is a usage error", async () => {
    expect((await server.cli(["create-round", tmp.file("nope.json")])).code).toBe(1);
    expect((await server.cli(["create-round"])).code).toBe(2);
  });

  it("--help lists the new commands", async () => {
    const result = await server.cli(["--help"]);
    expect(result.stdout).toContain("create-round FILE.json");
    expect(result.stdout).toContain("import-projects --round SLUG FILE.csv");
  });
});

describe("import-projects --round SLUG FILE.csv", () => {
  const SLUG = "projects-2027";

  beforeAll(async () => {
    const result = await server.cli(["create-round", json("projects-round.json", definition(SLUG))]);
    expect(result.code, result.stderr).toBe(0);
  });

  it("imports a good file into BallotProject and upserts by code", async () => {
    const file = csv("good.csv", [
      CSV_HEADER,
      "ITA-01,Kiipeilyseinä,Klättervägg,Climbing wall,itainen,basic,25000",
      'ETE-01,"Penkit, pöydät",Bänkar och bord,Benches and tables,etelainen,upper-secondary,8000',
    ]);
    const result = await server.cli(["import-projects", "--round", SLUG, file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("2 projects");
    expect(await projectsOf(SLUG)).toEqual([
      { code: "ETE-01", titleFi: "Penkit, pöydät", areaSlug: "etelainen", sector: "upper-secondary", cost: 8000 },
      { code: "ITA-01", titleFi: "Kiipeilyseinä", areaSlug: "itainen", sector: "basic", cost: 25000 },
    ]);
    expect(await auditCount("projects.import")).toBe(1);

    const again = csv("update.csv", [CSV_HEADER, "ITA-01,Kiipeilyseinä ja matot,Klättervägg,Climbing wall,itainen,basic,27000"]);
    const second = await server.cli(["import-projects", "--round", SLUG, again]);
    expect(second.code, second.stderr).toBe(0);
    expect(await projectsOf(SLUG)).toHaveLength(2);
    expect((await projectsOf(SLUG)).find((p) => p.code === "ITA-01")).toMatchObject({ titleFi: "Kiipeilyseinä ja matot", cost: 27000 });
  });

  it("a bad line 3 aborts the import: exit 1, names line 3 and the column, nothing written (not even line 2)", async () => {
    const before = await projectsOf(SLUG);
    const file = csv("bad-line3.csv", [CSV_HEADER, "ITA-09,Uusi,Ny,New,itainen,basic,100", "ITA-10,Toinen,Andra,Second,itainen,basic,12.5"]);
    const result = await server.cli(["import-projects", "--round", SLUG, file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Error: ${file}: line 3, column 7 (cost)`);
    expect(result.stderr).toMatch(/whole number of euros/);
    expect(await projectsOf(SLUG)).toEqual(before);
  });

  it("rejects an area that has no budget in the round, naming the line and the area column", async () => {
    const before = await projectsOf(SLUG);
    const audits = await auditCount("projects.import");
    const file = csv("no-budget.csv", [CSV_HEADER, "ITA-11,Uusi,Ny,New,itainen,basic,100", "KES-01,Kolmas,Tredje,Third,keskinen,basic,100"]);
    const result = await server.cli(["import-projects", "--round", SLUG, file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}: line 3, column 5 (area)`);
    expect(result.stderr).toMatch(/"keskinen" has no budget in round projects-2027/);
    expect(await projectsOf(SLUG)).toEqual(before);
    expect(await auditCount("projects.import")).toBe(audits);
  });

  it("rejects duplicate codes naming both lines, an unknown round, and a missing --round", async () => {
    const dup = csv("dup.csv", [CSV_HEADER, "X-1,A,B,C,itainen,basic,1", "X-2,A,B,C,itainen,basic,1", "X-1,A,B,C,itainen,basic,1"]);
    const result = await server.cli(["import-projects", "--round", SLUG, dup]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line 4, column 1 \(code\).*line 2/);

    const unknown = await server.cli(["import-projects", "--round", "no-such-round", dup.replace("dup", "good")]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no-such-round");

    expect((await server.cli(["import-projects", dup])).code).toBe(2);
  });

  it("create-round refuses to drop an area that has ballot projects, and changes nothing", async () => {
    const file = json("drop-area.json", definition(SLUG, { areas: [{ area: "etelainen", budget: 1 }] }));
    const before = await budgetsOf(SLUG);
    const result = await server.cli(["create-round", file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/areas: the area "itainen" already has \d ballot project/);
    expect(await budgetsOf(SLUG)).toEqual(before);
  });
});

describe("a round whose voting has started", () => {
  // Voting opened two weeks ago and closes in two weeks (dates relative to today, Helsinki time).
  const day = daysFromToday;
  const live = (changes: Record<string, unknown> = {}) =>
    definition("live-round", {
      phases: { proposals: [day(-60), day(-31)], review: [day(-30), day(-15)], voting: [day(-14), day(14)], results: day(21) },
      ...changes,
    });

  it("keeps its ballot, rule and budgets, but names and later dates may still change", async () => {
    expect((await server.cli(["create-round", json("live.json", live())])).code).toBe(0);
    const before = await roundRow("live-round");

    const rule = await server.cli(["create-round", json("live-rule.json", live({ rule: "equal-shares" }))]);
    expect(rule.code).toBe(1);
    expect(rule.stderr).toMatch(/voting started on/);
    const budget = await server.cli(["create-round", json("live-budget.json", live({ areas: [{ area: "etelainen", budget: 1 }, { area: "itainen", budget: 1500000 }] }))]);
    expect(budget.code).toBe(1);
    expect(await roundRow("live-round")).toEqual(before);

    const renamed = await server.cli(["create-round", json("live-name.json", live({ name: { fi: "Uusi nimi", sv: "Nytt namn", en: "New name" } }))]);
    expect(renamed.code, renamed.stderr).toBe(0);
  });
});

describe("/rounds/new and /rounds/SLUG/edit", () => {
  function form(slug: string, changes: Record<string, string> = {}, classLevels = ["7", "8", "9"]): URLSearchParams {
    const fields: Record<string, string> = {
      slug,
      nameFi: "Testikierros 2028",
      nameSv: "Testomgång 2028",
      nameEn: "Test round 2028",
      scope: "area",
      school: "",
      ballotStyle: "approval",
      maxPicks: "3",
      rule: "greedy-no-skip",
      "budget-etelainen": "",
      "budget-itainen": "150 000",
      "budget-koko-kaupunki": "",
      proposalsStart: "2028-01-10",
      proposalsEnd: "2028-02-28",
      reviewStart: "2028-03-01",
      reviewEnd: "2028-03-10",
      votingStart: "2028-03-11",
      votingEnd: "2028-03-29",
      resultsDate: "2028-04-15",
      ...changes,
    };
    const body = new URLSearchParams(fields);
    for (const level of classLevels) body.append("classLevels", level);
    return body;
  }

  it("the rounds list links to the new-round page, which has every field", async () => {
    const list = await coordinator.get("/rounds");
    expect(list.body).toContain('href="/rounds/new"');
    const page = await coordinator.get("/rounds/new");
    expect(page.status).toBe(200);
    for (const name of ["slug", "nameFi", "nameSv", "nameEn", "scope", "school", "ballotStyle", "maxPicks", "rule", "classLevels", "budget-etelainen", "budget-koko-kaupunki", "proposalsStart", "resultsDate"]) {
      expect(page.body, name).toContain(`name="${name}"`);
    }
    expect(page.body.match(/type="date"/g)).toHaveLength(7);
    expect(page.body.match(/name="classLevels"/g)).toHaveLength(12);
  });

  it("a coordinator creates a round: 302 to /rounds/SLUG", async () => {
    const res = await coordinator.post("/rounds/new", form("ui-2028"));
    expect(res.status, pageText(res.body).slice(0, 500)).toBe(302);
    expect(res.location).toBe("/rounds/ui-2028");
    expect(await roundRow("ui-2028")).toMatchObject({ nameEn: "Test round 2028", maxPicks: 3, rule: "greedy-no-skip", classLevels: "7,8,9" });
    expect(await budgetsOf("ui-2028")).toEqual([{ areaSlug: "itainen", budget: 150000 }]);
    expect((await coordinator.get("/rounds/ui-2028")).status).toBe(200);
  });

  it("invalid phases: 400 with the translated message and every typed value kept", async () => {
    const before = await roundCount();
    const res = await coordinator.post("/rounds/new", form("ui-bad-2028", { votingStart: "2028-03-05", votingEnd: "2028-03-04" }));
    expect(res.status).toBe(400);
    const text = pageText(res.body);
    expect(text).toContain("Äänestys alkaa: äänestyksen on alettava vasta käsittelyn päätyttyä");
    expect(text).toContain("Äänestys päättyy: äänestys päättyy ennen kuin se alkaa.");
    for (const value of ["ui-bad-2028", "Testikierros 2028", "Testomgång 2028", "Test round 2028", "150 000", "2028-03-05", "2028-03-04", "2028-04-15"]) {
      expect(res.body, value).toContain(`value="${value}"`);
    }
    expect(res.body).toMatch(/<option value="area" selected="">/);
    expect(res.body).toMatch(/<option value="greedy-no-skip" selected="">/);
    expect(res.body).toContain('checked="" value="8"');
    expect(res.body).not.toContain('checked="" value="10"');
    expect(res.body).toContain('href="#field-votingEnd"');
    expect(await roundCount()).toBe(before);

    const en = await coordinatorEn.post("/rounds/new", form("ui-bad-2028", { reviewStart: "2028-02-28" }));
    expect(en.status).toBe(400);
    expect(pageText(en.body)).toContain("Review starts: the review must start after the ideas phase has ended (28 February 2028). Choose a later day.");
  });

  it("other bad input: 400 naming the field (slug taken, budgets, picks, classes)", async () => {
    const cases: Array<[URLSearchParams, string]> = [
      [form("ui-2028"), "Short name in the address: a round called ui-2028 already exists."],
      [form("ui-x-2028", { "budget-itainen": "12,50" }), "Budget, Eastern: write whole euros"],
      [form("ui-x-2028", { "budget-itainen": "" }), "Area budgets: give a budget to at least one area."],
      [form("ui-x-2028", { ballotStyle: "budget" }), "Number of picks: leave it empty for a budget ballot"],
      [form("ui-x-2028", {}, []), "Eligible classes: tick at least one class."],
      [form("ui-x-2028", { scope: "school" }), "School code: a round of one school needs the school's code"],
      [form("ui-x-2028", { scope: "school", school: "99999" }), "School code: no school has the code 99999."],
      [form("ui-x-2028", { resultsDate: "" }), "Results published: choose a date."],
    ];
    for (const [body, message] of cases) {
      const res = await coordinatorEn.post("/rounds/new", body);
      expect(res.status, message).toBe(400);
      expect(pageText(res.body), message).toContain(message);
    }
    expect(await roundRow("ui-x-2028")).toBeUndefined();
  });

  it("the edit page shows the round's values and saves changes; the slug cannot change", async () => {
    const page = await coordinator.get("/rounds/ui-2028/edit");
    expect(page.status).toBe(200);
    expect(page.body).toContain('value="Testikierros 2028"');
    expect(page.body).toContain('value="150000"');
    expect(page.body).toContain('value="2028-03-29"');

    const res = await coordinator.post("/rounds/ui-2028/edit", form("renamed", { nameEn: "Edited round", votingEnd: "2028-03-30", "budget-koko-kaupunki": "1000" }, ["9"]));
    expect(res.status, pageText(res.body).slice(0, 500)).toBe(302);
    expect(res.location).toBe("/rounds/ui-2028");
    expect(await roundRow("ui-2028")).toMatchObject({ nameEn: "Edited round", votingEnd: "2028-03-30", classLevels: "9" });
    expect(await roundRow("renamed")).toBeUndefined();
    expect(await budgetsOf("ui-2028")).toEqual([
      { areaSlug: "itainen", budget: 150000 },
      { areaSlug: "koko-kaupunki", budget: 1000 },
    ]);

    const bad = await coordinator.post("/rounds/ui-2028/edit", form("ui-2028", { reviewEnd: "2028-02-01" }));
    expect(bad.status).toBe(400);
    expect(pageText(bad.body)).toContain("Käsittely päättyy: käsittely päättyy ennen kuin se alkaa.");
    expect((await roundRow("ui-2028"))?.votingEnd).toBe("2028-03-30");

    expect((await coordinator.get("/rounds/no-such-round/edit")).status).toBe(404);
  });

  it("staff and pupils get 403 on GET and POST of /rounds/new and /rounds/SLUG/edit", async () => {
    const staff = await server.signedIn(ACCOUNTS.staff);
    const pupil = await server.signedInPupil(PUPILS.malmi8);
    const before = await roundCount();
    for (const client of [staff, pupil]) {
      expect((await client.get("/rounds/new")).status).toBe(403);
      expect((await client.post("/rounds/new", form("forbidden-2028"))).status).toBe(403);
      expect((await client.get("/rounds/ui-2028/edit")).status).toBe(403);
      expect((await client.post("/rounds/ui-2028/edit", form("ui-2028", { nameEn: "Hacked" }))).status).toBe(403);
    }
    expect(await roundCount()).toBe(before);
    expect((await roundRow("ui-2028"))?.nameEn).toBe("Edited round");

    const anonymous = await server.client().post("/rounds/new", form("anon-2028"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login/);
  });
});
