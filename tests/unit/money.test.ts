// Whole euros typed the Finnish way (app/features/proposals/money.ts).
import { describe, expect, it } from "vitest";
import { parseEuros } from "~/features/proposals/money";
import { projectFormSchema } from "~/features/proposals/projects";

describe("parseEuros", () => {
  it.each([
    ["0", 0],
    ["1200", 1200],
    ["  1200  ", 1200],
    ["1 200", 1200],
    ["1\u00a0200", 1200],
    ["1\u202f200", 1200],
    ["1 200 000", 1_200_000],
    ["1  200", 1200],
    ["1 200 €", 1200],
    ["1200€", 1200],
    ["1200 e", 1200],
    ["1200 E", 1200],
    ["1200 eur", 1200],
    ["1 200 EUR", 1200],
    ["1200,00", 1200],
    ["1200,0", 1200],
    ["1200.00", 1200],
    ["1 200,00 €", 1200],
    ["1\u00a0200,00\u00a0€", 1200],
  ])("accepts %j as %d", (text, value) => {
    expect(parseEuros(text)).toEqual({ ok: true, value });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["€", "empty"],
    ["1 200,50", "decimals"],
    ["1200,5", "decimals"],
    ["1200.01", "decimals"],
    ["12.5", "decimals"],
    ["1.200", "ambiguous"],
    ["1,200", "ambiguous"],
    ["1.200.000", "ambiguous"],
    ["1,200 €", "ambiguous"],
    ["1200,000", "ambiguous"],
    ["1 200,000", "ambiguous"],
    ["-5", "invalid"],
    ["12 00", "invalid"],
    ["1.200,00", "invalid"],
    ["1e9", "invalid"],
    ["kymppi", "invalid"],
    ["€ 1200", "invalid"],
    ["1200 dollars", "invalid"],
    ["99999999999999999999", "invalid"],
  ])("refuses %j (%s)", (text, reason) => {
    expect(parseEuros(text)).toEqual({ ok: false, reason });
  });
});

describe("the project form's cost", () => {
  const valid = { code: "ITA-01", titleFi: "Penkit", titleSv: "Bänkar", titleEn: "Benches", area: "koillinen", sector: "basic", proposals: ["p1"] };
  function costError(cost: string): string | null {
    const result = projectFormSchema.safeParse({ ...valid, cost });
    if (result.success) return null;
    return result.error.issues.find((i) => i.path[0] === "cost")?.message ?? null;
  }

  it("reads whole euros typed the Finnish way", () => {
    expect(projectFormSchema.parse({ ...valid, cost: "25 000 €" }).cost).toBe(25_000);
    expect(projectFormSchema.parse({ ...valid, cost: "1 000 000 000" }).cost).toBe(1_000_000_000);
  });

  it.each([
    ["0", "projects.errors.costInvalid"],
    ["1 000 000 001", "projects.errors.costInvalid"],
    ["25 000,50", "projects.errors.costDecimals"],
    ["25.000", "projects.errors.costAmbiguous"],
    ["25,000", "projects.errors.costAmbiguous"],
  ])("refuses %j with %s", (cost, key) => {
    expect(costError(cost)).toBe(key);
  });
});
