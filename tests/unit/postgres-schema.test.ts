// The PostgreSQL schema is written from prisma/schema.prisma (docs/decisions/010-two-databases.md):
// the checked-in copy must be what the generator writes now, and its migrations must create every
// model's table, so a schema change cannot forget the PostgreSQL side.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchema } from "../../prisma/postgres-schema";

const source = fs.readFileSync(SQLITE_SCHEMA, "utf8");

describe("the PostgreSQL schema", () => {
  it("is the SQLite schema with only the provider and the client's folder changed", () => {
    const written = postgresSchema(source);
    expect(written).toContain('provider = "postgresql"');
    expect(written).toContain('"../../app/generated/prisma-postgres"');
    expect(written).not.toContain('"sqlite"');
    const models = (text: string) => text.slice(text.indexOf("model ")).trim();
    expect(models(written)).toBe(models(source));
  });

  it("is checked in as the generator writes it (run `npm run -s prisma:postgres-schema` after changing prisma/schema.prisma)", () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchema(source));
  });

  it("has migrations that create every model's table", () => {
    const sql = fs
      .readdirSync(POSTGRES_MIGRATIONS, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => fs.readFileSync(path.join(POSTGRES_MIGRATIONS, d.name, "migration.sql"), "utf8"))
      .join("\n");
    const models = [...source.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
    expect(models.length).toBeGreaterThan(15);
    for (const model of models) expect(sql, `CREATE TABLE "${model}"`).toContain(`CREATE TABLE "${model}"`);
  });

  it("inserts the same reference rows (the areas) as the SQLite migrations, which migrate diff does not write", () => {
    const areaRows = (folder: string) =>
      fs
        .readdirSync(folder, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .flatMap((d) => [...fs.readFileSync(path.join(folder, d.name, "migration.sql"), "utf8").matchAll(/^INSERT INTO "Area" [^\n]*?(?:SELECT|VALUES \()\s*('[^\n]*?, \d+)/gm)].map((m) => m[1]))
        .sort();
    const sqlite = areaRows(path.join(path.dirname(SQLITE_SCHEMA), "migrations"));
    expect(sqlite).toHaveLength(8);
    expect(areaRows(POSTGRES_MIGRATIONS)).toEqual(sqlite);
  });

  it("refuses a source that is not the expected SQLite schema", () => {
    expect(() => postgresSchema(source.replace('"sqlite"', '"mysql"'))).toThrow(/sqlite datasource/);
  });
});
