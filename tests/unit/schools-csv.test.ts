import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CsvError, readCsvTable } from "~/shared/csv";
import { readSchoolsCsv } from "~/features/schools/schools";
import { csvErrorOf, csvText, expectCsvErrorAt } from "../support/csv-errors";

const FILE = "koulut.csv";
const HEADER = "code,name_fi,name_sv,name_en,type,language,area";
const KIVI = "00123,Aleksis Kiven peruskoulu,Aleksis Kivis grundskola,Aleksis Kivi Comprehensive School,11,fi,keskinen";
const LAUTTIS =
  '00456,"Lauttasaaren yhteiskoulu, lukio","Drumsö samskola, gymnasium","Lauttasaari Coeducational School, upper secondary",15,fi,lantinen';
const NORMAL = "00789,Svenska normallyceum,Svenska normallyceum,Svenska normallyceum,15,sv,etelainen";

const csv = csvText;

/** The CsvError that reading `text` throws (fails the test when nothing is thrown). */
const errorOf = (text: string, file = FILE) => csvErrorOf(() => readSchoolsCsv(file, text));

/** Asserts that the message points at the file, the line and (when given) the column. */
const expectWhere = (error: CsvError, line: number, column?: { number: number; name: string }) => expectCsvErrorAt(error, FILE, line, column, { nameInMessage: true });

describe("readSchoolsCsv: good files", () => {
  it("reads every school with its line number", () => {
    const rows = readSchoolsCsv(FILE, csv(HEADER, KIVI, LAUTTIS, NORMAL));
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(rows[0]?.value).toEqual({
      code: "00123",
      name_fi: "Aleksis Kiven peruskoulu",
      name_sv: "Aleksis Kivis grundskola",
      name_en: "Aleksis Kivi Comprehensive School",
      type: "11",
      language: "fi",
      area: "keskinen",
    });
    expect(rows[2]?.value.language).toBe("sv");
  });

  it("keeps commas inside quoted names", () => {
    const [row] = readSchoolsCsv(FILE, csv(HEADER, LAUTTIS));
    expect(row?.value.name_fi).toBe("Lauttasaaren yhteiskoulu, lukio");
    expect(row?.value.name_sv).toBe("Drumsö samskola, gymnasium");
    expect(row?.value.area).toBe("lantinen");
  });

  it("accepts a UTF-8 byte order mark and Windows line endings, as Excel saves them", () => {
    const plain = readSchoolsCsv(FILE, csv(HEADER, KIVI, LAUTTIS, NORMAL));
    const excel = readSchoolsCsv(FILE, "\uFEFF" + [HEADER, KIVI, LAUTTIS, NORMAL].join("\r\n") + "\r\n");
    expect(excel).toEqual(plain);
    expect(readSchoolsCsv(FILE, "\uFEFF" + [HEADER, KIVI].join("\r\n"))).toHaveLength(1);
  });

  it("accepts the columns in any order", () => {
    const rows = readSchoolsCsv(FILE, csv("area,language,type,name_en,name_sv,name_fi,code", "itainen,sv,12,Eastern school,Östra skolan,Itäinen koulu,X-1"));
    expect(rows[0]?.value).toMatchObject({ code: "X-1", area: "itainen", language: "sv", type: "12", name_sv: "Östra skolan" });
  });

  it("accepts every school type and every area except the whole city", () => {
    const types = ["11", "12", "15", "19", "21", "63"];
    const areas = ["etelainen", "lantinen", "keskinen", "pohjoinen", "koillinen", "kaakkoinen", "itainen"];
    const lines = areas.map((area, i) => `S${i},Koulu ${i},Skola ${i},School ${i},${types[i % types.length]},fi,${area}`);
    expect(readSchoolsCsv(FILE, csv(HEADER, ...lines))).toHaveLength(areas.length);
  });

  it("reads a file with only a header as no schools", () => {
    expect(readSchoolsCsv(FILE, csv(HEADER))).toEqual([]);
  });
});

describe("readSchoolsCsv: bad files", () => {
  it("rejects an extra column, naming line 1 and the column", () => {
    const error = errorOf(csv(`${HEADER},comment`, `${KIVI},new`));
    expectWhere(error, 1, { number: 8, name: "comment" });
  });

  it("rejects a misspelt column, naming it", () => {
    const error = errorOf(csv("code,name_fi,name_sv,name_en,tyyppi,language,area", KIVI));
    expectWhere(error, 1, { number: 5, name: "tyyppi" });
  });

  it("rejects a missing column, naming it", () => {
    const error = errorOf(csv("code,name_fi,name_sv,name_en,type,language", "00123,A,B,C,11,fi"));
    expectWhere(error, 1);
    expect(error.message).toContain("area");
  });

  it("rejects an empty file", () => {
    expectWhere(errorOf(""), 1);
  });

  it("rejects a wrong school type code", () => {
    const error = errorOf(csv(HEADER, KIVI, NORMAL.replace(",15,sv,", ",14,sv,")));
    expectWhere(error, 3, { number: 5, name: "type" });
  });

  it("rejects a language other than fi or sv", () => {
    const error = errorOf(csv(HEADER, KIVI.replace(",11,fi,", ",11,en,")));
    expectWhere(error, 2, { number: 6, name: "language" });
    expect(error.message).toMatch(/fi or sv/);
  });

  it("rejects the whole city as a school's area", () => {
    const error = errorOf(csv(HEADER, KIVI, LAUTTIS.replace(",lantinen", ",koko-kaupunki")));
    expectWhere(error, 3, { number: 7, name: "area" });
  });

  it("rejects an unknown area", () => {
    const error = errorOf(csv(HEADER, KIVI.replace(",keskinen", ",Keskinen")));
    expectWhere(error, 2, { number: 7, name: "area" });
  });

  it("rejects an empty name", () => {
    const error = errorOf(csv(HEADER, KIVI, "00999,Koulu,,School,11,fi,pohjoinen"));
    expectWhere(error, 3, { number: 3, name: "name_sv" });
    expect(error.message).toMatch(/empty/);
  });

  it("rejects a name of only spaces", () => {
    const error = errorOf(csv(HEADER, "00999,   ,Skola,School,11,fi,pohjoinen"));
    expectWhere(error, 2, { number: 2, name: "name_fi" });
  });

  it("rejects a line with too few or too many values", () => {
    expectWhere(errorOf(csv(HEADER, KIVI, "00999,Koulu,Skola,School,11,fi")), 3);
    expectWhere(errorOf(csv(HEADER, `${KIVI},extra`)), 2);
    // An unquoted comma in a name splits it into two values.
    expectWhere(errorOf(csv(HEADER, KIVI, NORMAL, "01000,Koulu, lukio,Skola,School,15,fi,pohjoinen")), 4);
  });

  it("rejects a school listed twice, naming both lines", () => {
    const error = errorOf(csv(HEADER, KIVI, LAUTTIS, KIVI.replace("Aleksis Kiven peruskoulu", "Toinen koulu")));
    expectWhere(error, 4, { number: 1, name: "code" });
    expect(error.message).toMatch(/\bline 2\b/);
    expect(error.message).toContain("00123");
  });

  it("counts lines as the file has them, blank lines included", () => {
    // A spreadsheet user looking for the problem goes to the line the message names.
    const error = errorOf(csv(HEADER, KIVI, "", LAUTTIS.replace(",15,fi,", ",99,fi,")));
    expectWhere(error, 4, { number: 5, name: "type" });
  });

  it("names the file it was given", () => {
    const error = errorOf(csv(HEADER, KIVI.replace(",11,", ",1,")), "/data/itainen-koulut.csv");
    expect(error.message).toContain("/data/itainen-koulut.csv");
    expect(error.file).toBe("/data/itainen-koulut.csv");
  });
});

describe("readCsvTable", () => {
  const schema = z.object({ school: z.string().min(1, "school is empty"), eligible: z.coerce.number().int("eligible must be a whole number") });

  it("validates each row with the schema and reports the cell", () => {
    const text = "school,eligible\n00123,55\n00456,5.5\n";
    expect(() => readCsvTable("e.csv", text, ["school", "eligible"], schema)).toThrow(/e\.csv: line 3, column 2 \(eligible\)/);
  });

  it("rejects a column that appears twice", () => {
    expect(() => readCsvTable("e.csv", "school,eligible,school\n1,2,3\n", ["school", "eligible"], schema)).toThrow(/line 1, column 3 \(school\)/);
  });

  it("rejects a value with a line break", () => {
    expect(() => readCsvTable("e.csv", 'school,eligible\n"00\n123",5\n', ["school", "eligible"], schema)).toThrow(CsvError);
  });
});
