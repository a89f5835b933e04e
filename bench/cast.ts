// Benchmark: signed-in pupils casting ballots through the real HTTP endpoint (POST /vote,
// intent=cast) of the production build on the embedded SQLite database, beside the same server's
// throughput for a trivial authenticated POST (/session) in the same run.
// Run: npm run bench:cast   (builds first). Options: BENCH_PUPILS (default 200), BENCH_SECONDS (10),
// BENCH_CONNECTIONS (10). Prints figures; asserts nothing.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";

const root = path.resolve(import.meta.dirname, "..");
const PUPILS = Number(process.env.BENCH_PUPILS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORT = 3390;
const base = `http://127.0.0.1:${PORT}`;
const dbFile = path.join(root, "tests", ".tmp", "bench-cast.db");
const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${dbFile}`, NODE_ENV: "production", OMAKOULU_DEMO: "1", PORT: String(PORT), SESSION_SECRET: "bench", BALLOT_SECRET: "bench", SIGNIN_LIMIT_PER_IP: "100000" };

function cli(args: string[]): string {
  const run = spawnSync(process.execPath, ["--import", "tsx", "app/cli/main.ts", ...args], { cwd: root, env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`cli ${args.join(" ")} failed:\n${run.stderr}`);
  return run.stdout;
}

async function waitFor(url: string) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function run(title: string, opts: autocannon.Options) {
  const result = await autocannon({ duration: SECONDS, connections: CONNECTIONS, ...opts });
  // /session answers 204; a cast answers 302 to the receipt. (A 302 to /login would mean a lost
  // session: the database check below counts what was really cast.)
  const ok = result["2xx"] + result["3xx"];
  const rate = ok / result.duration;
  console.log(
    `${title.padEnd(28)} ${rate.toFixed(1).padStart(8)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   ok ${ok}   errors ${result.errors + result.non2xx - result["3xx"]}`,
  );
  return rate;
}

fs.mkdirSync(path.dirname(dbFile), { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${dbFile}${suffix}`, { force: true });
console.log(`Seeding ${dbFile} and issuing ${PUPILS} pupil codes…`);
cli(["seed"]);
const codes = cli(["issue-codes", "--round", "omakoulu-demo", "--school", "00501", "--class-level", "8", "--count", String(PUPILS)])
  .trim()
  .split("\n")
  .slice(1);

const server = spawn(process.execPath, ["--import", "tsx", "app/server/index.ts"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
try {
  await waitFor(`${base}/healthz`);
  const cookies: string[] = [];
  for (const code of codes) {
    const res = await fetch(`${base}/login/code`, { method: "POST", body: new URLSearchParams({ code }), redirect: "manual" });
    const cookie = res.headers.get("set-cookie")?.split(";")[0];
    if (!cookie) throw new Error(`sign-in failed with ${res.status}`);
    cookies.push(cookie);
  }
  const page = await (await fetch(`${base}/vote`, { headers: { Cookie: cookies[0] as string } })).text();
  const picks = [...page.matchAll(/name="(pick:[a-z-]+)" value="([a-z0-9]+)"/g)].slice(0, 3).map((m) => `${encodeURIComponent(m[1] as string)}=${m[2]}`);
  if (!picks.length) throw new Error("no projects on the ballot");
  const castBody = `intent=cast&${picks.join("&")}`;
  let next = 0;
  const rotate = (req: autocannon.Request) => ({ ...req, headers: { ...req.headers, cookie: cookies[next++ % cookies.length] as string } });
  const form = { "content-type": "application/x-www-form-urlencoded" };

  console.log(`\n${PUPILS} signed-in pupils, ${CONNECTIONS} connections, ${SECONDS} s per test, production build, SQLite (WAL)\n`);
  const baseline = await run("POST /session (baseline)", { url: base, requests: [{ path: "/session", method: "POST", headers: form, body: "", setupRequest: rotate }] });
  const casts = await run("POST /vote intent=cast", { url: base, requests: [{ path: "/vote", method: "POST", headers: form, body: castBody, setupRequest: rotate }] });
  // Every counted cast must really be in the database: one participation per pupil, casts summed.
  const check = new Database(dbFile, { readonly: true });
  const row = check.prepare(`SELECT count(*) AS voters, coalesce(sum("casts"), 0) AS casts FROM "Participation" p JOIN "User" u ON u."id" = p."userId" WHERE u."codeHash" IS NOT NULL AND u."classLevel" = 8 AND u."displayName" NOT LIKE '%DEM%'`).get() as { voters: number; casts: number };
  check.close();
  console.log(`\nin the database: ${row.voters} participations of the ${PUPILS} pupils, ${row.casts} casts recorded`);
  console.log(`\nballots/s ÷ baseline req/s = ${(casts / baseline).toFixed(2)}`);
  console.log(`peak server memory (VmHWM) = ${peakRssMb(server.pid as number)} MB`);
} finally {
  server.kill("SIGTERM");
}
