// A CLI import beside a busy server (issue 13): while pupils cast through the server, staff enter
// other pupils' paper ballots with `import-paper-ballots` (the compiled CLI, a process of its own on
// the same database), in a few files one after another. Both succeed: no 5xx and no refused cast,
// every import exits 0, and after the mix every acknowledged cast and every imported ballot is there.
import { describe, expect, it } from "vitest";
import { Fixtures } from "../support/fixtures";
import { GENEROUS_SIGNIN_LIMITS, UNREACHED_RATE_LIMITS, issueCodes, onPostgres, pageText, runCli, setupTmpDir, startServer } from "../integration/harness";
import { AREAS, ballotProjects, countedPicks, envNumber, expectEveryParticipationHasItsBallots, mix, pct, postCast, printFigures, quantile, randomPicks, ROUND, signInAll, type CastOutcome, seededDatabase, trackResources } from "./support";

const CASTS = envNumber("RELIABILITY_CASTS", 1000);
/** Online pupils casting through the server. */
const ONLINE = Math.min(envNumber("RELIABILITY_PUPILS", 100), 50, CASTS);
/** Casts at least (more while the imports run). */
const MIN_CASTS = Math.max(ONLINE, Math.floor(CASTS / 4));
/** Paper pupils, in FILES files. */
const PAPER = Math.max(4, Math.floor(CASTS / 5));
const FILES = 4;

const tmp = setupTmpDir("import-beside");
const resources = trackResources();
const { servers, databases } = resources;

describe("a CLI import beside a busy server", () => {
  it(`paper ballots of ${PAPER} pupils imported while ${ONLINE} pupils cast: both succeed, nothing lost`, async () => {
    const started = performance.now();
    const database = await seededDatabase("import-beside");
    databases.push(database);
    const online = await issueCodes(database.url, { round: ROUND, school: "00501", classLevel: 8, count: ONLINE });
    const paper = await issueCodes(database.url, { round: ROUND, school: "00501", classLevel: 8, count: PAPER });
    const server = await startServer({ database, ...GENEROUS_SIGNIN_LIMITS, label: "import-beside", env: { BALLOT_MIX_BATCH: "1000000", ...UNREACHED_RATE_LIMITS } });
    servers.push(server);
    const projects = await ballotProjects(server.db);
    const clients = await signInAll(server, online);

    // The paper ballots: random valid picks in both areas, by project code.
    const codeOf = new Map([...projects.koillinen, ...projects["koko-kaupunki"]].map((p) => [p.id, p.code]));
    const paperPicks = paper.map(() => randomPicks(projects));
    const files = Array.from({ length: FILES }, (_, f) => {
      const lines = ["code,area,projects"];
      paper.forEach((code, i) => {
        if (i % FILES !== f) return;
        for (const area of AREAS) lines.push(`${code},${area},${(paperPicks[i]?.[area] ?? []).map((id) => codeOf.get(id)).join(" ")}`);
      });
      return tmp.csv(`paper-${f}.csv`, lines);
    });

    // The online pupils cast one cast after another each, until the imports are done and MIN_CASTS are in.
    const outcomes: CastOutcome[] = [];
    const lastOf: (Extract<CastOutcome, { kind: "acknowledged" }> | undefined)[] = new Array(ONLINE);
    const acknowledgedOf = new Array<number>(ONLINE).fill(0);
    let importsDone = false;
    let castsDuringImports = 0;
    const casting = Promise.all(
      clients.map(async (client, i) => {
        while (!importsDone || outcomes.length < MIN_CASTS) {
          const outcome = await postCast(server.baseUrl, client, randomPicks(projects));
          outcomes.push(outcome);
          if (!importsDone) castsDuringImports++;
          if (outcome.kind === "acknowledged") {
            lastOf[i] = outcome;
            acknowledgedOf[i] = (acknowledgedOf[i] ?? 0) + 1;
          }
        }
      }),
    );
    // The imports start once the server is busy.
    while (outcomes.length < Math.min(ONLINE, MIN_CASTS)) await new Promise((r) => setTimeout(r, 20));
    const importTimes: number[] = [];
    const importResults = [];
    for (const file of files) {
      const t0 = performance.now();
      importResults.push(await runCli(["import-paper-ballots", "--round", ROUND, file], database.url));
      importTimes.push(performance.now() - t0);
    }
    importsDone = true;
    await casting;

    for (const result of importResults) expect(result.code, `import: ${result.stdout}${result.stderr}`).toBe(0);
    const bad = outcomes.filter((o) => o.kind !== "acknowledged").map((o) => (o.kind === "refused" ? `${o.status} ${pageText(o.body).slice(0, 300)}` : o.kind === "no-answer" ? o.error : ""));
    expect(bad.slice(0, 5), `${bad.length} casts not acknowledged`).toEqual([]);

    const db = (resources.fixtures = new Fixtures(database));
    await mix(database, db);
    const round = await db.prisma.round.findFirstOrThrow({ where: { slug: ROUND }, select: { id: true } });
    for (const [i, code] of online.entries()) {
      const participation = await db.prisma.participation.findUniqueOrThrow({ where: { roundId_userId: { roundId: round.id, userId: await db.pupilId(code) } } });
      expect(participation.method).toBe("online");
      expect(participation.casts, `online pupil ${code}`).toBe(acknowledgedOf[i]);
      for (const area of AREAS) expect(await countedPicks(db, participation.id, area), `online pupil ${code}, ${area}`).toEqual([...(lastOf[i]?.picks[area] ?? [])].sort());
    }
    for (const [i, code] of paper.entries()) {
      const participation = await db.prisma.participation.findUniqueOrThrow({ where: { roundId_userId: { roundId: round.id, userId: await db.pupilId(code) } } });
      expect(participation.method).toBe("paper");
      for (const area of AREAS) expect(await countedPicks(db, participation.id, area), `paper pupil ${code}, ${area}`).toEqual([...(paperPicks[i]?.[area] ?? [])].sort());
    }
    const totals = await expectEveryParticipationHasItsBallots(db, await Promise.all([...online, ...paper].map((c) => db.pupilId(c))));
    const latencies = outcomes.map((o) => o.ms);

    printFigures(`a CLI import beside a busy server (${onPostgres() ? "PostgreSQL" : "SQLite"})`, {
      "online pupils / casts": `${ONLINE} / ${outcomes.length}`,
      "casts while the imports ran": castsDuringImports,
      "acknowledged (302)": `${outcomes.filter((o) => o.kind === "acknowledged").length} (${pct(outcomes.filter((o) => o.kind === "acknowledged").length, outcomes.length)})`,
      "5xx / other answers": `${outcomes.filter((o) => o.kind === "refused" && o.status >= 500).length} / ${outcomes.filter((o) => o.kind === "refused" && o.status < 500).length + outcomes.filter((o) => o.kind === "no-answer").length}`,
      "paper pupils / files": `${PAPER} / ${FILES}, all exit 0`,
      "import times": importTimes.map((t) => `${(t / 1000).toFixed(2)} s`).join(", "),
      "cast latency p50 / p95 / max": `${quantile(latencies, 0.5).toFixed(0)} / ${quantile(latencies, 0.95).toFixed(0)} / ${Math.max(...latencies).toFixed(0)} ms`,
      "participations / their ballots": `${totals.participations} / ${totals.ballots} (${totals.missing} missing)`,
      "whole test": `${((performance.now() - started) / 1000).toFixed(1)} s`,
    });
  });
});
