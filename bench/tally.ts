// Benchmark: results and the turnout table of a generated round of 1,000,000 ballots over 1,000
// schools, timed beside a plain SQL GROUP BY over the same tables in the same run.
// Run: npm run bench:tally. Options: BENCH_BALLOTS (default 1000000), BENCH_SCHOOLS (1000).
// Prints figures; asserts nothing.
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
const migrate = spawnSync(process.execPath, ["--import", "tsx", "app/cli/main.ts", "migrate"], { cwd: root, env: process.env, encoding: "utf8" });
if (migrate.status !== 0) throw new Error(migrate.stderr);

console.log(`Generating ${BALLOTS.toLocaleString("en")} ballots over ${SCHOOLS} schools in ${dbFile}…`);
const generation = process.hrtime.bigint();
const sqlite = new Database(dbFile);
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = OFF");
const roundId = "bench-round";
const schoolIds: string[] = [];
const projectsByArea = new Map<string, string[]>();
sqlite.transaction(() => {
  sqlite
    .prepare(
      `INSERT INTO "Round" ("id","slug","nameFi","nameSv","nameEn","scope","ballotStyle","maxPicks","rule","classLevels","proposalsStart","proposalsEnd","reviewStart","reviewEnd","votingStart","votingEnd","resultsDate","createdAt","updatedAt")
       VALUES (?, 'bench', 'Bench', 'Bench', 'Bench', 'city', 'approval', 5, 'greedy', '7,8,9,10,11,12', '2026-01-01','2026-01-31','2026-02-01','2026-02-10','2026-02-11','2026-03-01','2026-03-15', datetime('now'), datetime('now'))`,
    )
    .run(roundId);
  const area = sqlite.prepare(`INSERT INTO "RoundArea" ("roundId","areaSlug","budget") VALUES (?, ?, ?)`);
  const project = sqlite.prepare(`INSERT INTO "BallotProject" ("id","roundId","code","titleFi","titleSv","titleEn","areaSlug","sector","cost","status","createdAt","updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, 'basic', ?, 'candidate', datetime('now'), datetime('now'))`);
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
  const school = sqlite.prepare(`INSERT INTO "School" ("id","code","nameFi","nameSv","nameEn","type","language","areaSlug") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const enrolment = sqlite.prepare(`INSERT INTO "Enrolment" ("roundId","schoolId","classLevel","eligible") VALUES (?, ?, ?, ?)`);
  for (let s = 0; s < SCHOOLS; s++) {
    const id = randomUUID();
    const name = `Bench school ${s}`;
    school.run(id, `B${String(s).padStart(5, "0")}`, name, name, name, TYPES[s % TYPES.length], s % 7 === 0 ? "sv" : "fi", AREAS[s % AREAS.length]);
    for (let level = 7; level <= 12; level++) enrolment.run(roundId, id, level, 400);
    schoolIds.push(id);
  }
  const user = sqlite.prepare(`INSERT INTO "User" ("id","role","displayName","sectors","createdAt","roundId","schoolId","classLevel") VALUES (?, 'pupil', 'x', '', datetime('now'), ?, ?, ?)`);
  const participation = sqlite.prepare(`INSERT INTO "Participation" ("id","roundId","userId","schoolId","classLevel","method","votedAt","casts") VALUES (?, ?, ?, ?, ?, ?, ?, 1)`);
  const ballot = sqlite.prepare(`INSERT INTO "Ballot" ("id","roundId","areaSlug","voterKey","receiptHash") VALUES (?, ?, ?, ?, ?)`);
  const pick = sqlite.prepare(`INSERT INTO "BallotPick" ("ballotId","projectId") VALUES (?, ?)`);
  const day = Date.parse("2026-02-11T08:00:00Z");
  for (let b = 0; b < BALLOTS; b++) {
    const s = Math.floor(random() * SCHOOLS);
    const schoolId = schoolIds[s] as string;
    const areaSlug = AREAS[s % AREAS.length] as string;
    const level = 7 + Math.floor(random() * 6);
    const userId = randomUUID();
    user.run(userId, roundId, schoolId, level);
    participation.run(randomUUID(), roundId, userId, schoolId, level, random() < 0.08 ? "paper" : "online", day + Math.floor(random() * 18) * 86_400_000);
    const ballotId = randomUUID();
    ballot.run(ballotId, roundId, areaSlug, randomUUID(), randomUUID());
    const ids = projectsByArea.get(areaSlug) as string[];
    const chosen = new Set<string>();
    const count = 1 + Math.floor(random() * 5);
    // Popular projects are picked more often (lower index, higher chance).
    while (chosen.size < count) chosen.add(ids[Math.floor(random() ** 2 * ids.length)] as string);
    for (const id of chosen) pick.run(ballotId, id);
  }
})();
console.log(`generated in ${(ms(generation) / 1000).toFixed(1)} s\n`);

const sqlResults = process.hrtime.bigint();
sqlite.prepare(`SELECT "projectId", COUNT(*) AS votes FROM "BallotPick" GROUP BY "projectId"`).all();
const sqlResultsMs = ms(sqlResults);
const sqlTurnout = process.hrtime.bigint();
// The same grouping the app uses: school, class level and sign-in method.
sqlite.prepare(`SELECT "schoolId", "classLevel", "method", COUNT(*) AS voters FROM "Participation" WHERE "roundId" = ? GROUP BY "schoolId", "classLevel", "method"`).all(roundId);
sqlite.prepare(`SELECT "schoolId", "classLevel", "eligible" FROM "Enrolment" WHERE "roundId" = ?`).all(roundId);
const sqlTurnoutMs = ms(sqlTurnout);
sqlite.close();

const { computeResults } = await import("../app/features/results/results.server");
const { loadTurnout } = await import("../app/features/turnout/turnout.server");
const { db } = await import("../app/server/db.server");
const round = await db.round.findUniqueOrThrow({ where: { id: roundId } });
await db.area.count(); // open the connection outside the timings

const results = process.hrtime.bigint();
const computed = await computeResults(roundId);
const resultsMs = ms(results);
const turnout = process.hrtime.bigint();
const table = await loadTurnout(db, round, ["type", "language"], { schoolIds: null });
const turnoutMs = ms(turnout);
const selected = computed.areas.reduce((n, a) => n + a.projects.filter((p) => p.selected).length, 0);

console.log(`results (greedy, ${AREAS.length} areas, ${selected} projects selected)`);
console.log(`  OmaKoulu computeResults  ${resultsMs.toFixed(0).padStart(7)} ms`);
console.log(`  plain SQL GROUP BY       ${sqlResultsMs.toFixed(0).padStart(7)} ms   ratio ${(resultsMs / sqlResultsMs).toFixed(2)}`);
console.log(`turnout by type × language (${table.table.rows.length} rows)`);
console.log(`  OmaKoulu loadTurnout     ${turnoutMs.toFixed(0).padStart(7)} ms`);
console.log(`  plain SQL GROUP BY       ${sqlTurnoutMs.toFixed(0).padStart(7)} ms   ratio ${(turnoutMs / sqlTurnoutMs).toFixed(2)}`);
console.log(`peak memory of this process (RSS high-water mark): ${Math.round(Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024)} MB`);
await db.$disconnect();
