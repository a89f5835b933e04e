// Typed access to a test's own database, beside the server or CLI that uses it: the generated Prisma
// client over better-sqlite3 or over pg (TEST_DATABASE), built the way app/server/db.server.ts builds
// the app's (which cannot be imported here: it opens DATABASE_URL on import), plus the look-ups and
// small writes several test files need. Raw SQL stays only where a test is about the schema or SQLite
// itself (withSqlite, SQLite only).
import { hash } from "@node-rs/argon2";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import path from "node:path";
import Database from "better-sqlite3";
import { hashCode, normaliseCode } from "~/features/access/codes";
import { PrismaClient, type BallotProject } from "~/generated/prisma/client";
import { PrismaClient as PostgresClient } from "~/generated/prisma-postgres/client";
import type { TestDatabase } from "./test-database";

/** How long a test's query waits for a lock held by the server or the CLI. */
const BUSY_TIMEOUT_MS = 20_000;

/** Opens a plain better-sqlite3 connection for `fn` and closes it again (schema checks, locks, pragmas). */
export function withSqlite<T>(file: string, fn: (db: Database.Database) => T, options: Database.Options = {}): T {
  // A PostgreSQL test database's "file" is its name: better-sqlite3 would create an empty file of that name.
  if (!path.isAbsolute(file)) throw new Error(`withSqlite needs a SQLite file's path, not ${file} (a PostgreSQL run?)`);
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS, ...options });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** The stored hash of a pupil code as typed (any case, spaces or dashes). */
export function codeHashOf(code: string): string {
  const normalised = normaliseCode(code);
  if (!normalised) throw new Error(`not a pupil code: ${code}`);
  return hashCode(normalised);
}

/**
 * The database of one test file. The client connects on the first query, so a file that does not
 * exist yet (a server or CLI run will create it) is not created by opening the fixtures.
 */
export class Fixtures {
  readonly prisma: PrismaClient;

  readonly file: string;

  constructor(readonly database: TestDatabase) {
    this.file = database.file;
    this.prisma =
      database.kind === "postgres"
        ? (new PostgresClient({ adapter: new PrismaPg({ connectionString: database.url, options: "-c TimeZone=UTC", max: 3 }) }) as unknown as PrismaClient)
        : new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${database.file}`, timeout: BUSY_TIMEOUT_MS }) });
  }

  /** Closes the connection (before the file is removed). */
  close(): Promise<void> {
    return this.prisma.$disconnect();
  }

  // ---- look-ups ---------------------------------------------------------------------------------

  async schoolId(code: string): Promise<string> {
    return (await this.prisma.school.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
  }

  /** The user id of a pupil, by sign-in code. */
  async pupilId(code: string): Promise<string> {
    const user = await this.prisma.user.findUnique({ where: { codeHash: codeHashOf(code) }, select: { id: true } });
    if (!user) throw new Error(`no user for ${code}`);
    return user.id;
  }

  /** The ballot projects of a round (of one area, if given), by code. */
  roundProjects(roundSlug: string, area?: string): Promise<BallotProject[]> {
    return this.prisma.ballotProject.findMany({ where: { round: { slug: roundSlug }, areaSlug: area }, orderBy: { code: "asc" } });
  }

  async projectId(roundSlug: string, code: string): Promise<string> {
    const project = await this.prisma.ballotProject.findFirstOrThrow({ where: { round: { slug: roundSlug }, code }, select: { id: true } });
    return project.id;
  }

  /** Project ids by code, in the order of `codes`. */
  projectIds(roundSlug: string, codes: readonly string[]): Promise<string[]> {
    return Promise.all(codes.map((code) => this.projectId(roundSlug, code)));
  }

  /** Rows in the tables a cast writes to. */
  async voteCounts(): Promise<{ participations: number; ballots: number; picks: number }> {
    const [participations, ballots, picks] = await Promise.all([this.prisma.participation.count(), this.prisma.ballot.count(), this.prisma.ballotPick.count()]);
    return { participations, ballots, picks };
  }

  /** Ids of every ballot. */
  async ballotIds(): Promise<string[]> {
    return (await this.prisma.ballot.findMany({ select: { id: true } })).map((b) => b.id);
  }

  /** Every ballot as "area: its project codes, sorted", sorted (ballots without picks left out). */
  async ballotSummaries(): Promise<string[]> {
    const ballots = await this.prisma.ballot.findMany({ select: { areaSlug: true, picks: { select: { project: { select: { code: true } } } } } });
    return ballots
      .filter((b) => b.picks.length > 0)
      .map((b) => `${b.areaSlug}: ${b.picks.map((p) => p.project.code).sort().join(" ")}`)
      .sort();
  }

  auditCount(action?: string): Promise<number> {
    return this.prisma.auditLog.count({ where: { action } });
  }

  // ---- writes -----------------------------------------------------------------------------------

  /** Adds a staff account with a password (and no schools). */
  async createStaffAccount(account: { email: string; password: string; name: string }): Promise<string> {
    const user = await this.prisma.user.create({
      data: { id: `test-${Date.now().toString(36)}`, role: "staff", email: account.email, passwordHash: await hash(account.password), displayName: account.name, createdAt: new Date() },
    });
    return user.id;
  }

  /** Revokes a pupil's code now; the number of users changed. */
  async revokeCode(code: string): Promise<number> {
    return (await this.prisma.user.updateMany({ where: { codeHash: codeHashOf(code) }, data: { codeRevokedAt: new Date() } })).count;
  }
}
