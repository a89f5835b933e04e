// The PostgreSQL schema, written from the one schema people edit (prisma/schema.prisma), as planned
// in docs/decisions/010-two-databases.md: Prisma names one provider per schema, so the PostgreSQL
// copy differs only in its datasource provider and where its client is generated. Run
// `npm run -s prisma:postgres-schema` after changing prisma/schema.prisma; tests/unit/postgres-schema.test.ts
// fails while the checked-in copy is stale. Not wired into the server yet (issue 11).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HEADER = "// GENERATED from prisma/schema.prisma by prisma/postgres-schema.ts: edit that file, then run `npm run -s prisma:postgres-schema`.\n";

export function postgresSchema(source: string): string {
  const provider = /(datasource db \{[^}]*?provider\s*=\s*)"sqlite"/;
  const output = /(generator client \{[^}]*?output\s*=\s*)"\.\.\/app\/generated\/prisma"/;
  if (!provider.test(source) || !output.test(source)) throw new Error("prisma/schema.prisma: expected the sqlite datasource and the client output ../app/generated/prisma");
  return HEADER + source.replace(provider, '$1"postgresql"').replace(output, '$1"../../app/generated/prisma-postgres"');
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const SQLITE_SCHEMA = path.join(here, "schema.prisma");
export const POSTGRES_SCHEMA = path.join(here, "postgres", "schema.prisma");
export const POSTGRES_MIGRATIONS = path.join(here, "postgres", "migrations");

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  fs.writeFileSync(POSTGRES_SCHEMA, postgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8")));
  console.log(`wrote ${path.relative(process.cwd(), POSTGRES_SCHEMA)}`);
}
