// Pure helpers of the results commands: the CSV of `results` and the Pabulib rule of `export-pb`.
import { describe, expect, it } from "vitest";
import { pabulibRule } from "~/cli/export-pb";
import { resultsCsv } from "~/cli/results";
import { isRuleName } from "~/features/results/rules";
import { WINNER_RULES } from "~/features/rounds/rounds";

describe("results CSV", () => {
  it("has the header of docs/cli.md and one row per project, selected as 1 or 0", () => {
    const csv = resultsCsv({
      round: "r",
      rule: "greedy",
      published: null,
      areas: [
        { area: "koillinen", budget: 100, voters: 3, spent: 60, left: 40, projects: [{ code: "A", votes: 3, cost: 60, selected: true }, { code: "B", votes: 1, cost: 50, selected: false }] },
        { area: "koko-kaupunki", budget: 10, voters: 0, spent: 0, left: 10, projects: [] },
      ],
    });
    expect(csv).toBe("area,budget,code,votes,cost,selected\nkoillinen,100,A,3,60,1\nkoillinen,100,B,1,50,0\n");
  });
});

describe("Pabulib rule of a round", () => {
  it("names a rule `tally --pb` understands for every winner rule", () => {
    for (const rule of WINNER_RULES) expect(isRuleName(pabulibRule(rule)), rule).toBe(true);
    expect(pabulibRule("equal-shares")).toBe("equalshares/add1");
    expect(() => pabulibRule("lottery")).toThrow();
  });
});
