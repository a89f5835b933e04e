// Results (docs/domain.md winner rules, §3 `results` and `export-pb`): a small round of its own is set
// up with the CLI, two pupils' ideas become ballot projects, pupils vote through HTTP and on paper;
// then voting is ended by moving the round's later dates into the past (create-round allows that
// once voting has started), a coordinator publishes, and the projects, the proposers' timelines,
// public access, the `results` CLI and the `export-pb` Pabulib file are checked.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parsePabulib } from "~/features/results/pabulib";
import { tally } from "~/features/results/rules";
import { RESULTS_TIMELINE, roundDefinition, type RoundPhases } from "../support/rounds";
import { ACCOUNTS, GENEROUS_SIGNIN_LIMITS, pageText, setupServer, setupTmpDir, type Client } from "./harness";

const SLUG = "results-it";

const server = setupServer({ label: "results", ...GENEROUS_SIGNIN_LIMITS });
const tmp = setupTmpDir("results");
let codes: string[] = [];
/** The proposer whose idea becomes KOI-A (selected) and of the idea behind KOI-C (not selected). */
let proposer: Client;
let otherProposer: Client;
let ideaA = "";
let ideaC = "";

function roundFile(name: string, phases: RoundPhases): string {
  return tmp.json(
    `${name}.json`,
    roundDefinition(SLUG, {
      name: { fi: "Tuloskierros", sv: "Resultatrundan", en: "Results round" },
      ballot: { style: "approval", maxPicks: 2 },
      classLevels: [8],
      areas: [
        { area: "koillinen", budget: 100000 },
        { area: "koko-kaupunki", budget: 50000 },
      ],
      phases,
    }),
  );
}

const cli = (args: string[]) => server.cliOk(args);

const projectId = (code: string): Promise<string> => server.db.projectId(SLUG, code);

async function postIdea(client: Client, title: string): Promise<string> {
  const res = await client.post("/ideas/new", {
    intent: "submit",
    title,
    description: "A longer description of the idea for the results test.",
    area: "koillinen",
    sector: "basic",
  });
  expect(res.status, res.body.slice(0, 300)).toBe(302);
  const id = /\/ideas\/([^/?#]+)/.exec(res.location ?? "")?.[1];
  expect(id).toBeDefined();
  return id!;
}

async function approve(staff: Client, id: string) {
  const html = (await staff.get(`/moderation/${id}`)).body;
  const version = /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";
  const res = await staff.post(`/moderation/${id}`, { action: "approve", version });
  expect(res.status).toBeLessThan(400);
}

async function makeProject(staff: Client, code: string, cost: number, idea: string) {
  const res = await staff.post(`/projects/new?round=${SLUG}`, {
    code,
    titleFi: `Hanke ${code}`,
    titleSv: `Projekt ${code}`,
    titleEn: `Project ${code}`,
    area: "koillinen",
    sector: "basic",
    cost: String(cost),
    proposals: idea,
  });
  expect(res.status, res.body.slice(0, 300)).toBe(302);
}

async function castOnline(code: string, koillinen: string[], city: string[] = []): Promise<Client> {
  const client = await server.signedInPupil(code);
  const res = await client.castBallot({ koillinen: await server.db.projectIds(SLUG, koillinen), "koko-kaupunki": await server.db.projectIds(SLUG, city) });
  expect(res.status, res.body.slice(0, 300)).toBe(302);
  return client;
}

// Votes in koillinen (budget 100 000, up to 2 picks): A 60 000, B 50 000, C 45 000, D 30 000.
// Online: A D · A B · A C · B D · A D; paper: A B · C D · D  →  A 5, B 3, C 2, D 5.
// Greedy: D (the tie with A goes to the cheaper; 70 000 left), A (10 000 left); B and C do not fit. City (50 000): HKI-2 2, HKI-1 1 → HKI-2.
const EXPECTED = {
  koillinen: { D: 5, A: 5, B: 3, C: 2, selected: ["KOI-D", "KOI-A"] },
  city: { selected: ["HKI-2"] },
};

beforeAll(async () => {
  // 1. Ideas are open today.
  await cli(["create-round", roundFile("r1", RESULTS_TIMELINE.ideasOpen())]);
  codes = await server.issueCodes({ round: SLUG, school: "00501", classLevel: 8, count: 8 });
  expect(codes).toHaveLength(8);
  proposer = await server.signedInPupil(codes[0]!);
  otherProposer = await server.signedInPupil(codes[2]!);
  ideaA = await postIdea(proposer, "Outdoor gym for the yard");
  ideaC = await postIdea(otherProposer, "Board games for breaks");
  const staff = await server.signedIn(ACCOUNTS.staff);
  await approve(staff, ideaA);
  await approve(staff, ideaC);
  await makeProject(staff, "KOI-A", 60000, ideaA);
  await makeProject(staff, "KOI-C", 45000, ideaC);
  const projects = tmp.write(
    "projects.csv",
    "code,title_fi,title_sv,title_en,area,sector,cost\n" +
      "KOI-B,Hanke B,Projekt B,Project B,koillinen,basic,50000\n" +
      "KOI-D,Hanke D,Projekt D,Project D,koillinen,basic,30000\n" +
      "HKI-1,Hanke 1,Projekt 1,Project 1,koko-kaupunki,basic,30000\n" +
      "HKI-2,Hanke 2,Projekt 2,Project 2,koko-kaupunki,basic,30000\n",
  );
  await cli(["import-projects", "--round", SLUG, projects]);
  // 2. Voting opened yesterday.
  await cli(["create-round", roundFile("r2", RESULTS_TIMELINE.votingOpen())]);
  await castOnline(codes[0]!, ["KOI-A", "KOI-D"], ["HKI-1"]);
  await castOnline(codes[1]!, ["KOI-A", "KOI-B"], ["HKI-2"]);
  await castOnline(codes[2]!, ["KOI-A", "KOI-C"], ["HKI-2"]);
  await castOnline(codes[3]!, ["KOI-B", "KOI-D"]);
  await castOnline(codes[4]!, ["KOI-D", "KOI-A"]);
  const paper = tmp.write("paper.csv", `code,area,projects\n${codes[5]},koillinen,KOI-A KOI-B\n${codes[6]},koillinen,KOI-C KOI-D\n${codes[7]},koillinen,KOI-D\n`);
  await cli(["import-paper-ballots", "--round", SLUG, paper]);
}, 180_000);

const resultsPath = `/rounds/${SLUG}/results`;

describe("results while voting is open", () => {
  it("are hidden from everybody but coordinators and cannot be published", async () => {
    expect((await server.client().get(resultsPath)).status).toBe(404);
    expect((await proposer.get(resultsPath)).status).toBe(404);
    const staff = await server.signedIn(ACCOUNTS.staff);
    expect((await staff.get(resultsPath)).status).toBe(404);

    const coordinator = await server.signedIn(ACCOUNTS.coordinator);
    const page = await coordinator.get(resultsPath, { "Accept-Language": "en" });
    expect(page.status).toBe(200);
    const text = pageText(page.body);
    expect(text).toContain("Voting is still open");
    expect(text).not.toContain("Publish the results");
    const refused = await coordinator.post(resultsPath, { intent: "publish" }, { "Accept-Language": "en" });
    expect(refused.status).toBe(409);
    expect((await server.db.prisma.round.findUniqueOrThrow({ where: { slug: SLUG } })).resultsPublishedAt).toBeNull();
  });

  it("the ballots wait sealed in the ballot box: fewer than a batch (20) are not mixed while voting is open", async () => {
    const round = await server.db.prisma.round.findUniqueOrThrow({ where: { slug: SLUG }, select: { id: true } });
    // 5 online and 3 paper pupils, one entry per area of their ballot (koillinen, koko-kaupunki).
    expect(await server.db.prisma.ballotBox.count({ where: { roundId: round.id } })).toBe(16);
    expect(await server.db.prisma.ballot.count({ where: { roundId: round.id } })).toBe(0);
    const waiting = await server.cli(["mix-ballots", "--round", SLUG]);
    expect(waiting.code, waiting.stderr).toBe(0);
    expect(waiting.stderr).toContain(`round ${SLUG}: 16 sealed entries wait for a batch of 20`);
    expect(await server.db.prisma.ballot.count({ where: { roundId: round.id } })).toBe(0);
  });

  it("a pupil cannot publish", async () => {
    const res = await proposer.post(resultsPath, { intent: "publish" });
    expect(res.status).toBe(403);
  });
});

describe("after voting has ended", () => {
  let coordinator: Client;
  beforeAll(async () => {
    // Only the later dates move: voting (started yesterday) ended yesterday, results today.
    await cli(["create-round", roundFile("r3", RESULTS_TIMELINE.votingEnded())]);
    coordinator = await server.signedIn(ACCOUNTS.coordinator);
  });

  it("`results` prints the expected winners as CSV and JSON (online and paper ballots counted)", async () => {
    // Voting has ended: `results` first counts what was left in the ballot box.
    const roundId = (await server.db.prisma.round.findUniqueOrThrow({ where: { slug: SLUG }, select: { id: true } })).id;
    expect(await server.db.prisma.ballotBox.count({ where: { roundId } })).toBe(16);
    const csv = (await cli(["results", "--round", SLUG, "--format", "csv"])).stdout;
    expect(csv).toBe(
      [
        "area,budget,code,votes,cost,selected",
        "koillinen,100000,KOI-D,5,30000,1",
        "koillinen,100000,KOI-A,5,60000,1",
        "koillinen,100000,KOI-B,3,50000,0",
        "koillinen,100000,KOI-C,2,45000,0",
        "koko-kaupunki,50000,HKI-2,2,30000,1",
        "koko-kaupunki,50000,HKI-1,1,30000,0",
        "",
      ].join("\n"),
    );
    const json = JSON.parse((await cli(["results", "--round", SLUG, "--format", "json"])).stdout) as {
      round: string;
      rule: string;
      published: string | null;
      areas: Array<{ area: string; budget: number; voters: number; spent: number; left: number; projects: Array<{ code: string; votes: number; cost: number; selected: boolean }> }>;
    };
    expect(json.round).toBe(SLUG);
    expect(json.rule).toBe("greedy");
    expect(json.published).toBeNull();
    expect(json.areas.map((a) => [a.area, a.budget, a.voters, a.spent, a.left])).toEqual([
      ["koillinen", 100000, 8, 90000, 10000],
      ["koko-kaupunki", 50000, 3, 30000, 20000],
    ]);
    expect(json.areas[0]!.projects.filter((p) => p.selected).map((p) => p.code)).toEqual(EXPECTED.koillinen.selected);
    expect(json.areas[1]!.projects.filter((p) => p.selected).map((p) => p.code)).toEqual(EXPECTED.city.selected);
    expect(json.areas[0]!.projects.find((p) => p.code === "KOI-A")).toEqual({ code: "KOI-A", votes: 5, cost: 60000, selected: true });
    expect(await server.db.prisma.ballotBox.count({ where: { roundId } })).toBe(0);
    expect(await server.db.prisma.ballot.count({ where: { roundId } })).toBe(11);
  });

  it("`results` with a bad option exits 2 and with an unknown round exits 1", async () => {
    expect((await server.cli(["results", "--round", SLUG, "--format", "xml"])).code).toBe(2);
    const unknown = await server.cli(["results", "--round", "no-such-round"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no-such-round");
  });

  it("`export-pb` writes a valid Pabulib file without personal data that tallies back to the same winners", async () => {
    const result = await cli(["export-pb", "--round", SLUG, "--area", "koillinen"]);
    const pb = result.stdout;
    const election = parsePabulib(pb);
    expect(election.meta.get("instance")).toBe(SLUG);
    expect(election.meta.get("country")).toBe("Finland");
    expect(election.meta.get("num_votes")).toBe("8");
    expect(election.meta.get("num_projects")).toBe("4");
    expect(election.meta.get("budget")).toBe("100000");
    expect(election.meta.get("vote_type")).toBe("approval");
    expect(election.meta.get("rule")).toBe("greedy");
    expect(election.meta.get("max_length")).toBe("2");
    expect(election.projects.map((p) => [p.id, p.cost])).toEqual([
      ["KOI-A", 60000n],
      ["KOI-B", 50000n],
      ["KOI-C", 45000n],
      ["KOI-D", 30000n],
    ]);
    expect(election.votes.map((v) => v.voterId)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(election.voteColumns).toEqual(["voter_id", "vote"]);
    expect(tally(election, "greedy")).toEqual(EXPECTED.koillinen.selected);
    // No ids, codes, pseudonyms, schools or class levels.
    expect(pb).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    for (const code of codes) expect(pb).not.toContain(code);
    expect(pb).not.toContain("00501");
    expect(pb).not.toMatch(/\b8-[A-Z0-9]{4}\b/);
    const ids = await server.db.ballotIds();
    for (const id of ids) expect(pb).not.toContain(id);

    const file = tmp.write("koillinen.pb", pb);
    const tallied = await cli(["tally", "--pb", file]);
    expect(JSON.parse(tallied.stdout)).toEqual({ selected: EXPECTED.koillinen.selected });
  });

  it("`export-pb` refuses an area without a budget (exit 1) and a missing option (exit 2)", async () => {
    expect((await server.cli(["export-pb", "--round", SLUG, "--area", "itainen"])).code).toBe(1);
    expect((await server.cli(["export-pb", "--round", SLUG])).code).toBe(2);
  });

  it("a coordinator sees the results with the explanation and can compare with equal shares", async () => {
    const page = await coordinator.get(resultsPath, { "Accept-Language": "en" });
    expect(page.status).toBe(200);
    const text = pageText(page.body);
    expect(text).toContain("The project with the most votes was chosen first");
    expect(text).toContain("Publish the results");
    expect(text).toContain("These results are not public yet");
    expect(text).toMatch(/KOI-D Project D 5 €30,000 ✔ Chosen/);
    expect(text).toMatch(/KOI-B Project B 3 €50,000 – Not chosen/);
    const compared = pageText((await coordinator.get(`${resultsPath}?compare=1`, { "Accept-Language": "en" })).body);
    expect(compared).toContain("With equal shares");
    // The public still gets nothing.
    expect((await server.client().get(resultsPath)).status).toBe(404);
    expect((await server.client().get(`${resultsPath}?compare=1`)).status).toBe(404);
  });

  it("before publishing, the front page does not link them and the rounds list says they are not published yet", async () => {
    const front = await server.client().get("/", { "Accept-Language": "en" });
    expect(front.body).not.toContain(`href="${resultsPath}"`);
    const rounds = pageText((await coordinator.get("/rounds", { "Accept-Language": "en" })).body);
    // This round has ended without published results: it must not be called published (the demo's
    // ended 2025 round, whose results the seed published, is).
    expect(rounds).toContain("Results round Results not yet published");
    expect(rounds).toContain("OmaKoulu 2025 Results published");
  });

  it("publishing marks the projects, tells the proposers, opens the page to everybody, and happens once", async () => {
    const res = await coordinator.post(resultsPath, { intent: "publish" });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`${resultsPath}?published=1`);

    const statuses = (await server.db.roundProjects(SLUG)).map(({ code, status }) => ({ code, status }));
    expect(statuses).toEqual([
      { code: "HKI-1", status: "not-selected" },
      { code: "HKI-2", status: "selected" },
      { code: "KOI-A", status: "selected" },
      { code: "KOI-B", status: "not-selected" },
      { code: "KOI-C", status: "not-selected" },
      { code: "KOI-D", status: "selected" },
    ]);
    const events = () =>
      server.db.prisma.proposalEvent.findMany({
        where: { type: { in: ["selected", "not-selected"] }, proposalId: { in: [ideaA, ideaC] } },
        select: { proposalId: true, type: true, targetId: true },
        orderBy: { type: "asc" },
      });
    expect(await events()).toEqual([
      { proposalId: ideaC, type: "not-selected", targetId: await projectId("KOI-C") },
      { proposalId: ideaA, type: "selected", targetId: await projectId("KOI-A") },
    ]);
    // One entry for this round (the demo's ended round has its own, written by the seed).
    const publishes = async () => server.db.prisma.auditLog.count({ where: { action: "results.publish", subjectId: (await server.db.prisma.round.findUniqueOrThrow({ where: { slug: SLUG } })).id } });
    expect(await publishes()).toBe(1);

    // Twice: refused, nothing more written.
    const again = await coordinator.post(resultsPath, { intent: "publish" }, { "Accept-Language": "en" });
    expect(again.status).toBe(409);
    expect(pageText(again.body)).toContain("already been published");
    expect(await events()).toHaveLength(2);

    // The front page links them under earlier rounds (the current round is the demo's own).
    const front = await server.client().get("/", { "Accept-Language": "en" });
    expect(pageText(front.body)).toContain("Results of earlier rounds");
    expect(front.body).toContain(`href="${resultsPath}"`);

    // Everybody sees the results now; nobody but coordinators gets the comparison or the button.
    const anonymous = await server.client().get(resultsPath, { "Accept-Language": "en" });
    expect(anonymous.status).toBe(200);
    const text = pageText(anonymous.body);
    expect(text).toContain("The results were published on");
    // A winner names the ideas it came from, linked to them.
    expect(text).toMatch(/KOI-A Project KOI-A From the ideas ?: Outdoor gym for the yard 5 €60,000 ✔ Chosen/);
    expect(anonymous.body).toContain(`href="/ideas/${ideaA}"`);
    expect(text).not.toContain("Publish the results");
    expect(pageText((await server.client().get(`${resultsPath}?compare=1`, { "Accept-Language": "en" })).body)).not.toContain("With equal shares");

    // The proposers (still signed in from before voting closed) see the outcome in their timeline.
    const mine = pageText((await proposer.get(`/ideas/${ideaA}`)).body);
    expect(mine).toContain("Hanke valittiin äänestyksessä");
    expect(mine).toContain("KOI-A");
    const theirs = pageText((await otherProposer.get(`/ideas/${ideaC}`)).body);
    expect(theirs).toContain("Hanketta ei valittu äänestyksessä");

    // The ideas list shows what the vote decided, and filters by it.
    const chosen = pageText((await server.client().get(`/ideas?round=${SLUG}&status=selected`, { "Accept-Language": "en" })).body);
    expect(chosen).toMatch(/Outdoor gym for the yard.*Chosen in the vote/s);
    expect(chosen).not.toContain("Board games for breaks");
    const notChosen = pageText((await server.client().get(`/ideas?round=${SLUG}&status=notSelected`, { "Accept-Language": "en" })).body);
    expect(notChosen).toMatch(/Board games for breaks.*Not chosen in the vote/s);
    expect(notChosen).not.toContain("Outdoor gym for the yard");

    const json = JSON.parse((await cli(["results", "--round", SLUG])).stdout) as { published: string | null };
    expect(json.published).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const pb = parsePabulib((await cli(["export-pb", "--round", SLUG, "--area", "koillinen"])).stdout);
    expect(pb.projects.filter((p) => p.fields.selected === "1").map((p) => p.id)).toEqual(["KOI-A", "KOI-D"]);
  });
});

describe("a greedy-threshold round uses its own minimum number of votes", () => {
  const THRESHOLD = "threshold-it";
  const thresholdFile = (name: string, phases: RoundPhases) =>
    tmp.json(
      `${name}.json`,
      roundDefinition(THRESHOLD, {
        name: { fi: "Kynnyskierros", sv: "Tröskelrundan", en: "Threshold round" },
        ballot: { style: "approval", maxPicks: 2 },
        rule: "greedy-threshold",
        minVotes: 3,
        classLevels: [8],
        phases,
      }),
    );

  beforeAll(async () => {
    await cli(["create-round", thresholdFile("t1", RESULTS_TIMELINE.votingOpen())]);
    expect(await server.db.prisma.round.findUniqueOrThrow({ where: { slug: THRESHOLD }, select: { minVotes: true } })).toEqual({ minVotes: 3 });
    const projects = tmp.write(
      "threshold-projects.csv",
      "code,title_fi,title_sv,title_en,area,sector,cost\n" +
        "TH-3,Hanke 3,Projekt 3,Project 3,koillinen,basic,20000\n" +
        "TH-2,Hanke 2,Projekt 2,Project 2,koillinen,basic,10000\n",
    );
    await cli(["import-projects", "--round", THRESHOLD, projects]);
    const pupils = await server.issueCodes({ round: THRESHOLD, school: "00501", classLevel: 8, count: 3 });
    expect(pupils).toHaveLength(3);
    // TH-3 gets 3 votes, TH-2 gets 2; both would fit in the budget together.
    const picks = [["TH-3", "TH-2"], ["TH-3", "TH-2"], ["TH-3"]];
    for (const [i, code] of pupils.entries()) {
      const client = await server.signedInPupil(code);
      const res = await client.castBallot({ koillinen: await server.db.projectIds(THRESHOLD, picks[i]!) });
      expect(res.status, res.body.slice(0, 300)).toBe(302);
    }
    // End voting (the minimum stays as it was, so the locked settings do not change).
    await cli(["create-round", thresholdFile("t2", RESULTS_TIMELINE.votingEnded())]);
  }, 120_000);

  it("selects the project with 3 votes and skips the one with 2 that would fit", async () => {
    const csv = (await cli(["results", "--round", THRESHOLD, "--format", "csv"])).stdout;
    expect(csv).toBe(["area,budget,code,votes,cost,selected", "koillinen,100000,TH-3,3,20000,1", "koillinen,100000,TH-2,2,10000,0", ""].join("\n"));
    const pb = parsePabulib((await cli(["export-pb", "--round", THRESHOLD, "--area", "koillinen"])).stdout);
    expect(pb.meta.get("rule")).toBe("greedy-threshold");
    expect(pb.meta.get("min_project_score_threshold")).toBe("3");
    expect(tally(pb, "greedy-threshold")).toEqual(["TH-3"]);
  });

  it("refuses to change the minimum once voting has started", async () => {
    const file = thresholdFile("t3", RESULTS_TIMELINE.votingEnded());
    const definition = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ ...definition, minVotes: 2 }));
    const result = await server.cli(["create-round", file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/voting started on/);
  });
});
