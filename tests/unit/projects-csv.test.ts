import { describe, expect, it } from "vitest";
import type { CsvError } from "~/shared/csv";
import { readProjectsCsv } from "~/features/proposals/projects-csv";
import { csvErrorOf, csvText, expectCsvErrorAt } from "../support/csv-errors";

const FILE = "hankkeet.csv";
const HEADER = "code,title_fi,title_sv,title_en,area,sector,cost";
const WALL = "ITA-01,Kiipeilyseinä Itäkeskukseen,Klättervägg i Östra centrum,Climbing wall in Itäkeskus,itainen,basic,25000";
const BENCHES = 'KOKO-1,"Penkit, pöydät ja varjot","Bänkar, bord och skugga","Benches, tables and shade",koko-kaupunki,upper-secondary,120000';

const csv = csvText;
const errorOf = (text: string) => csvErrorOf(() => readProjectsCsv(FILE, text));
const expectWhere = (error: CsvError, line: number, column?: { number: number; name: string }) => expectCsvErrorAt(error, FILE, line, column);

describe("readProjectsCsv: good files", () => {
  it("reads every project with its line number, the cost as a number", () => {
    const table = readProjectsCsv(FILE, csv(HEADER, WALL, BENCHES));
    expect(table.file).toBe(FILE);
    expect(table.rows.map((r) => r.line)).toEqual([2, 3]);
    expect(table.rows[0]?.value).toEqual({
      code: "ITA-01",
      title_fi: "Kiipeilyseinä Itäkeskukseen",
      title_sv: "Klättervägg i Östra centrum",
      title_en: "Climbing wall in Itäkeskus",
      area: "itainen",
      sector: "basic",
      cost: 25000,
    });
    expect(table.rows[1]?.value.title_fi).toBe("Penkit, pöydät ja varjot");
    expect(table.columnOf("area")).toBe(5);
  });

  it("accepts a BOM, CRLF line ends and the columns in another order", () => {
    const text = "\uFEFFcost,area,sector,code,title_en,title_sv,title_fi\r\n1,etelainen,vocational,x,A,B,C\r\n";
    const table = readProjectsCsv(FILE, text);
    expect(table.rows[0]?.value).toMatchObject({ code: "x", cost: 1, area: "etelainen", title_fi: "C" });
    expect(table.columnOf("area")).toBe(2);
  });

  it("accepts a header-only file as no projects", () => {
    expect(readProjectsCsv(FILE, csv(HEADER)).rows).toEqual([]);
  });

  it("reads a file without description columns exactly as before: no description keys, hasColumn false", () => {
    const table = readProjectsCsv(FILE, csv(HEADER, WALL));
    expect(Object.keys(table.rows[0]?.value ?? {})).toEqual(["code", "title_fi", "title_sv", "title_en", "area", "sector", "cost"]);
    expect(table.hasColumn("description_fi")).toBe(false);
  });

  it("reads the optional description_fi, description_sv and description_en columns (any of them, empty allowed)", () => {
    const header = `${HEADER},description_fi,description_sv,description_en`;
    const table = readProjectsCsv(FILE, csv(header, `${WALL},"Seinä, jossa on otteita",Vägg med grepp,`));
    expect(table.rows[0]?.value).toMatchObject({ code: "ITA-01", description_fi: "Seinä, jossa on otteita", description_sv: "Vägg med grepp", description_en: "" });
    expect(table.hasColumn("description_en")).toBe(true);
    const onlyFi = readProjectsCsv(FILE, csv(`description_fi,${HEADER}`, `Kuvaus,${WALL}`));
    expect(onlyFi.rows[0]?.value.description_fi).toBe("Kuvaus");
    expect(onlyFi.hasColumn("description_sv")).toBe(false);
  });

  it("refuses a description over 2,000 characters, naming the line and column", () => {
    const error = errorOf(csv(`${HEADER},description_fi`, `${WALL},${"a".repeat(2001)}`));
    expectWhere(error, 2, { number: 8, name: "description_fi" });
    expect(error.problem.message).toContain("2,000");
  });
});

describe("readProjectsCsv: bad files name the line and column", () => {
  const row = (changes: Partial<Record<"code" | "title_fi" | "title_sv" | "title_en" | "area" | "sector" | "cost", string>>) => {
    const v = { code: "ITA-02", title_fi: "A", title_sv: "B", title_en: "C", area: "itainen", sector: "basic", cost: "100", ...changes };
    return [v.code, v.title_fi, v.title_sv, v.title_en, v.area, v.sector, v.cost].join(",");
  };

  it.each([
    ["a code with a space", { code: "ITA 02" }, 1, "code", /1–20 letters, digits or '-'/],
    ["a code of 21 characters", { code: "A".repeat(21) }, 1, "code", /1–20/],
    ["an empty code", { code: "" }, 1, "code", /1–20/],
    ["an empty Finnish title", { title_fi: "" }, 2, "title_fi", /Finnish title is empty/],
    ["an empty English title", { title_en: "" }, 4, "title_en", /English title is empty/],
    ["a long Swedish title", { title_sv: "x".repeat(201) }, 3, "title_sv", /longer than 200/],
    ["an unknown area", { area: "espoo" }, 5, "area", /area must be one of etelainen/],
    ["an unknown sector", { sector: "university" }, 6, "sector", /sector must be one of early-childhood/],
    ["a cost with decimals", { cost: "100.50" }, 7, "cost", /whole number of euros/],
    ["a cost with a space", { cost: "1 000" }, 7, "cost", /whole number of euros/],
    ["a negative cost", { cost: "-5" }, 7, "cost", /whole number of euros/],
    ["a cost of 0", { cost: "0" }, 7, "cost", /from 1 to/],
    ["an empty cost", { cost: "" }, 7, "cost", /whole number of euros/],
  ])("%s", (_, changes, column, name, message) => {
    const error = errorOf(csv(HEADER, WALL, row(changes)));
    expectWhere(error, 3, { number: column, name });
    expect(error.problem.message).toMatch(message);
  });

  it("rejects a duplicate code naming both lines", () => {
    const error = errorOf(csv(HEADER, WALL, BENCHES, WALL.replace("25000", "30000")));
    expectWhere(error, 4, { number: 1, name: "code" });
    expect(error.message).toMatch(/line 2/);
    expect(error.message).toContain('"ITA-01"');
  });

  it("rejects unknown, missing and extra columns", () => {
    expectWhere(errorOf(csv(`${HEADER},budget`, `${WALL},1`)), 1, { number: 8, name: "budget" });
    const missing = errorOf(csv("code,title_fi,title_sv,title_en,area,cost", "X,A,B,C,itainen,1"));
    expectWhere(missing, 1);
    expect(missing.message).toContain("sector");
  });

  it("rejects a row with too few values", () => {
    expectWhere(errorOf(csv(HEADER, WALL, "X,A,B,C,itainen,basic")), 3);
  });
});
