import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

const here = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join(here, "schema.prisma"),
  migrations: { path: path.join(here, "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL ?? "file:./data/omakoulu.db";
    return new PrismaBetterSQLite3({ url });
  },
});
