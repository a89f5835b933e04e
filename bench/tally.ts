// Benchmark: results and the turnout table of a generated round of 1,000,000 ballots over 1,000
// schools, timed beside a plain SQL GROUP BY over the same tables in the same run.
// Run: npm run bench:tally. Options: BENCH_BALLOTS (default 1000000), BENCH_SCHOOLS (1000).
// BENCH_REPEATS (7): timed runs of each figure, after one warm-up. Prints figures; asserts nothing.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const root = path.resolve(import.meta.dirname, "..");
const BALLOTS = Number(process.env.BENCH_BALLOTS ?? 1_000_000);
const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 1000);
const dbFile = path.join(root, "tests", ".tmp", "bench-tally.db");
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.BALLOT_SECRET ??= "bench";

const AREAS = ["etelainen", "lantinen", "keskinen", "pohjoinen", "koillinen", "kaakkoinen", "itainen"];
const TYPES = ["11", "11", "11", "15", "19", "21"];
const PROJECTS_PER_AREA = 12;

function ms(start: bigint) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// A deterministic PRNG so every run generates the same round.
let state = 20261128;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

fs.mkdirSync(path.dirname(dbFile), { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${dbFile}${suffix}`, { force: true });
const migrate = spawnSync(process.execPath, [path.join(root, "build", "node", "cli", "main.js"), "migrate"], { cwd: root, env: process.env, encoding: "utf8" });
if (migrate.status !== 0) throw new Error(migrate.stderr);

// Loading. The round is written by one connection in one transaction, as fast as SQLite can take it:
// - no journal and no fsync while loading (the file is thrown away if the run fails), then WAL again,
//   the app's mode, before anything is measured;
// - a 100 MB page cache (1 GB was no faster; the loading connection is closed before counting, so the
//   memory printed at the end is the counting's);
// - the secondary indexes of the four big tables dropped first and created again (by their own SQL
//   from sqlite_master) after the load, which sorts each once instead of inserting a million random
//   keys one by one (keeping the few-valued ones, such as BallotPick's projectId, was slower);
//   foreign keys are not checked while loading (the rows are consistent by making);
// - rows inserted ROWS_PER_INSERT at a time with prepared multi-row INSERTs;
// - the ids of users, participations and ballots are random UUIDs whose first 8 hex digits count up
//   (orderedUuid), so that the primary keys, which cannot be dropped, grow at their end instead of
//   splitting pages all over. The keys are spread over the same range as random ones; only the table's
//   row order follows the ids, which no timed query reads (they read indexes only).
// Until 2026-12-05 this inserted row by row into indexed tables under WAL with SQLite's default
// 2 MB cache: 149 s for a million ballots.
const ROWS_PER_INSERT = 100;
const BULK_TABLES = ["User", "Participation", "Ballot", "BallotPick"];

/** A random UUID whose first 8 hex digits are `i` of `n` scaled to 32 bits: increasing with `i`. */
function orderedUuid(i: number, n: number): string {
  return Math.floor((i * 0x1_0000_0000) / n).toString(16).padStart(8, "0") + randomUUID().slice(8);
}

/** Rows added one at a time, inserted ROWS_PER_INSERT at a time by a prepared multi-row INSERT. */
class BulkInsert {
  private readonly values: unknown[] = [];
  private readonly full: Database.Statement;
  private rows = 0;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly head: string,
    private readonly row: string,
  ) {
    this.full = this.statement(ROWS_PER_INSERT);
  }

  private statement(rows: number): Database.Statement {
    return this.sqlite.prepare(`${this.head} VALUES ${Array.from({ length: rows }, () => this.row).join(",")}`);
  }

  add(...values: unknown[]) {
    for (const value of values) this.values.push(value);
    if (++this.rows === ROWS_PER_INSERT) this.flush();
  }

  flush() {
    if (this.rows === 0) return;
    (this.rows === ROWS_PER_INSERT ? this.full : this.statement(this.rows)).run(this.values);
    this.values.length = 0;
    this.rows = 0;
  }
}

console.log(`Generating ${BALLOTS.toLocaleString("en")} ballots over ${SCHOOLS} schools in ${dbFile}…`);
const generation = process.hrtime.bigint();
const loader = new Database(dbFile);
loader.pragma("journal_mode = OFF");
loader.pragma("synchronous = OFF");
loader.pragma("cache_size = -100000"); // KiB: 100 MB
loader.pragma("foreign_keys = OFF");
loader.pragma("threads = 2"); // CREATE INDEX may sort with a helper thread
const bulkIndexes = loader
  .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${BULK_TABLES.map(() => "?").join(",")})`)
  .all(...BULK_TABLES) as Array<{ name: string; sql: string }>;
for (const index of bulkIndexes) loader.exec(`DROP INDEX "${index.name}"`);
const roundId = "bench-round";
const schoolIds: string[] = [];
const projectsByArea = new Map<string, string[]>();
loader.transaction(() => {
  loader
    .prepare(
      `INSERT INTO "Round" ("id","slug","nameFi","nameSv","nameEn","scope","ballotStyle","maxPicks","rule","classLevels","proposalsStart","proposalsEnd","reviewStart","reviewEnd","votingStart","votingEnd","resultsDate","createdAt","updatedAt")
       VALUES (?, 'bench', 'Bench', 'Bench', 'Bench', 'city', 'approval', 5, 'greedy', '7,8,9,10,11,12', '2026-01-01','2026-01-31','2026-02-01','2026-02-10','2026-02-11','2026-03-01','2026-03-15', datetime('now'), datetime('now'))`,
    )
    .run(roundId);
  const area = loader.prepare(`INSERT INTO "RoundArea" ("roundId","areaSlug","budget") VALUES (?, ?, ?)`);
  const project = loader.prepare(`INSERT INTO "BallotProject" ("id","roundId","code","titleFi","titleSv","titleEn","areaSlug","sector","cost","status","createdAt","updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, 'basic', ?, 'candidate', datetime('now'), datetime('now'))`);
  for (const slug of AREAS) {
    area.run(roundId, slug, 1_000_000);
    const ids: string[] = [];
    for (let i = 0; i < PROJECTS_PER_AREA; i++) {
      const id = randomUUID();
      const code = `${slug.slice(0, 3).toUpperCase()}-${String(i + 1).padStart(2, "0")}`;
      project.run(id, roundId, code, code, code, code, slug, 50_000 + Math.floor(random() * 250_000));
      ids.push(id);
    }
    projectsByArea.set(slug, ids);
  }
  const school = loader.prepare(`INSERT INTO "School" ("id","code","nameFi","nameSv","nameEn","type","language","areaSlug") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const enrolment = loader.prepare(`INSERT INTO "Enrolment" ("roundId","schoolId","classLevel","eligible") VALUES (?, ?, ?, ?)`);
  for (let s = 0; s < SCHOOLS; s++) {
    const id = randomUUID();
    const name = `Bench school ${s}`;
    school.run(id, `B${String(s).padStart(5, "0")}`, name, name, name, TYPES[s % TYPES.length], s % 7 === 0 ? "sv" : "fi", AREAS[s % AREAS.length]);
    for (let level = 7; level <= 12; level++) enrolment.run(roundId, id, level, 400);
    schoolIds.push(id);
  }
  const now = new Date().toISOString();
  const user = new BulkInsert(loader, `INSERT INTO "User" ("id","role","displayName","sectors","createdAt","roundId","schoolId","classLevel")`, `(?, 'pupil', 'x', '', '${now}', ?, ?, ?)`);
  const participation = new BulkInsert(loader, `INSERT INTO "Participation" ("id","roundId","userId","schoolId","classLevel","method","votedAt","casts")`, "(?, ?, ?, ?, ?, ?, ?, 1)");
  const ballot = new BulkInsert(loader, `INSERT INTO "Ballot" ("id","roundId","areaSlug","voterKey","receiptHash")`, "(?, ?, ?, ?, ?)");
  const pick = new BulkInsert(loader, `INSERT INTO "BallotPick" ("ballotId","projectId")`, "(?, ?)");
  // DateTime as Prisma stores it on SQLite: ISO-8601 text in UTC.
  const votingDays = Array.from({ length: 18 }, (_, d) => new Date(Date.parse("2026-02-11T08:00:00Z") + d * 86_400_000).toISOString());
  for (let b = 0; b < BALLOTS; b++) {
    const s = Math.floor(random() * SCHOOLS);
    const schoolId = schoolIds[s] as string;
    const areaSlug = AREAS[s % AREAS.length] as string;
    const level = 7 + Math.floor(random() * 6);
    const userId = orderedUuid(b, BALLOTS);
    user.add(userId, roundId, schoolId, level);
    participation.add(orderedUuid(b, BALLOTS), roundId, userId, schoolId, level, random() < 0.08 ? "paper" : "online", votingDays[Math.floor(random() * 18)]);
    const ballotId = orderedUuid(b, BALLOTS);
    ballot.add(ballotId, roundId, areaSlug, randomUUID(), randomUUID());
    const ids = projectsByArea.get(areaSlug) as string[];
    const chosen = new Set<string>();
    const count = 1 + Math.floor(random() * 5);
    // Popular projects are picked more often (lower index, higher chance).
    while (chosen.size < count) chosen.add(ids[Math.floor(random() ** 2 * ids.length)] as string);
    for (const id of chosen) pick.add(ballotId, id);
  }
  for (const insert of [user, participation, ballot, pick]) insert.flush();
})();
const loaded = ms(generation);
for (const index of bulkIndexes) loader.exec(index.sql);
loader.pragma("foreign_keys = ON");
loader.pragma("journal_mode = WAL");
loader.close();
// The loading connection's page cache is gone: the peak memory printed at the end is that of counting
// (Linux: writing 5 to clear_refs resets the high-water mark to the present size).
fs.writeFileSync("/proc/self/clear_refs", "5");
const sqlite = new Database(dbFile);
console.log(`generated in ${(ms(generation) / 1000).toFixed(1)} s (rows ${(loaded / 1000).toFixed(1)} s, then ${bulkIndexes.length} indexes)\n`);
// Each figure beside its plain-SQL baseline, in turns, REPEATS times after one warm-up round (the
// first call of a query shape also compiles it); medians printed. The baselines run on their own
// better-sqlite3 connection to the same file, the app on its Prisma client.
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
const { computeResults } = await import("../app/features/results/results.server");
const { loadTurnout } = await import("../app/features/turnout/turnout.server");
const { db } = await import("../app/server/db.server");
const round = await db.round.findUniqueOrThrow({ where: { id: roundId } });

const sqlPicks = sqlite.prepare(`SELECT "projectId", COUNT(*) AS votes FROM "BallotPick" GROUP BY "projectId"`);
// The grouping the app used before 2026-12-05 (school, class level, sign-in method), and enrolment.
const sqlVoters = sqlite.prepare(`SELECT "schoolId", "classLevel", "method", COUNT(*) AS voters FROM "Participation" WHERE "roundId" = ? GROUP BY "schoolId", "classLevel", "method"`);
// By day: the least there is to count, voters per UTC hour.
const sqlVotersByHour = sqlite.prepare(`SELECT substr("votedAt", 1, 13) AS hour, COUNT(*) AS voters FROM "Participation" WHERE "roundId" = ? GROUP BY hour`);
const sqlEnrolment = sqlite.prepare(`SELECT "schoolId", "classLevel", "eligible" FROM "Enrolment" WHERE "roundId" = ?`);

type Figure = { name: string; app: () => Promise<unknown>; sql: () => unknown; appMs: number[]; sqlMs: number[] };
const figures: Figure[] = [
  { name: "results (greedy) computeResults", app: () => computeResults(roundId), sql: () => sqlPicks.all(), appMs: [], sqlMs: [] },
  {
    name: "turnout by type × language",
    app: () => loadTurnout(db, round, ["type", "language"], { schoolIds: null }),
    sql: () => [sqlVoters.all(roundId), sqlEnrolment.all(roundId)],
    appMs: [],
    sqlMs: [],
  },
  { name: "turnout by day", app: () => loadTurnout(db, round, ["day"], { schoolIds: null }), sql: () => [sqlVotersByHour.all(roundId), sqlEnrolment.all(roundId)], appMs: [], sqlMs: [] },
];
for (let repeat = 0; repeat <= REPEATS; repeat++) {
  for (const figure of figures) {
    let start = process.hrtime.bigint();
    figure.sql();
    const sqlMs = ms(start);
    start = process.hrtime.bigint();
    await figure.app();
    const appMs = ms(start);
    if (repeat === 0) continue; // warm-up
    figure.sqlMs.push(sqlMs);
    figure.appMs.push(appMs);
  }
}
const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const computed = await computeResults(roundId);
const selected = computed.areas.reduce((n, a) => n + a.projects.filter((p) => p.selected).length, 0);
const typeLanguageRows = (await loadTurnout(db, round, ["type", "language"], { schoolIds: null })).table.rows.length;
console.log(`${AREAS.length} areas, ${selected} projects selected (greedy); type × language: ${typeLanguageRows} rows. Medians of ${REPEATS} runs (ms):`);
console.log(`${"".padEnd(34)}${"OmaKoulu".padStart(9)}${"plain SQL".padStart(11)}   ratio`);
for (const figure of figures) {
  const app = median(figure.appMs);
  const sql = median(figure.sqlMs);
  console.log(`${figure.name.padEnd(34)}${app.toFixed(0).padStart(9)}${sql.toFixed(0).padStart(11)}   ${(app / sql).toFixed(2)}`);
}
console.log(`peak memory of this process while counting (RSS high-water mark since the load): ${Math.round(Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024)} MB`);
sqlite.close();
await db.$disconnect();
