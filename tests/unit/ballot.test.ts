import { describe, expect, it } from "vitest";
import { ballotAreas, checkBallot, picksFromForm, shuffleForVoter, type BallotProjectInfo, type BallotRoundRules } from "~/features/voting/ballot";

const projects: BallotProjectInfo[] = [
  { id: "k1", code: "KOI-01", areaSlug: "koillinen", cost: 40_000 },
  { id: "k2", code: "KOI-02", areaSlug: "koillinen", cost: 30_000 },
  { id: "k3", code: "KOI-03", areaSlug: "koillinen", cost: 20_000 },
  { id: "k4", code: "KOI-04", areaSlug: "koillinen", cost: 10_000 },
  { id: "e1", code: "ETE-01", areaSlug: "etelainen", cost: 5_000 },
  { id: "h1", code: "HKI-01", areaSlug: "koko-kaupunki", cost: 100_000 },
];

const approval = (maxPicks: number): BallotRoundRules => ({
  ballotStyle: "approval",
  maxPicks,
  budgets: new Map([
    ["koillinen", 100_000],
    ["koko-kaupunki", 200_000],
  ]),
});
const budget: BallotRoundRules = {
  ballotStyle: "budget",
  maxPicks: null,
  budgets: new Map([
    ["koillinen", 70_000],
    ["koko-kaupunki", 200_000],
  ]),
};
const AREAS = ["koillinen", "koko-kaupunki"];
const check = (rules: BallotRoundRules, picks: Record<string, string[]>) => checkBallot(rules, AREAS, projects, new Map(Object.entries(picks)));
const codes = (r: ReturnType<typeof check>) => r.problems.map((p) => p.code);

describe("checkBallot: approval", () => {
  it("accepts exactly maxPicks and refuses maxPicks + 1", () => {
    expect(check(approval(3), { koillinen: ["k1", "k2", "k3"] }).problems).toEqual([]);
    const over = check(approval(3), { koillinen: ["k1", "k2", "k3", "k4"] });
    expect(over.problems).toEqual([{ code: "too-many", area: "koillinen", max: 3, picked: 4 }]);
  });

  it("counts maxPicks per area", () => {
    expect(check(approval(1), { koillinen: ["k1"], "koko-kaupunki": ["h1"] }).problems).toEqual([]);
  });

  it("ignores costs (an approval ballot has no budget limit for the voter)", () => {
    expect(check(approval(5), { koillinen: ["k1", "k2", "k3", "k4"] }).problems).toEqual([]);
  });
});

describe("checkBallot: budget", () => {
  it("accepts picks costing exactly the budget and refuses one euro over", () => {
    const exact = check(budget, { koillinen: ["k1", "k2"] });
    expect(exact.problems).toEqual([]);
    expect(exact.totals).toEqual([{ area: "koillinen", picked: 2, total: 70_000, budget: 70_000, left: 0 }]);

    const oneOver = checkBallot({ ...budget, budgets: new Map([["koillinen", 69_999]]) }, ["koillinen"], projects, new Map([["koillinen", ["k1", "k2"]]]));
    expect(oneOver.problems).toEqual([{ code: "over-budget", area: "koillinen", budget: 69_999, total: 70_000 }]);
    expect(oneOver.totals[0]?.left).toBe(-1);
  });

  it("has no pick-count limit", () => {
    expect(check(budget, { koillinen: ["k2", "k3", "k4"] }).problems).toEqual([]);
  });
});

describe("checkBallot: malformed picks", () => {
  it("refuses a project picked twice", () => {
    expect(check(approval(5), { koillinen: ["k1", "k1"] }).problems).toEqual([{ code: "duplicate", projectId: "k1" }]);
  });

  it("refuses another area's project", () => {
    expect(check(approval(5), { koillinen: ["h1"] }).problems).toEqual([{ code: "wrong-area", projectId: "h1", area: "koillinen" }]);
  });

  it("refuses an unknown project", () => {
    expect(check(approval(5), { koillinen: ["nope"] }).problems).toEqual([{ code: "unknown-project", projectId: "nope" }]);
  });

  it("refuses picks in an area that is not on the voter's ballot", () => {
    expect(codes(check(approval(5), { etelainen: ["e1"] }))).toEqual(["no-picks", "area-not-on-ballot"]);
    expect(codes(check(approval(5), { etelainen: ["e1"], koillinen: ["k1"] }))).toEqual(["area-not-on-ballot"]);
  });

  it("refuses a ballot with no picks at all", () => {
    expect(codes(check(approval(5), {}))).toEqual(["no-picks"]);
    expect(codes(check(approval(5), { koillinen: [], "koko-kaupunki": [] }))).toEqual(["no-picks"]);
  });

  it("accepts picks in only one of the areas", () => {
    expect(check(approval(5), { "koko-kaupunki": ["h1"] }).problems).toEqual([]);
  });
});

describe("ballotAreas", () => {
  it("gives the school's area and the whole city when the city has a budget", () => {
    expect(ballotAreas(approval(5), "koillinen")).toEqual(["koillinen", "koko-kaupunki"]);
  });

  it("gives only the school's area without a city-wide budget", () => {
    const rules: BallotRoundRules = { ballotStyle: "approval", maxPicks: 5, budgets: new Map([["koillinen", 1]]) };
    expect(ballotAreas(rules, "koillinen")).toEqual(["koillinen"]);
  });

  it("gives only the whole city when the school's area has no budget", () => {
    expect(ballotAreas(approval(5), "etelainen")).toEqual(["koko-kaupunki"]);
  });

  it("gives nothing when neither has a budget", () => {
    expect(ballotAreas({ ballotStyle: "budget", maxPicks: null, budgets: new Map() }, "koillinen")).toEqual([]);
  });
});

describe("shuffleForVoter", () => {
  const items = Array.from({ length: 10 }, (_, i) => ({ code: `P-${String(i).padStart(2, "0")}` }));
  const order = (list: { code: string }[]) => list.map((p) => p.code).join(",");

  it("is stable for the same seed, whatever the input order", () => {
    expect(order(shuffleForVoter(items, 42))).toBe(order(shuffleForVoter(items, 42)));
    expect(order(shuffleForVoter([...items].reverse(), 42))).toBe(order(shuffleForVoter(items, 42)));
  });

  it("differs for different seeds", () => {
    const orders = new Set(Array.from({ length: 20 }, (_, seed) => order(shuffleForVoter(items, seed))));
    expect(orders.size).toBeGreaterThan(15);
    expect(order(shuffleForVoter(items, 1))).not.toBe(order(shuffleForVoter(items, 2)));
  });

  it("returns a permutation of the input and leaves the input alone", () => {
    const copy = [...items];
    const shuffled = shuffleForVoter(items, 12345);
    expect(shuffled).toHaveLength(items.length);
    expect([...shuffled].sort((a, b) => a.code.localeCompare(b.code))).toEqual(items);
    expect(items).toEqual(copy);
  });

  it("puts every project first about equally often over many seeds", () => {
    const seeds = 20_000;
    const first = new Map<string, number>();
    for (let seed = 0; seed < seeds; seed++) {
      const code = shuffleForVoter(items, seed * 2654435761)[0]?.code as string;
      first.set(code, (first.get(code) ?? 0) + 1);
    }
    expect(first.size).toBe(items.length);
    const expected = seeds / items.length;
    for (const n of first.values()) expect(Math.abs(n - expected)).toBeLessThan(expected * 0.1);
  });
});

describe("picksFromForm", () => {
  it("reads pick:<area> fields and ignores others", () => {
    const picks = picksFromForm([
      ["pick:koillinen", "k1"],
      ["pick:koillinen", "k2"],
      ["pick:koko-kaupunki", "h1"],
      ["code", "X"],
    ]);
    expect(Object.fromEntries(picks)).toEqual({ koillinen: ["k1", "k2"], "koko-kaupunki": ["h1"] });
  });
});
