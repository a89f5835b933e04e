// 100 concurrent casts by one pupil (issue 13), in the reliability suite's form: the figures of
// tests/integration/voting.test.ts's "100 concurrent casts of one pupil" test (which checks the
// ballot's contents), measured here: how many were acknowledged, how the others were answered, and
// that the participation counts exactly the acknowledged ones and the box holds their sealed entries.
import { describe, expect, it } from "vitest";
import { Fixtures } from "../support/fixtures";
import { GENEROUS_SIGNIN_LIMITS, UNREACHED_RATE_LIMITS, issueCodes, onPostgres, startServer } from "../integration/harness";
import { AREAS, ballotProjects, countedPicks, envNumber, mix, postCast, printFigures, quantile, randomPicks, ROUND, signInAll, type CastOutcome, seededDatabase, trackResources } from "./support";

const CONCURRENT = Math.min(100, envNumber("RELIABILITY_CASTS", 1000));

const resources = trackResources();
const { servers, databases } = resources;

describe("concurrent casts by one pupil", () => {
  it(`${CONCURRENT} concurrent casts by one pupil: one participation counting every acknowledged cast`, async () => {
    const database = await seededDatabase("one-pupil");
    databases.push(database);
    const [code] = await issueCodes(database.url, { round: ROUND, school: "00501", classLevel: 8, count: 1 });
    const server = await startServer({ database, ...GENEROUS_SIGNIN_LIMITS, label: "one-pupil", env: { BALLOT_MIX_BATCH: "1000000", ...UNREACHED_RATE_LIMITS } });
    servers.push(server);
    const projects = await ballotProjects(server.db);
    const [client] = await signInAll(server, [code as string]);
    if (!client) throw new Error("no client");
    const boxBefore = await server.db.prisma.ballotBox.count();

    const t0 = performance.now();
    const outcomes: CastOutcome[] = await Promise.all(Array.from({ length: CONCURRENT }, () => postCast(server.baseUrl, client, randomPicks(projects))));
    const wallMs = performance.now() - t0;
    const acknowledged = outcomes.filter((o): o is Extract<CastOutcome, { kind: "acknowledged" }> => o.kind === "acknowledged");
    const statuses = outcomes.map((o) => (o.kind === "refused" ? o.status : o.kind));
    // Refusals are allowed only as 4xx (none expected); never a 5xx or no answer.
    expect(statuses.filter((s) => s !== "acknowledged" && (typeof s !== "number" || s >= 500))).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(1);

    const db = (resources.fixtures = new Fixtures(database));
    const round = await db.prisma.round.findFirstOrThrow({ where: { slug: ROUND }, select: { id: true } });
    const rows = await db.prisma.participation.findMany({ where: { roundId: round.id, userId: await db.pupilId(code as string) } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.casts).toBe(acknowledged.length);
    const boxAfter = await db.prisma.ballotBox.count();
    expect(boxAfter - boxBefore).toBe(AREAS.length * acknowledged.length);
    await mix(database, db);
    // The counted ballot is one of the acknowledged casts (which one committed last is the server's
    // business), in both areas from the same cast.
    const counted = await Promise.all(AREAS.map((area) => countedPicks(db, rows[0]?.id as string, area)));
    const match = acknowledged.filter((o) => AREAS.every((area, i) => JSON.stringify([...(o.picks[area] ?? [])].sort()) === JSON.stringify(counted[i])));
    expect(match.length, "the counted ballot is an acknowledged cast's").toBeGreaterThanOrEqual(1);

    const latencies = acknowledged.map((o) => o.ms);
    printFigures(`${CONCURRENT} concurrent casts by one pupil (${onPostgres() ? "PostgreSQL" : "SQLite"})`, {
      "casts sent at once": CONCURRENT,
      acknowledged: acknowledged.length,
      "other answers": JSON.stringify(statuses.filter((s) => s !== "acknowledged")),
      "participations / casts counted": `${rows.length} / ${rows[0]?.casts}`,
      "sealed entries added": boxAfter - boxBefore,
      "all answered in": `${wallMs.toFixed(0)} ms`,
      "latency p50 / p95 / max": `${quantile(latencies, 0.5).toFixed(0)} / ${quantile(latencies, 0.95).toFixed(0)} / ${Math.max(...latencies).toFixed(0)} ms`,
    });
  });
});
