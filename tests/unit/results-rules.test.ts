import { describe, expect, it } from "vitest";
import { compareWithGreedy, equalShares, greedy, scores, tally, type TallyElection, type VoteType } from "~/features/results/rules";

/** A small election: projects as [id, cost], ballots as lists of ids (or [id, points] pairs). */
function election(
  budget: number,
  projects: [string, number][],
  ballots: (string[] | [string, number][])[],
  extra: { voteType?: VoteType; threshold?: number; unit?: bigint } = {},
): TallyElection {
  return {
    voteType: extra.voteType ?? "approval",
    budget: BigInt(budget),
    currencyUnit: extra.unit,
    minProjectScoreThreshold: extra.threshold,
    projects: projects.map(([id, cost]) => ({ id, cost: BigInt(cost) })),
    votes: ballots.map((b) =>
      b.length && Array.isArray(b[0])
        ? { projects: (b as [string, number][]).map((e) => e[0]), points: (b as [string, number][]).map((e) => e[1]) }
        : { projects: b as string[] },
    ),
  };
}

/** `n` ballots approving the same projects. */
const times = (n: number, ballot: string[]): string[][] => Array.from({ length: n }, () => [...ballot]);

/** A seeded shuffle (mulberry32), so the test is repeatable. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("greedy", () => {
  it("orders by votes, then lower cost, then project id in plain character order", () => {
    // A and B tie on votes: the cheaper B goes first and A no longer fits.
    expect(greedy(election(60, [["A", 50], ["B", 40]], [["A", "B"], ["A", "B"]]))).toEqual(["B"]);
    // "10" and "9" tie on votes and cost: "10" < "9" in character order (not numeric order).
    expect(greedy(election(100, [["9", 100], ["10", 100]], [["9", "10"]]))).toEqual(["10"]);
    // Character order is by code unit, not locale: "Z" (0x5A) < "a" (0x61) < "ä" (0xE4).
    expect(greedy(election(10, [["ä", 10], ["a", 10], ["Z", 10]], [["ä", "a", "Z"]]))).toEqual(["Z"]);
  });

  it("selects a project that fits exactly", () => {
    const e = election(100, [["A", 60], ["B", 40]], [...times(3, ["A"]), ...times(2, ["B"])]);
    expect(greedy(e)).toEqual(["A", "B"]);
  });

  it("skips a project one euro over the remaining budget and selects the next smaller one", () => {
    const e = election(100, [["A", 60], ["B", 41], ["C", 40]], [...times(3, ["A"]), ...times(2, ["B"]), ["C"]]);
    expect(greedy(e)).toEqual(["A", "C"]);
  });

  it("never selects a project with zero votes, however cheap", () => {
    const e = election(1000, [["A", 100], ["free", 0], ["cheap", 1]], [["A"]]);
    expect(greedy(e)).toEqual(["A"]);
    expect(scores(e).get("cheap")).toBe(0);
  });

  it("greedy-no-skip stops at the first project that does not fit", () => {
    const e = election(100, [["A", 60], ["B", 41], ["C", 40]], [...times(3, ["A"]), ...times(2, ["B"]), ["C"]]);
    expect(tally(e, "greedy-no-skip")).toEqual(["A"]);
  });

  it("greedy-threshold skips projects scoring below the threshold (a score equal to it qualifies)", () => {
    const e = election(1000, [["A", 100], ["B", 100], ["C", 100]], [...times(5, ["A", "B", "C"]), ...times(2, ["A", "B"]), ["A"]], {
      threshold: 7,
    });
    // Scores: A 8, B 7, C 5.
    expect(tally(e, "greedy-threshold")).toEqual(["A", "B"]);
    expect(tally(e, "greedy")).toEqual(["A", "B", "C"]);
    expect(() => tally({ ...e, minProjectScoreThreshold: undefined }, "greedy-threshold")).toThrow(/min_project_score_threshold/);
  });

  it("scores cumulative ballots by summed points, not by voters", () => {
    // A: 2 voters × 1 point = 2; B: 1 voter × 5 points = 5.
    const e = election(
      100,
      [["A", 100], ["B", 100]],
      [
        [["A", 1]],
        [
          ["A", 1],
          ["B", 5],
        ],
      ],
      { voteType: "cumulative" },
    );
    expect(scores(e)).toEqual(new Map([["A", 2], ["B", 5]]));
    expect(greedy(e)).toEqual(["B"]);
  });

  it("sums money exactly (cents as integers: 0.10 + 0.20 fits 0.30)", () => {
    const e = election(30, [["A", 10], ["B", 20]], [["A", "B"], ["A"]], { unit: 100n });
    expect(greedy(e)).toEqual(["A", "B"]);
  });
});

describe("equal shares (cost utilities)", () => {
  it("matches a 3-voter example computed by hand", () => {
    // Budget 300, 3 voters: each holds 100. Ballots: v1 {A, C}, v2 {A, C}, v3 {B, C}.
    // Costs A 200, B 100, C 150. With cost utilities a voter pays min(budget, ρ·cost); ρ is the price
    // per unit of utility, and when the supporters can share equally ρ = (cost / k) / cost = 1 / k.
    //   round 1: A: v1, v2 pay 100 each → ρ = 100/200 = 1/2
    //            B: v3 pays 100        → ρ = 100/100 = 1
    //            C: v1, v2, v3 pay 50  → ρ =  50/150 = 1/3   ← lowest: buy C; budgets now 50, 50, 50
    //   round 2: A: v1 + v2 hold 100 < 200, B: v3 holds 50 < 100 → nothing is affordable: stop.
    // Greedy would take C (3 votes) then skip A (200 > 150 left) and take B: {C, B}.
    const e = election(300, [["A", 200], ["B", 100], ["C", 150]], [["A", "C"], ["A", "C"], ["B", "C"]]);
    expect(equalShares(e)).toEqual(["C"]);
    expect(greedy(e)).toEqual(["C", "B"]);
    // add1: after C each voter keeps s - 50; A and B become affordable together at s = 150, where A
    // (ρ 1/2) is bought first and the outcome {C, A} costs 350 > 300. The last fitting outcome is {C}.
    expect(equalShares(e, { add1: true })).toEqual(["C"]);
    // Comparison: v1 and v2 get one project either way; v3 gets two under greedy (C, B) against one
    // (C): one voter prefers greedy, none prefers equal shares, so greedy is kept.
    expect(tally(e, "equalshares/add1-comparison")).toEqual(["C", "B"]);
  });

  it("add1 changes the outcome when raising the shares makes a project affordable", () => {
    // Budget 300, 3 voters with 100 each. A (240) by v1, v2; B (60) by v3.
    //   share 100: A is unaffordable (200 < 240); B: v3 pays 60 → outcome {B}, cost 60.
    //   share 120 (after 20 add1 steps): A: v1, v2 pay 120 each, ρ = 1/2; B: ρ = 1 → buy A, then B
    //   (v3 still holds 120) → {A, B}, cost 300: an exact fit, kept.
    const e = election(300, [["A", 240], ["B", 60]], [["A"], ["A"], ["B"]]);
    expect(equalShares(e)).toEqual(["B"]);
    expect(equalShares(e, { add1: true })).toEqual(["A", "B"]);
    expect(tally(e, "equalshares/add1")).toEqual(["A", "B"]);
    expect(tally(e, "equalshares")).toEqual(["B"]);
  });

  it("raises shares by one currency unit per step (cents: 100 minor units)", () => {
    // Same election in cents: the answer must not depend on the unit.
    const e = election(30000, [["A", 24000], ["B", 6000]], [["A"], ["A"], ["B"]], { unit: 100n });
    expect(equalShares(e, { add1: true })).toEqual(["A", "B"]);
  });

  it("is exact when the budget does not divide by the number of voters", () => {
    // 100 / 3 each: three shares of 33.33… pay exactly 100 (floats would fall short).
    const e = election(100, [["A", 100]], [["A"], ["A"], ["A"]]);
    expect(equalShares(e)).toEqual(["A"]);
  });

  it("breaks ties in ρ by project id", () => {
    // A and C both have ρ = 1/2 (two supporters, equal shares) and the same supporter count: A first.
    const e = election(400, [["A", 200], ["B", 100], ["C", 200], ["D", 100]], [["A", "C"], ["A", "C"], ["B"], ["D"]]);
    expect(equalShares(e)).toEqual(["A", "B", "D"]);
  });

  it("comparison keeps equal shares unless more voters prefer greedy", () => {
    // Greedy: {A, C} (v1, v2 get 2 projects, v3, v4 none). Equal shares: {A, B, D} (everyone gets 1).
    // Two voters prefer greedy and two prefer equal shares: not more, so equal shares stays.
    const e = election(400, [["A", 200], ["B", 100], ["C", 200], ["D", 100]], [["A", "C"], ["A", "C"], ["B"], ["D"]]);
    expect(greedy(e)).toEqual(["A", "C"]);
    expect(tally(e, "equalshares/add1-comparison")).toEqual(["A", "B", "D"]);
    expect(tally(e, "equalshares-comparison")).toEqual(["A", "B", "D"]);
    // With one more greedy-minded voter, greedy wins the comparison.
    const more = { ...e, votes: [...e.votes, { projects: ["A", "C"] }] };
    expect(compareWithGreedy(more, ["A", "B", "D"], ["A", "C"])).toEqual(["A", "C"]);
  });

  it("selects nothing without voters and never a project nobody supports", () => {
    expect(equalShares(election(100, [["A", 10]], []), { add1: true })).toEqual([]);
    expect(equalShares(election(100, [["A", 10], ["B", 10]], [["A"]]), { add1: true })).toEqual(["A"]);
  });
});

describe("determinism", () => {
  // A mid-sized random election, generated from a fixed seed.
  const projects: [string, number][] = Array.from({ length: 12 }, (_, i) => [`P${i + 1}`, 1000 * ((i * 7) % 5) + 500 * (i % 3) + 700]);
  const ballots: string[][] = Array.from({ length: 300 }, (_, v) =>
    shuffled(
      projects.map((p) => p[0]),
      v + 1,
    ).slice(0, 1 + (v % 4)),
  );
  const e = election(9000, projects, ballots);
  const reordered: TallyElection = { ...e, projects: shuffled(e.projects, 99), votes: shuffled(e.votes, 7) };

  it.each(["greedy", "greedy-no-skip", "equalshares", "equalshares/add1", "equalshares/add1-comparison"] as const)(
    "%s gives the same winners twice and for shuffled input",
    (rule) => {
      const first = tally(e, rule);
      expect(first.length).toBeGreaterThan(0);
      expect(tally(e, rule)).toEqual(first);
      expect(tally(reordered, rule)).toEqual(first);
    },
  );
});
