// The command-line contract of docs/cli.md: exit codes, messages that name the file, line and
// column, and all-or-nothing imports. Each group works on its own database file.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Fixtures, withSqlite } from "../support/fixtures";
import { DEMO_ROUNDS, removeDatabase, runCli, seedDemo, TMP, tmpDatabase, setupTmpDir, type TestDatabase } from "./harness";

const tmp = setupTmpDir("cli");
const HEADER = "code,name_fi,name_sv,name_en,type,language,area";

/** Writes a CSV file (lines joined with CRLF, optionally with a UTF-8 BOM) and returns its path. */
const csv = (name: string, lines: string[], options: { bom?: boolean } = {}): string => tmp.csv(name, lines, options);

/** A database of a group of tests (no server): its fixtures are closed and the file removed after the group. */
function setupDatabase(label: string): { database: TestDatabase; db: Fixtures } {
  const database = tmpDatabase(label);
  const db = new Fixtures(database);
  afterAll(async () => {
    await db.close();
    removeDatabase(database);
  });
  return { database, db };
}

describe("help and usage", () => {
  const url = `file:${path.join(TMP, "cli-help-never-created.db")}`;

  it("--help exits 0 and lists the commands", async () => {
    const result = await runCli(["--help"], url);
    expect(result.code).toBe(0);
    for (const command of ["migrate", "import-schools", "issue-codes", "mix-ballots", "seed"]) expect(result.stdout).toContain(command);
    expect(result.stdout).toMatch(/DATABASE_URL/);
  });

  it("an unknown command exits 2 and names it", async () => {
    const result = await runCli(["frobnicate"], url);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("frobnicate");
  });
});

describe("migrate", () => {
  const file = tmp.file(path.join("nested", "deeper", "fresh.db"));

  it("creates a missing database (and its folder) and can run again", async () => {
    expect(fs.existsSync(file)).toBe(false);
    const first = await runCli(["migrate"], `file:${file}`);
    expect(first.code, first.stderr).toBe(0);
    expect(fs.existsSync(file)).toBe(true);
    const applied = () => withSqlite(file, (db) => (db.prepare(`SELECT count(*) AS n FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`).get() as { n: number } | undefined)?.n, { readonly: true });
    const before = applied();
    expect(before).toBeGreaterThanOrEqual(1);

    const second = await runCli(["migrate"], `file:${file}`);
    expect(second.code, second.stderr).toBe(0);
    expect(applied()).toBe(before);
    withSqlite(file, (db) => expect(db.pragma("journal_mode", { simple: true })).toBe("wal"));
  });

  it("refuses unexpected arguments with exit 2", async () => {
    const result = await runCli(["migrate", "--force"], `file:${file}`);
    expect(result.code).toBe(2);
  });
});

describe("import-schools", () => {
  const { database, db } = setupDatabase("cli-import");

  beforeAll(async () => {
    // The demo city provides the areas the schools refer to.
    await seedDemo(database);
  });

  const schoolCount = () => db.prisma.school.count();
  const schools = () =>
    db.prisma.school.findMany({
      where: { code: { startsWith: "9" } },
      select: { code: true, nameFi: true, nameSv: true, nameEn: true, type: true, language: true, areaSlug: true },
      orderBy: { code: "asc" },
    });

  it("imports a UTF-8 file with a BOM and CRLF line ends", async () => {
    const before = await schoolCount();
    const file = csv(
      "schools.csv",
      [
        HEADER,
        "90001,Testilän peruskoulu,Testby grundskola,Testilä Comprehensive School,11,fi,etelainen",
        '90002,"Koulu, jossa on pilkku",Skola med komma,School with a comma,15,sv,itainen',
        " 90003 , Ammattiopisto Ö , Yrkesinstitut Ö , Vocational Ö ,21,fi,koillinen",
      ],
      { bom: true },
    );
    const result = await runCli(["import-schools", file], database.url);
    expect(result.code, result.stderr).toBe(0);
    expect(await schoolCount()).toBe(before + 3);
    expect(await schools()).toEqual([
      { code: "90001", nameFi: "Testilän peruskoulu", nameSv: "Testby grundskola", nameEn: "Testilä Comprehensive School", type: "11", language: "fi", areaSlug: "etelainen" },
      { code: "90002", nameFi: "Koulu, jossa on pilkku", nameSv: "Skola med komma", nameEn: "School with a comma", type: "15", language: "sv", areaSlug: "itainen" },
      { code: "90003", nameFi: "Ammattiopisto Ö", nameSv: "Yrkesinstitut Ö", nameEn: "Vocational Ö", type: "21", language: "fi", areaSlug: "koillinen" },
    ]);
  });

  it("upserts by code: a second import updates names and adds nothing twice", async () => {
    const before = await schoolCount();
    const file = csv("schools-renamed.csv", [
      // Columns may come in any order.
      "name_fi,code,name_sv,name_en,type,language,area",
      "Testilän yhtenäiskoulu,90001,Testby enhetsskola,Testilä Unified School,19,fi,lantinen",
      "Malmin peruskoulu (uusi nimi),00501,Malms grundskola,Malmi Comprehensive School,11,fi,koillinen",
    ]);
    const result = await runCli(["import-schools", file], database.url);
    expect(result.code, result.stderr).toBe(0);
    expect(await schoolCount()).toBe(before);
    expect((await schools())[0]).toEqual({
      code: "90001",
      nameFi: "Testilän yhtenäiskoulu",
      nameSv: "Testby enhetsskola",
      nameEn: "Testilä Unified School",
      type: "19",
      language: "fi",
      areaSlug: "lantinen",
    });
    expect((await db.prisma.school.findUnique({ where: { code: "00501" } }))?.nameFi).toBe(
      "Malmin peruskoulu (uusi nimi)",
    );
  });

  it("a bad value on line 3 aborts the whole import, naming the file, line and column", async () => {
    const before = await schoolCount();
    const file = csv("bad-line-3.csv", [
      HEADER,
      "90010,Hyvä koulu,Bra skola,Good school,11,fi,etelainen",
      "90011,Huono koulu,Dålig skola,Bad school,11,de,etelainen",
      "90012,Toinen hyvä,Annan bra,Another good,11,fi,etelainen",
    ]);
    const result = await runCli(["import-schools", file], database.url);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain("line 3");
    expect(result.stderr).toContain("language");
    expect(result.stderr).toMatch(/fi or sv/);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(await schoolCount()).toBe(before);
    expect(await db.prisma.school.findMany({ where: { code: { in: ["90010", "90011", "90012"] } } })).toEqual([]);
  });

  it("an unknown area or type is named with its column", async () => {
    const before = await schoolCount();
    for (const [row, column] of [
      ["90020,A,B,C,11,fi,atlantis", "area"],
      ["90021,A,B,C,99,fi,etelainen", "type"],
      ["90022,,B,C,11,fi,etelainen", "name_fi"],
    ] as const) {
      const file = csv(`bad-${column}.csv`, [HEADER, row]);
      const result = await runCli(["import-schools", file], database.url);
      expect(result.code, column).toBe(1);
      expect(result.stderr).toContain("line 2");
      expect(result.stderr).toContain(column);
    }
    expect(await schoolCount()).toBe(before);
  });

  it("a school listed twice aborts the import", async () => {
    const before = await schoolCount();
    const file = csv("twice.csv", [HEADER, "90030,A,B,C,11,fi,etelainen", "90030,A2,B2,C2,11,fi,etelainen"]);
    const result = await runCli(["import-schools", file], database.url);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("line 3");
    expect(await schoolCount()).toBe(before);
  });

  it("an extra column is refused and named", async () => {
    const before = await schoolCount();
    const file = csv("extra-column.csv", [`${HEADER},principal`, "90040,A,B,C,11,fi,etelainen,Rehtori Räsänen"]);
    const result = await runCli(["import-schools", file], database.url);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain("principal");
    expect(await schoolCount()).toBe(before);
  });

  it("a missing column is refused and named", async () => {
    const file = csv("missing-column.csv", ["code,name_fi,name_sv,name_en,type,area", "90050,A,B,C,11,etelainen"]);
    const result = await runCli(["import-schools", file], database.url);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("language");
  });

  it("a Latin-1 or UTF-16 file exits 1 naming the file, the line and the fix, and writes nothing (decision 017)", async () => {
    const before = await schoolCount();
    const rows = [HEADER, "90060,Ylöjärven koulu,Skola,School,11,fi,etelainen", "90061,Åbo koulu,Åbo skola,Turku School,11,sv,etelainen"];
    const text = `${rows.join("\r\n")}\r\n`;
    // Latin-1 (and Windows-1252): "ö" is the one byte F6 on line 2.
    const latin1 = tmp.write("schools-latin1.csv", "");
    fs.writeFileSync(latin1, Buffer.from(text, "latin1"));
    const refused = await runCli(["import-schools", latin1], database.url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `Error: ${latin1}: line 2: the file is not UTF-8 (it looks like Latin-1/Windows-1252); save the file as UTF-8 (CSV UTF-8 in Excel) and import it again\n`,
    );
    // UTF-16 as Excel's "Unicode text" saves it (little-endian with a BOM), and without the BOM.
    for (const [name, bytes] of [
      ["schools-utf16.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
      ["schools-utf16-nobom.csv", Buffer.from(text, "utf16le")],
    ] as const) {
      const file = tmp.write(name, "");
      fs.writeFileSync(file, bytes);
      const result = await runCli(["import-schools", file], database.url);
      expect(result.code, name).toBe(1);
      expect(result.stderr).toContain(`Error: ${file}: line 1: the file is UTF-16`);
      expect(result.stderr).toContain("not UTF-8; save the file as UTF-8 (CSV UTF-8 in Excel) and import it again");
    }
    expect(await schoolCount()).toBe(before);
    expect(await db.prisma.school.findMany({ where: { code: { in: ["90060", "90061"] } } })).toEqual([]);
    // The same rows in UTF-8 import, letters intact.
    const good = csv("schools-utf8.csv", rows);
    const ok = await runCli(["import-schools", good], database.url);
    expect(ok.code, ok.stderr).toBe(0);
    expect((await db.prisma.school.findUnique({ where: { code: "90061" } }))?.nameSv).toBe("Åbo skola");
  });

  it("a file that does not exist exits 1 and names it", async () => {
    const missing = tmp.file("no-such-file.csv");
    const result = await runCli(["import-schools", missing], database.url);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(missing);
  });

  it("issue-codes with an unknown round exits 1 and prints no codes", async () => {
    const result = await runCli(["issue-codes", "--round", "no-such-round", "--school", "00101", "--class-level", "8", "--count", "2"], database.url);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no-such-round");
    expect(result.stdout).toBe("");
  });

  it("issue-codes without a required option exits 2", async () => {
    const result = await runCli(["issue-codes", "--round", DEMO_ROUNDS.current, "--school", "00101", "--count", "2"], database.url);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--class-level");
  });
});

describe("import-schools into a freshly migrated database", () => {
  const { database, db } = setupDatabase("cli-fresh");

  it("works without the demo data", async () => {
    const file = csv("fresh.csv", [HEADER, "90101,Uusi koulu,Ny skola,New school,11,fi,etelainen"], { bom: true });
    const result = await runCli(["import-schools", file], database.url);
    expect(result.code, result.stderr).toBe(0);
    expect(await db.prisma.school.count()).toBe(1);
  });
});
