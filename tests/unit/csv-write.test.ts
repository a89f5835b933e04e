// Formula injection (issue 13): every CSV and XLSX export writes a text that a spreadsheet would run
// as a formula as plain text, whichever export it is in; quoting still follows RFC 4180.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { resultsCsv } from "~/cli/results";
import { turnoutCsv, turnoutXlsx } from "~/features/turnout/turnout-export.server";
import { csvCell, csvLine } from "~/shared/csv-write";

const ATTACKS = ["=HYPERLINK(\"http://evil.test\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"];

describe("csvCell", () => {
  it.each(ATTACKS)("writes %j so that no spreadsheet reads it as a formula", (value) => {
    const cell = csvCell(value);
    // The cell's text (unquoted) starts with an apostrophe.
    const text = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
    expect(text).toBe(`'${value}`);
  });

  it("leaves ordinary text and numbers alone, and quotes commas, quotes and line breaks", () => {
    expect(csvCell("Koulupiha")).toBe("Koulupiha");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(12.5)).toBe("12.5");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvLine(["x", 1, "=1"])).toBe("x,1,'=1\r\n");
  });
});

const table = {
  keys: ["school" as const],
  public: false,
  rows: [{ values: ["=cmd|' /C calc'!A0"], eligible: 10, voters: 4, rate: 40, suppressed: null }],
  total: { eligible: 10, voters: 4, rate: 40, suppressed: null },
};

describe("exports", () => {
  it("turnout CSV neutralises a key value that looks like a formula", () => {
    const csv = turnoutCsv({ round: "r", table, generatedAt: new Date("2026-03-01T10:00:00Z") });
    expect(csv.split("\r\n")[1]).toBe("'=cmd|' /C calc'!A0,10,4,40.0");
  });

  it("turnout XLSX writes it as text starting with an apostrophe, not as a formula", async () => {
    const buffer = await turnoutXlsx({ round: "r", table, generatedAt: new Date("2026-03-01T10:00:00Z") });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const cell = workbook.getWorksheet("Turnout")?.getCell("A2");
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.value).toBe("'=cmd|' /C calc'!A0");
  });

  it("the CLI's results CSV neutralises a project code that looks like a formula", () => {
    const csv = resultsCsv({ round: "r", rule: "greedy", published: null, areas: [{ area: "etelainen", budget: 100, projects: [{ code: "@X", votes: 3, cost: 50, selected: true }] }] } as never);
    expect(csv.split("\n")[1]).toBe("etelainen,100,'@X,3,50,1");
  });
});
