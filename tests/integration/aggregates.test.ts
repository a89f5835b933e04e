// Results and turnout as the database counts them (docs/decisions/013-aggregating-in-the-database.md)
// against an independent computation from the raw rows, on SQLite and PostgreSQL (TEST_DATABASE):
// a generated round with several areas, ties in votes and cost, projects without votes, a ballot
// without picks, recast ballots (only the last one is in Ballot, the participation counts its casts),
// voters outside the eligible class levels and outside enrolment, votes near Helsinki midnight, and a
// second round whose rows must not count. The reference reads every row and counts in code the way
// the app did before the counting moved into the database: votes from the picks, the winners from the
// real approval ballots through `tally`, turnout from one count per participation through the pure
// aggregateTurnout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tally, type TallyBallot } from "~/features/results/rules";
import { helsinkiDay } from "~/features/rounds/phases";
import type { WinnerRule } from "~/features/rounds/rounds";
import { aggregateTurnout, TURNOUT_KEYS, type TurnoutKey, type VoterCount } from "~/features/turnout/turnout";
import { migrateDatabase } from "~/server/migrate.server";
import { dropDatabase, freshDatabase, ROOT } from "../support/test-database";

const database = freshDatabase("aggregates");
// The app's modules open DATABASE_URL when first imported, and pick the SQL of the day by it.
process.env.DATABASE_URL = database.url;
const migrated = await migrateDatabase(database.url, ROOT);
if (!migrated.ok) throw new Error(migrated.output);
const { closeDatabase, db } = await import("~/server/db.server");
const results = await import("~/features/results/results.server");
const turnout = await import("~/features/turnout/turnout.server");

const ROUND = "agg-round";
const OTHER = "agg-other";
const AREA_SLUGS = ["koillinen", "etelainen", "koko-kaupunki"] as const;

// A deterministic PRNG (mulberry32), so that a failure can be run again.
let state = 20261205;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
let serial = 0;
const id = (prefix: string) => `${prefix}-${String(++serial).padStart(6, "0")}-${Math.floor(random() * 1e9).toString(36)}`;

const SCHOOLS = Array.from({ length: 12 }, (_, i) => ({
  id: `agg-school-${i}`,
  code: `AGG${String(i).padStart(2, "0")}`,
  nameFi: `Koulu ${i}`,
  nameSv: `Skola ${i}`,
  nameEn: `School ${i}`,
  type: ["11", "12", "15", "19", "21", "63"][i % 6] as string,
  language: i % 4 === 0 ? "sv" : "fi",
  // The last school's area has no budget in the round.
  areaSlug: i === 11 ? "pohjoinen" : (AREA_SLUGS[i % 2] as string),
}));

function roundData(roundId: string, slug: string) {
  return {
    id: roundId,
    slug,
    nameFi: slug,
    nameSv: slug,
    nameEn: slug,
    scope: "city",
    ballotStyle: "approval",
    maxPicks: 4,
    rule: "greedy",
    classLevels: "7,8,9",
    proposalsStart: "2026-01-01",
    proposalsEnd: "2026-01-31",
    reviewStart: "2026-02-01",
    reviewEnd: "2026-02-10",
    votingStart: "2026-02-11",
    votingEnd: "2026-02-20",
    resultsDate: "2026-03-01",
  };
}

async function generate() {
  await db.school.createMany({ data: SCHOOLS });
  for (const [roundId, slug] of [
    [ROUND, "agg-round"],
    [OTHER, "agg-other"],
  ] as const) {
    await db.round.create({ data: roundData(roundId, slug) });
    await db.roundArea.createMany({ data: AREA_SLUGS.map((areaSlug, i) => ({ roundId, areaSlug, budget: [100, 60, 150][i] as number })) });
    // Enrolment of class levels 6 to 9 (6 is not eligible); school 10 has none; some levels are 0.
    await db.enrolment.createMany({
      data: SCHOOLS.slice(0, 10).flatMap((s, i) => [6, 7, 8, 9].map((classLevel) => ({ roundId, schoolId: s.id, classLevel, eligible: (i * 7 + classLevel * 3) % 5 === 0 ? 0 : 20 + ((i * 13 + classLevel) % 40) }))),
    });
    // Per area: two pairs of projects of equal cost that will tie in votes, projects without votes,
    // and one that costs more than a budget. Small sums, so that equal shares' add1 (one unit more per
    // voter a step) ends in a few steps.
    const projects = AREA_SLUGS.flatMap((areaSlug, a) =>
      Array.from({ length: 8 }, (_, i) => ({
        id: `${roundId}-p-${a}-${i}`,
        roundId,
        code: `${areaSlug.slice(0, 3).toUpperCase()}-${String(8 - i).padStart(2, "0")}`,
        titleFi: `Hanke ${a}${i}`,
        titleSv: `Projekt ${a}${i}`,
        titleEn: `Project ${a}${i}`,
        areaSlug,
        sector: "basic",
        cost: [30, 30, 25, 25, 40, 120, 10, 10][i] as number,
      })),
    );
    await db.ballotProject.createMany({ data: projects });
    const inArea = (a: number) => projects.filter((p) => p.areaSlug === AREA_SLUGS[a]).map((p) => p.id);

    // Ballots. Projects 0 and 1, and 2 and 3, are always picked together (equal votes, equal
    // cost); 6 and 7 never (zero votes); the rest at random.
    const ballots: Array<{ id: string; roundId: string; areaSlug: string; voterKey: string; receiptHash: string }> = [];
    const picks: Array<{ ballotId: string; projectId: string }> = [];
    const count = roundId === ROUND ? 400 : 60;
    for (let b = 0; b < count; b++) {
      const a = Math.floor(random() * AREA_SLUGS.length);
      const ballotId = id("ballot");
      ballots.push({ id: ballotId, roundId, areaSlug: AREA_SLUGS[a] as string, voterKey: id("vk"), receiptHash: id("rh") });
      const ids = inArea(a);
      const chosen = new Set<string>();
      if (b === 0) {
        // A ballot without picks still counts as a voter of its area.
      } else if (random() < 0.3) {
        chosen.add(ids[0] as string).add(ids[1] as string);
      } else if (random() < 0.4) {
        chosen.add(ids[2] as string).add(ids[3] as string);
      } else {
        for (let n = 1 + Math.floor(random() * 2); chosen.size < n; ) chosen.add(ids[4 + Math.floor(random() * 2)] as string);
      }
      for (const projectId of chosen) picks.push({ ballotId, projectId });
    }
    await db.ballot.createMany({ data: ballots });
    await db.ballotPick.createMany({ data: picks });

    // Participations: class levels 6 to 10 (6 and 10 not eligible), both methods, every school (the
    // one without enrolment too), times over the voting days and around Helsinki's midnight
    // (21.xx UTC is the same Helsinki day, 22.xx UTC the next), some recast.
    const users = Array.from({ length: roundId === ROUND ? 500 : 50 }, () => ({ id: id("user"), role: "pupil", displayName: "x" }));
    await db.user.createMany({ data: users });
    await db.participation.createMany({
      data: users.map((u) => {
        const day = 11 + Math.floor(random() * 8);
        const hour = pick([7, 9, 12, 15, 21, 22, 23]);
        const casts = random() < 0.1 ? 2 + Math.floor(random() * 3) : 1;
        return {
          id: id("part"),
          roundId,
          userId: u.id,
          schoolId: pick(SCHOOLS).id,
          classLevel: 6 + Math.floor(random() * 5),
          method: random() < 0.15 ? "paper" : "online",
          votedAt: new Date(Date.UTC(2026, 1, day, hour, Math.floor(random() * 60), Math.floor(random() * 60), Math.floor(random() * 1000))),
          casts,
        };
      }),
    });
  }
}

beforeAll(generate, 120_000);

afterAll(async () => {
  await closeDatabase();
  dropDatabase(database);
});

// ---- the reference ------------------------------------------------------------------------------

/** The results the way the app computed them before: everything from the raw rows, in code. */
async function referenceResults(roundId: string, compare: boolean) {
  const round = await db.round.findUniqueOrThrow({ where: { id: roundId }, include: { areas: { include: { area: true } } } });
  const projects = await db.ballotProject.findMany({ where: { roundId }, orderBy: { code: "asc" } });
  const ballots = await db.ballot.findMany({ where: { roundId }, select: { areaSlug: true, picks: { select: { projectId: true } } } });
  const votes = new Map<string, number>();
  for (const b of ballots) for (const p of b.picks) votes.set(p.projectId, (votes.get(p.projectId) ?? 0) + 1);
  const rule = round.rule as WinnerRule;
  const minVotes = results.minVotesOf(round);
  const comparisonRule = compare ? results.comparisonRuleOf(rule) : null;
  const winners = (which: WinnerRule, budget: number, area: string, inArea: typeof projects, min: number | null) => {
    const list: TallyBallot[] = ballots.filter((b) => b.areaSlug === area).map((b) => ({ projects: b.picks.map((p) => p.projectId).sort() }));
    const election = { voteType: "approval" as const, budget: BigInt(budget), projects: inArea.map((p) => ({ id: p.id, cost: BigInt(p.cost) })), votes: list, minProjectScoreThreshold: min ?? undefined };
    return new Set(tally(election, results.tallyRuleOf(which)));
  };
  const areas = [...round.areas]
    .sort((a, b) => a.area.sortOrder - b.area.sortOrder)
    .map((ra) => {
      const inArea = projects.filter((p) => p.areaSlug === ra.areaSlug);
      const selected = winners(rule, ra.budget, ra.areaSlug, inArea, minVotes);
      const other = comparisonRule ? winners(comparisonRule, ra.budget, ra.areaSlug, inArea, null) : null;
      const rows = inArea
        .map((p) => ({
          id: p.id,
          code: p.code,
          titles: { fi: p.titleFi, sv: p.titleSv, en: p.titleEn },
          cost: p.cost,
          votes: votes.get(p.id) ?? 0,
          selected: selected.has(p.id),
          ...(other ? { comparisonSelected: other.has(p.id) } : {}),
        }))
        .sort((a, b) => b.votes - a.votes || a.cost - b.cost || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      const spent = rows.filter((r) => r.selected).reduce((sum, r) => sum + r.cost, 0);
      const otherSpent = rows.filter((r) => r.comparisonSelected).reduce((sum, r) => sum + r.cost, 0);
      return {
        area: ra.areaSlug,
        budget: ra.budget,
        voters: ballots.filter((b) => b.areaSlug === ra.areaSlug).length,
        projects: rows,
        spent,
        left: ra.budget - spent,
        ...(other ? { comparison: { spent: otherSpent, left: ra.budget - otherSpent } } : {}),
      };
    });
  return {
    round: { id: round.id, slug: round.slug, rule, ballotStyle: round.ballotStyle, maxPicks: round.maxPicks, votingEnd: round.votingEnd, resultsDate: round.resultsDate, publishedAt: round.resultsPublishedAt },
    minVotes,
    comparisonRule,
    areas,
  };
}

/** The turnout table from every participation and enrolment row, one count per participation. */
async function referenceTurnout(roundId: string, keys: readonly TurnoutKey[], schoolIds: readonly string[] | null) {
  const round = await db.round.findUniqueOrThrow({ where: { id: roundId } });
  const levels = round.classLevels.split(",").map(Number);
  const inScope = (schoolId: string) => schoolIds === null || schoolIds.includes(schoolId);
  const schools = (await db.school.findMany({ orderBy: { code: "asc" } })).filter((s) => inScope(s.id));
  const enrolment = (await db.enrolment.findMany({ where: { roundId } })).filter((e) => inScope(e.schoolId) && levels.includes(e.classLevel));
  const voters: VoterCount[] = (await db.participation.findMany({ where: { roundId } }))
    .filter((p) => inScope(p.schoolId))
    .map((p) => ({ schoolId: p.schoolId, classLevel: p.classLevel, method: p.method, day: helsinkiDay(p.votedAt), voters: 1 }));
  return aggregateTurnout({
    keys,
    schools: schools.map((s) => ({ id: s.id, code: s.code, type: s.type, language: s.language, area: s.areaSlug })),
    enrolment,
    voters,
    days: keys.includes("day") ? turnout.votingDaysSoFar(round) : undefined,
  });
}

// ---- the comparisons ----------------------------------------------------------------------------

describe("results counted by the database", () => {
  it("the generated round has what the comparison needs", async () => {
    const computed = await results.computeResults(ROUND);
    const all = computed.areas.flatMap((a) => a.projects);
    expect(all.filter((p) => p.votes === 0).length).toBeGreaterThanOrEqual(6);
    for (const a of computed.areas) {
      const [p0, p1, p2, p3] = [0, 1, 2, 3].map((i) => a.projects.find((p) => p.id.endsWith(`-${AREA_SLUGS.indexOf(a.area as (typeof AREA_SLUGS)[number])}-${i}`))!);
      expect(p0!.votes, `${a.area}: a tie`).toBe(p1!.votes);
      expect(p2!.votes, `${a.area}: a tie`).toBe(p3!.votes);
      expect(p0!.votes).toBeGreaterThan(0);
    }
    expect(computed.areas.reduce((n, a) => n + a.voters, 0)).toBe(400);
    expect(computed.areas.some((a) => a.projects.some((p) => p.selected)) && computed.areas.some((a) => a.projects.some((p) => !p.selected && p.votes > 0))).toBe(true);
  });

  for (const rule of ["greedy", "greedy-no-skip", "greedy-threshold", "equal-shares"] as const) {
    it(`are the reference's under ${rule}, with and without the comparison rule, in both rounds`, async () => {
      for (const roundId of [ROUND, OTHER]) {
        await db.round.update({ where: { id: roundId }, data: { rule, minVotes: rule === "greedy-threshold" ? 60 : null } });
        for (const compare of [false, true]) {
          expect(await results.computeResults(roundId, { compare }), `${roundId} compare=${compare}`).toEqual(await referenceResults(roundId, compare));
        }
      }
    });
  }

  it("countVotes counts every project of the round (0 without votes) and every area's ballots, nothing of the other round", async () => {
    const { votes, voters } = await results.countVotes(db, ROUND);
    const projects = await db.ballotProject.findMany({ where: { roundId: ROUND } });
    expect([...votes.keys()].sort()).toEqual(projects.map((p) => p.id).sort());
    for (const p of projects) expect(votes.get(p.id), p.code).toBe(await db.ballotPick.count({ where: { projectId: p.id } }));
    for (const area of AREA_SLUGS) expect(voters.get(area), area).toBe(await db.ballot.count({ where: { roundId: ROUND, areaSlug: area } }));
  });
});

describe("turnout counted by the database", () => {
  const groupings: TurnoutKey[][] = [
    ...TURNOUT_KEYS.map((k) => [k]),
    ...TURNOUT_KEYS.flatMap((a, i) => TURNOUT_KEYS.slice(i + 1).map((b) => [a, b])),
    ["language", "type"],
    ["day", "method"],
    ["type", "language", "class-level"],
    ["area", "method", "day"],
    ["school", "class-level", "method", "day"],
    ["class-level", "type"],
  ];

  it(`is the reference's table for ${groupings.length} groupings, the whole city and two schools`, async () => {
    const round = await db.round.findUniqueOrThrow({ where: { id: ROUND } });
    for (const schoolIds of [null, [SCHOOLS[3]!.id, SCHOOLS[10]!.id]]) {
      for (const keys of groupings) {
        const { table, schools } = await turnout.loadTurnout(db, round, keys, { schoolIds });
        expect(table, `${keys.join(",")} ${schoolIds ? "two schools" : "city"}`).toEqual(await referenceTurnout(ROUND, keys, schoolIds));
        expect(schools.map((s) => s.code)).toEqual(SCHOOLS.filter((s) => !schoolIds || schoolIds.includes(s.id)).map((s) => s.code));
      }
    }
  });

  it("counts nobody for an empty scope, and the votes near midnight on their Helsinki day", async () => {
    const round = await db.round.findUniqueOrThrow({ where: { id: ROUND } });
    const empty = await turnout.loadTurnout(db, round, ["type", "day"], { schoolIds: [] });
    expect(empty.table.total).toEqual({ eligible: 0, voters: 0, rate: null });
    const byDay = await turnout.loadTurnout(db, round, ["day"], { schoolIds: null });
    const late = await db.participation.findMany({ where: { roundId: ROUND }, select: { votedAt: true } });
    const nextDay = late.filter((p) => p.votedAt.getUTCHours() >= 22).length;
    expect(nextDay, "votes after Helsinki midnight in the data").toBeGreaterThan(0);
    const perDay = new Map(byDay.table.rows.map((r) => [r.values[0], r.voters]));
    const expected = new Map<string, number>();
    for (const p of late) expected.set(helsinkiDay(p.votedAt), (expected.get(helsinkiDay(p.votedAt)) ?? 0) + 1);
    for (const [day, n] of expected) expect(perDay.get(day), day).toBe(n);
  });
});
