// SIGKILL during many casts (issue 13): pupils cast concurrently (each pupil one cast after another,
// so recasts happen), the server is killed with SIGKILL once about half of the casts are
// acknowledged, a new server starts on the same database and takes the rest. Then, after the mix:
// every acknowledged cast (302 to the receipt) is in its pupil's participation, a pupil whose casts
// were all acknowledged finds their last receipt counted at /vote/check and their counted ballot is
// that cast's picks, and no participation lacks a ballot in any area of its ballot.
import { describe, expect, it } from "vitest";
import { Fixtures } from "../support/fixtures";
import { GENEROUS_SIGNIN_LIMITS, UNREACHED_RATE_LIMITS, issueCodes, startServer, onPostgres, type Client, type TestServer } from "../integration/harness";
import {
  AREAS,
  ballotProjects,
  countedPicks,
  envNumber,
  expectEveryParticipationHasItsBallots,
  mix,
  pct,
  postCast,
  printFigures,
  quantile,
  randomPicks,
  ROUND,
  roundBallots,
  signInAll,
  type CastOutcome,
  seededDatabase,
  trackResources,
} from "./support";

const CASTS = envNumber("RELIABILITY_CASTS", 1000);
const PUPILS = Math.min(envNumber("RELIABILITY_PUPILS", 100), CASTS);

const resources = trackResources();
const { servers, databases } = resources;

interface Pupil {
  code: string;
  client: Client;
  /** Casts posted to the server. */
  sent: number;
  acknowledged: Extract<CastOutcome, { kind: "acknowledged" }>[];
  /** Posted, but no answer came (the server died): may or may not have been committed. */
  unanswered: number;
}

describe("SIGKILL during casts", () => {
  it(`${CASTS} casts by ${PUPILS} pupils, the server killed with SIGKILL half-way: no acknowledged cast lost, no participation without its ballots`, async () => {
    const started = performance.now();
    const database = await seededDatabase("crash");
    databases.push(database);
    const codes = await issueCodes(database.url, { round: ROUND, school: "00501", classLevel: 8, count: PUPILS });
    // The server never mixes on its own (the test mixes after the restart).
    const options = { database, ...GENEROUS_SIGNIN_LIMITS, label: "crash", env: { BALLOT_MIX_BATCH: "1000000", ...UNREACHED_RATE_LIMITS } };
    const first = await startServer(options);
    servers.push(first);
    const projects = await ballotProjects(first.db);
    const clients = await signInAll(first, codes);
    const pupils: Pupil[] = codes.map((code, i) => ({ code, client: clients[i] as Client, sent: 0, acknowledged: [], unanswered: 0 }));
    const outcomes: CastOutcome[] = [];
    const before = await first.db.voteCounts();
    const ballotsBefore = await roundBallots(first.db);

    // Casts are dealt to the pupils in turns; each pupil posts theirs one after another.
    const quota = pupils.map((_, i) => Math.floor(CASTS / PUPILS) + (i < CASTS % PUPILS ? 1 : 0));
    let acknowledgedTotal = 0;
    let killedAt: number | null = null;
    let killing: Promise<void> | null = null;
    const killAfter = Math.floor(CASTS / 2);

    async function runPupil(pupil: Pupil, index: number, server: TestServer, until: () => boolean): Promise<void> {
      while (pupil.sent < (quota[index] as number) && !until()) {
        pupil.sent++;
        const outcome = await postCast(server.baseUrl, pupil.client, randomPicks(projects));
        outcomes.push(outcome);
        if (outcome.kind === "acknowledged") {
          pupil.acknowledged.push(outcome);
          if (++acknowledgedTotal >= killAfter && !killing) {
            killedAt = performance.now();
            killing = server.kill("SIGKILL");
          }
        } else if (outcome.kind === "no-answer") {
          pupil.unanswered++;
        }
      }
    }

    // Phase 1: until the kill.
    const phase1Start = performance.now();
    await Promise.all(pupils.map((pupil, i) => runPupil(pupil, i, first, () => killing !== null)));
    await killing;
    const phase1Ms = performance.now() - phase1Start;
    const sentBeforeKill = pupils.reduce((n, p) => n + p.sent, 0);
    const acknowledgedBeforeKill = acknowledgedTotal;
    const unanswered = pupils.reduce((n, p) => n + p.unanswered, 0);
    const refusedBeforeKill = outcomes.filter((o) => o.kind === "refused");
    expect(refusedBeforeKill.map((o) => (o.kind === "refused" ? `${o.status} ${o.body.slice(0, 200)}` : "")).slice(0, 5), "no cast refused before the kill").toEqual([]);
    expect(first.logs()).not.toMatch(/SQLITE_CORRUPT|database disk image is malformed/);

    // Phase 2: a new server on the same database; the pupils' sessions survive, the rest of the casts go there.
    const restartStart = performance.now();
    const second = await startServer(options);
    servers.push(second);
    const restartMs = performance.now() - restartStart;
    const sinceKillMs = performance.now() - (killedAt ?? restartStart);
    const phase2From = outcomes.length;
    await Promise.all(pupils.map((pupil, i) => runPupil(pupil, i, second, () => false)));
    const phase2 = outcomes.slice(phase2From);
    expect(phase2.filter((o) => o.kind !== "acknowledged").map((o) => (o.kind === "refused" ? `${o.status} ${o.body.slice(0, 200)}` : o.kind === "no-answer" ? o.error : "")).slice(0, 5), "every cast after the restart acknowledged").toEqual([]);

    const acknowledged = outcomes.filter((o) => o.kind === "acknowledged");
    // The checks, after the mix.
    const db = (resources.fixtures = new Fixtures(database));
    const boxBeforeMix = await db.prisma.ballotBox.count();
    await mix(database, db);
    const round = await db.prisma.round.findFirstOrThrow({ where: { slug: ROUND }, select: { id: true } });
    let exact = 0;
    let committedUnacknowledged = 0;
    let receiptsCounted = 0;
    let pupilsWithAck = 0;
    for (const pupil of pupils) {
      const userId = await db.pupilId(pupil.code);
      const participation = await db.prisma.participation.findUnique({ where: { roundId_userId: { roundId: round.id, userId } } });
      const acked = pupil.acknowledged.length;
      if (acked === 0 && !participation) continue;
      if (acked > 0) pupilsWithAck++;
      expect(participation, `pupil ${pupil.code}: ${acked} acknowledged casts, no participation`).not.toBeNull();
      const casts = participation?.casts ?? 0;
      // Every acknowledged cast was committed; of the unanswered ones some may have been.
      expect(casts, `pupil ${pupil.code}: casts`).toBeGreaterThanOrEqual(acked);
      expect(casts, `pupil ${pupil.code}: casts`).toBeLessThanOrEqual(acked + pupil.unanswered);
      committedUnacknowledged += casts - acked;
      if (casts !== acked) continue;
      exact++;
      // The last acknowledged cast is the counted one: its picks, and its receipt at /vote/check.
      const last = pupil.acknowledged[acked - 1];
      if (!last) continue;
      for (const area of AREAS) expect(await countedPicks(db, participation?.id as string, area), `pupil ${pupil.code}, ${area}`).toEqual([...(last.picks[area] ?? [])].sort());
      const checker = second.client();
      checker.setLanguage("en");
      const check = await checker.post("/vote/check", { receipt: last.receipt });
      expect(check.status, `receipt ${last.receipt} of pupil ${pupil.code}`).toBe(200);
      expect(check.body.includes("Counted: this vote is among the counted votes."), `receipt ${last.receipt} counted`).toBe(true);
      receiptsCounted++;
    }
    // Every committed cast left one sealed entry per area in the box (the server never mixed).
    if (ballotsBefore.box === 0) expect(boxBeforeMix).toBe(AREAS.length * (acknowledged.length + committedUnacknowledged));
    const userIds = await Promise.all(pupils.map((p) => db.pupilId(p.code)));
    const totals = await expectEveryParticipationHasItsBallots(db, userIds);
    const ballotsAfter = await roundBallots(db);
    // The round's ballots grew by exactly the new participations × their two areas (nothing else).
    if (ballotsBefore.box === 0) expect(ballotsAfter.ballots - ballotsBefore.ballots).toBe(AREAS.length * totals.participations);
    const after = await db.voteCounts();
    const latencies = acknowledged.map((o) => o.ms);

    printFigures(`SIGKILL during casts (${onPostgres() ? "PostgreSQL" : "SQLite"})`, {
      "casts sent": outcomes.length,
      pupils: PUPILS,
      "sent before the kill": sentBeforeKill,
      "acknowledged before the kill": acknowledgedBeforeKill,
      "lost in flight (no answer)": unanswered,
      "  of them committed anyway": committedUnacknowledged,
      "  of them not committed": unanswered - committedUnacknowledged,
      "acknowledged after the restart": phase2.length,
      "acknowledged in all": `${acknowledged.length} (${pct(acknowledged.length, outcomes.length)})`,
      "acknowledged casts found after the restart": `${acknowledged.length} of ${acknowledged.length}`,
      "pupils with an acknowledged cast": pupilsWithAck,
      "pupils whose last receipt is counted at /vote/check": `${receiptsCounted} (the others: an unanswered cast came later)`,
      "sealed entries before the mix": boxBeforeMix,
      "participations of the test's pupils": `${totals.participations} (all participations: +${after.participations - before.participations})`,
      "their ballots (voter keys) = participations × 2 areas": `${totals.ballots}, ${totals.missing} missing`,
      "ballots of the round": `${ballotsBefore.ballots} before, ${ballotsAfter.ballots} after the mix (+${ballotsAfter.ballots - ballotsBefore.ballots})`,
      "time to the kill": `${(phase1Ms / 1000).toFixed(1)} s (${((acknowledgedBeforeKill / phase1Ms) * 1000).toFixed(0)} casts/s)`,
      "restart (spawn to /healthz 200)": `${restartMs.toFixed(0)} ms`,
      "kill to serving again": `${sinceKillMs.toFixed(0)} ms`,
      "cast latency p50 / p95 / max": `${quantile(latencies, 0.5).toFixed(0)} / ${quantile(latencies, 0.95).toFixed(0)} / ${Math.max(...latencies).toFixed(0)} ms`,
      "whole test": `${((performance.now() - started) / 1000).toFixed(1)} s`,
    });
    expect(exact).toBeGreaterThan(0);
  });
});
