// Prisma's configuration for the PostgreSQL copy of the schema (docs/decisions/010-two-databases.md):
// the TypeScript engine over @prisma/adapter-pg, so `migrate deploy` needs no engine binary.
// app/server/migrate.server.ts runs it under an advisory lock; `npm run -s prisma:pg -- …` by hand.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

const here = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join(here, "schema.prisma"),
  migrations: { path: path.join(here, "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url?.startsWith("postgres")) throw new Error("DATABASE_URL must be a postgresql:// URL");
    return new PrismaPg({ connectionString: url, options: "-c TimeZone=UTC" });
  },
});
