// The fast Method of Equal Shares (float runs with an exact fallback, decision 011) against the exact
// reference implementation: the same winners, in the same order, on many generated elections (seeded,
// so every run checks the same ones) — random ones and ones built to tie — and on the real Pabulib
// files when ../shared/pabulib is there.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePabulib } from "~/features/results/pabulib";
import { equalShares, equalSharesExact, equalSharesStats, type TallyElection, type VoteType } from "~/features/results/rules";
import { pabulibSamplesDir, prng } from "../support/pabulib-samples";

const PABULIB = pabulibSamplesDir(process.env.PABULIB_DIR);

type Kind = "random" | "equal-costs" | "patterns" | "exact-fit" | "cumulative" | "cents";

/** One generated election of the given kind. */
function generate(kind: Kind, seed: number): TallyElection {
  const random = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const P = int(2, 10);
  const n = int(1, 40);
  const ids = Array.from({ length: P }, (_, i) => (kind === "patterns" ? `p${(i * 7) % P}` : `P${i}`)).filter((id, i, all) => all.indexOf(id) === i);
  let costs: number[];
  switch (kind) {
    case "equal-costs":
    case "patterns":
      costs = ids.map(() => pick([10, 20, 30, 60]));
      break;
    case "exact-fit":
      costs = ids.map(() => pick([n, 2 * n, 3 * n, 6 * n, 12]));
      break;
    default:
      costs = ids.map(() => int(0, 100) === 0 ? 0 : int(1, 500));
  }
  // Ballots: random subsets, or a few patterns repeated (equal supports, overlapping exactly).
  const patterns = Array.from({ length: int(1, 4) }, () => ids.filter(() => random() < 0.5));
  const votes = Array.from({ length: n }, () => {
    const projects = kind === "patterns" || kind === "equal-costs" ? pick(patterns) : ids.filter(() => random() < 0.4);
    if (kind !== "cumulative") return { projects };
    return { projects, points: projects.map(() => int(1, 3)) };
  });
  const totalCost = costs.reduce((s, c) => s + c, 0);
  // Budgets: a share of the total cost, or a multiple of the voter count (shares that divide evenly).
  const budget = kind === "exact-fit" || random() < 0.4 ? n * int(1, Math.max(1, Math.ceil(totalCost / n))) : int(0, totalCost);
  const voteType: VoteType = kind === "cumulative" ? "cumulative" : "approval";
  const unit = kind === "cents" ? 100n : 1n;
  return {
    voteType,
    budget: BigInt(budget) * unit,
    currencyUnit: unit,
    projects: ids.map((id, i) => ({ id, cost: BigInt(costs[i]!) * unit })),
    votes,
  };
}

const KINDS: Kind[] = ["random", "equal-costs", "patterns", "exact-fit", "cumulative", "cents"];

describe("fast equal shares = exact equal shares", () => {
  it.each(KINDS)("%s elections (400 seeds each), with and without add1", (kind) => {
    let fallbacks = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const e = generate(kind, seed * 7919 + KINDS.indexOf(kind));
      expect(equalShares(e), `${kind} seed ${seed}`).toEqual(equalSharesExact(e));
      expect(equalShares(e, { add1: true }), `${kind} seed ${seed}, add1`).toEqual(equalSharesExact(e, { add1: true }));
      fallbacks += equalSharesStats.fallbackRuns;
    }
    // The generated ties do reach the exact fallback.
    if (kind !== "random" && kind !== "cumulative") expect(fallbacks).toBeGreaterThan(0);
  });

  it("hands exact ties and exact fits to the exact arithmetic (and still agrees)", () => {
    // Two projects with ρ exactly 1/2 where one supporter of each runs out at that ρ: a float run
    // cannot tell 1/2 from 1/2 ± rounding, so it must defer.
    const e: TallyElection = {
      voteType: "approval",
      budget: 300n,
      projects: [
        { id: "B", cost: 200n },
        { id: "A", cost: 200n },
        { id: "C", cost: 100n },
      ],
      votes: [{ projects: ["A", "B"] }, { projects: ["A", "B"] }, { projects: ["C"] }],
    };
    // Each voter holds 100: A and B cost exactly what their two supporters hold.
    expect(equalShares(e)).toEqual(equalSharesExact(e));
    expect(equalShares(e, { add1: true })).toEqual(equalSharesExact(e, { add1: true }));
    expect(equalSharesStats.fallbackRuns).toBeGreaterThan(0);
  });

  it("keeps every add1 step: the outcome's cost is not monotone in the share", () => {
    // Budget 102, 6 voters (share 17). At share 17 + 16 the outcome costs more than 102, so add1 stops
    // and keeps the outcome of share 17 + 15; at 17 + 21 an outcome with more projects fits again,
    // which a search over the share (bisection) could land on.
    const e: TallyElection = {
      voteType: "approval",
      budget: 102n,
      projects: [
        { id: "P0", cost: 57n },
        { id: "P1", cost: 46n },
        { id: "P2", cost: 37n },
      ],
      votes: [{ projects: ["P0"] }, { projects: ["P1"] }, { projects: ["P0", "P1", "P2"] }, { projects: [] }, { projects: [] }, { projects: ["P0", "P2"] }],
    };
    const cost = (ids: string[]) => ids.reduce((sum, id) => sum + e.projects.find((p) => p.id === id)!.cost, 0n);
    const atStep = (k: number) => equalShares({ ...e, budget: e.budget + BigInt(k * e.votes.length) });
    expect(cost(atStep(15))).toBeLessThanOrEqual(102n);
    expect(cost(atStep(16))).toBeGreaterThan(102n);
    expect(cost(atStep(21))).toBeLessThanOrEqual(102n);
    expect(atStep(21).length).toBeGreaterThan(atStep(15).length);
    expect(equalShares(e, { add1: true })).toEqual(atStep(15));
    expect(equalShares(e, { add1: true })).toEqual(equalSharesExact(e, { add1: true }));
  });
});

describe.skipIf(PABULIB === undefined)(`real Pabulib files (${PABULIB ?? "../shared/pabulib absent"})`, () => {
  const files = PABULIB ? fs.readdirSync(PABULIB).filter((f) => f.endsWith(".pb")).sort() : [];
  if (!files.length) it.skip("no .pb files", () => {});
  it.each(files)("%s: the same add1 winners as the exact reference", (file) => {
    const e = parsePabulib(fs.readFileSync(path.join(PABULIB!, file), "utf8"));
    expect(equalShares(e, { add1: true })).toEqual(equalSharesExact(e, { add1: true }));
    expect(equalShares(e)).toEqual(equalSharesExact(e));
  }, 120_000);
});
