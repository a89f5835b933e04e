// Several server processes on one database (issue 11, "Several processes"; docs/postgres.md):
// - /healthz names the database and answers 503, not 500, while the database is gone (PostgreSQL);
// - WORKERS>1 on SQLite is refused before anything is touched;
// - two servers on one PostgreSQL database: a session made on one works on the other, 100 concurrent
//   casts of one pupil spread over both leave one participation and one ballot per area, failed
//   sign-ins on both count towards one shared limit, and without the counters' table each counts alone;
// - `npm run serve` with WORKERS=2 on a fresh database: the primary migrates once, both workers
//   answer, a killed worker is replaced, and SIGTERM stops them all.
// The PostgreSQL parts run with TEST_DATABASE=postgres (npm run test:integration:postgres).
import { spawn, spawnSync, execFileSync, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACCOUNTS,
  BALLOT_SECRET,
  DEMO_ROUNDS,
  freePort,
  onPostgres,
  pageText,
  removeDatabase,
  ROOT,
  SESSION_COOKIE,
  setupServer,
  showServerLogsOnFailure,
  startServer,
  TMP,
  tmpDatabase,
  voteForm,
  type Client,
  type HttpResponse,
  type TestServer,
} from "./harness";
import { built, BUILT_SERVER } from "../support/built";
import { postgresAdmin } from "../support/test-database";

const ROUND: string = DEMO_ROUNDS.current;
const RATE_LIMITED_FI = /Liian monta epäonnistunutta yritystä\. Odota (\d+) minuuttia/;

/** One statement on a test database (not the maintenance database), rows as "a|b" lines. */
function psql(databaseUrl: string, sql: string): string[] {
  return execFileSync("psql", [databaseUrl, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql], { encoding: "utf8" }).split("\n").filter(Boolean);
}

/** The same cookies on another server: what a load balancer does when the next request goes elsewhere. */
function sameBrowserOn(server: TestServer, from: Client, ip: string): Client {
  const client = server.client({ ip });
  for (const [name, value] of from.cookies) client.cookies.set(name, value);
  return client;
}

function expectRateLimited(res: HttpResponse) {
  expect(res.status).toBe(429);
  expect(pageText(res.body)).toMatch(RATE_LIMITED_FI);
  expect(res.setCookies.has(SESSION_COOKIE)).toBe(false);
}

const migrationFolders = () =>
  fs.readdirSync(path.join(ROOT, "prisma", "postgres", "migrations"), { withFileTypes: true }).filter((d) => d.isDirectory()).length;

describe("/healthz", () => {
  const server = setupServer({ label: "mp-health" });

  it("answers 200 with the kind of database and nothing about where it is", async () => {
    const res = await server.client().get("/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(JSON.parse(res.body)).toEqual({ status: "ok", database: onPostgres() ? "postgres" : "sqlite" });
    expect(res.body).not.toMatch(/127\.0\.0\.1|root|file:|\.db|omk_/);
  });

  // On SQLite the server keeps the file open (and runs as root in CI, so permissions do not stop it):
  // there is no robust way to take the database away under a running server.
  it.skipIf(!onPostgres())("answers 503 (not 500) while the PostgreSQL database is gone, and 200 once it is back", async () => {
    const name = server.database.file;
    const gone = `${name}_gone`.slice(0, 63);
    postgresAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`, `ALTER DATABASE "${name}" RENAME TO "${gone}"`);
    try {
      const res = await server.client().get("/healthz");
      expect(res.status).toBe(503);
      expect(JSON.parse(res.body)).toEqual({ status: "unavailable", database: "postgres" });
      expect(res.body).not.toMatch(/omk_|does not exist/);
    } finally {
      postgresAdmin(`ALTER DATABASE "${gone}" RENAME TO "${name}"`);
    }
    // The pool reconnects by itself.
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await server.client().get("/healthz")).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  });
});

describe("WORKERS>1 on SQLite", () => {
  it("is refused with a clear message before the database is created", () => {
    const file = path.join(TMP, `mp-refused-${process.pid}-${Date.now()}.db`);
    const run = spawnSync(process.execPath, [built(BUILT_SERVER)], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", OMAKOULU_DEMO: "1", DATABASE_URL: `file:${file}`, WORKERS: "2", PORT: "0" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/WORKERS=2 needs PostgreSQL/);
    expect(fs.existsSync(file)).toBe(false);
  }, 70_000);
});

describe.skipIf(!onPostgres())("two servers on one PostgreSQL database", () => {
  const limits = { signinLimitPerAccount: 3, signinLimitPerIp: 5 };
  const a = setupServer({ label: "mp-a", ...limits });
  let b: TestServer | undefined;
  const serverB = () => {
    if (!b) throw new Error("server B has not started");
    return b;
  };
  beforeAll(async () => {
    b = await startServer({ database: a.database, label: "mp-b", ...limits });
  }, 120_000);
  afterAll(() => b?.stop());
  showServerLogsOnFailure(() => [b]);

  it("a session made on one server works on the other, and signing out on one ends it on both", async () => {
    const staffOnA = a.client({ ip: "10.20.0.1" });
    await staffOnA.signIn(ACCOUNTS.staff);
    const staffOnB = sameBrowserOn(serverB(), staffOnA, "10.20.0.1");
    expect((await staffOnB.get("/account")).status).toBe(200);

    const pupilOnB = await serverB().signedInPupil((await a.issueCodes({ round: ROUND, school: "00501", classLevel: 8, count: 1 }))[0] as string, { ip: "10.20.0.2", lang: "en" });
    const pupilOnA = sameBrowserOn(a, pupilOnB, "10.20.0.2");
    const vote = await pupilOnA.get("/vote");
    expect(vote.status).toBe(200);

    await staffOnB.post("/logout", {});
    const after = await staffOnA.get("/account");
    expect(after.status).toBe(302);
    expect(after.location).toMatch(/^\/login/);
  });

  it("100 concurrent casts of one pupil over both servers leave one participation and one ballot per picked area", async () => {
    const [code] = await a.issueCodes({ round: ROUND, school: "00501", classLevel: 8, count: 1 });
    const client = await a.signedInPupil(code as string, { ip: "10.20.1.1", lang: "en" });
    const userId = await a.db.pupilId(code as string);
    const [k1, k2] = await a.db.roundProjects(ROUND, "koillinen");
    const [h1] = await a.db.roundProjects(ROUND, "koko-kaupunki");
    if (!k1 || !k2 || !h1) throw new Error("demo projects missing");
    // Ballots are counted when the ballot box is mixed (docs/decisions/009-ballot-box.md): mix what is
    // sealed before and after, so that the counts compare counted ballots only.
    const mix = () => a.cliOk(["mix-ballots", "--round", ROUND, "--force"]);
    await mix();
    const before = await a.db.voteCounts();
    const body = voteForm("cast", { koillinen: [k1.id, k2.id], "koko-kaupunki": [h1.id] }).toString();
    const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const bases = [a.baseUrl, serverB().baseUrl];

    const statuses = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const res = await fetch(`${bases[i % 2]}/vote`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, "X-Forwarded-For": "10.20.1.1" },
          body,
          redirect: "manual",
          signal: AbortSignal.timeout(110_000),
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s >= 500), `statuses: ${JSON.stringify(statuses)}`).toEqual([]);
    expect(statuses.filter((s) => s !== 302 && s < 400), `statuses: ${JSON.stringify(statuses)}`).toEqual([]);
    const successes = statuses.filter((s) => s === 302).length;
    expect(successes).toBeGreaterThanOrEqual(1);

    const rows = await a.db.prisma.participation.findMany({ where: { userId } });
    expect(rows).toHaveLength(1);
    const participation = rows[0] as (typeof rows)[number];
    expect(participation.casts).toBe(successes);
    // Every acknowledged cast sealed one entry per area; the mix keeps only the newest.
    await mix();
    const voterKey = (area: string) => createHmac("sha256", BALLOT_SECRET).update(`ballot:${participation.id}:${area}`).digest("hex");
    const picked = async (area: string) => {
      const ballot = await a.db.prisma.ballot.findUnique({ where: { voterKey: voterKey(area) }, select: { picks: { select: { project: { select: { code: true } } } } } });
      return ballot?.picks.map((p) => p.project.code).sort();
    };
    expect(await picked("koillinen")).toEqual([k1.code, k2.code].sort());
    expect(await picked("koko-kaupunki")).toEqual([h1.code]);
    const after = await a.db.voteCounts();
    expect(after.participations - before.participations).toBe(1);
    expect(after.ballots - before.ballots).toBe(2);
    expect(after.picks - before.picks).toBe(3);
  }, 180_000);

  it("failed sign-ins of one account on both servers count towards one limit (SIGNIN_LIMIT_PER_ACCOUNT=3)", async () => {
    // 2 failures on A and 1 on B: neither server alone has reached 3.
    const servers = [a, serverB(), a];
    for (const [i, server] of servers.entries()) {
      const res = await server.client({ ip: `10.20.2.${i + 1}` }).post("/login", { email: ACCOUNTS.coordinator.email, password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    expectRateLimited(await a.client({ ip: "10.20.2.10" }).post("/login", ACCOUNTS.coordinator));
    expectRateLimited(await serverB().client({ ip: "10.20.2.11" }).post("/login", ACCOUNTS.coordinator));
    expect(Number(psql(a.database.url, `SELECT count(*) FROM "omakoulu_rate_limits" WHERE key LIKE 'signin-account:%'`)[0])).toBeGreaterThanOrEqual(1);
    // Counted under keyed hashes: no email or address in the table (nor in its backups).
    expect(psql(a.database.url, `SELECT key FROM "omakoulu_rate_limits" WHERE key LIKE '%@%' OR key LIKE '%10.20.%' OR key LIKE '%email%'`)).toEqual([]);
  });

  it("failed sign-ins from one address on both servers count towards one limit (SIGNIN_LIMIT_PER_IP=5)", async () => {
    // 3 on A and 2 on B.
    for (let i = 1; i <= 5; i++) {
      const server = i % 2 ? a : serverB();
      const res = await server.client({ ip: "10.20.3.1" }).post("/login/code", { code: `ZZZZ-ZZZZ-ZZY${i}` });
      expect(res.status).toBe(401);
    }
    expectRateLimited(await a.client({ ip: "10.20.3.1" }).post("/login", ACCOUNTS.admin));
    expectRateLimited(await serverB().client({ ip: "10.20.3.1" }).post("/login", ACCOUNTS.admin));
    await serverB().client({ ip: "10.20.3.2" }).signIn(ACCOUNTS.admin);
  });

  // Last: it leaves both servers counting in memory.
  it("when the counters' table fails, each server counts in its own memory instead of answering 500", async () => {
    psql(a.database.url, `DROP TABLE "omakoulu_rate_limits"`);
    for (let i = 0; i < 3; i++) {
      const res = await a.client({ ip: `10.20.4.${i + 1}` }).post("/login", { email: ACCOUNTS.staffSv.email, password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    expectRateLimited(await a.client({ ip: "10.20.4.10" }).post("/login", ACCOUNTS.staffSv));
    // Server B has seen none of these failures.
    await serverB().client({ ip: "10.20.4.11" }).signIn(ACCOUNTS.staffSv);
  });
});

// ---- npm run serve with WORKERS=2 ---------------------------------------------------------------

/** GET over a new connection each time (no keep-alive), so that the cluster's round robin spreads them. */
function getFresh(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("timeout", () => req.destroy(new Error(`${url} timed out`)));
    req.on("error", reject);
  });
}

async function waitUntil(what: string, condition: () => boolean, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!onPostgres())("npm run serve with WORKERS=2", () => {
  let database: ReturnType<typeof tmpDatabase>;
  let child: ChildProcess | undefined;
  let output = "";
  let exited: Promise<number | null>;
  let port = 0;

  const workerLines = () => [...output.matchAll(/OmaKoulu worker (\d+) \(pid (\d+)\) listening/g)].map((m) => ({ id: Number(m[1]), pid: Number(m[2]) }));

  beforeAll(async () => {
    database = tmpDatabase("mp-workers");
    port = await freePort();
    child = spawn("npm", ["run", "-s", "serve"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        WORKERS: "2",
        DATABASE_POOL_SIZE: "2",
        PORT: String(port),
        HOST: "127.0.0.1",
        SESSION_SECRET: "multi-process-test-session-secret",
        BALLOT_SECRET,
        OMAKOULU_DEMO: "0",
        UPLOAD_DIR: path.join(TMP, "uploads"),
        PGAPPNAME: undefined,
        NODE_OPTIONS: undefined,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    exited = new Promise((resolve) => child?.on("exit", (code) => resolve(code)));
    await waitUntil("two workers listening", () => workerLines().length >= 2);
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    for (const { pid } of workerLines()) if (alive(pid)) process.kill(pid, "SIGKILL");
    removeDatabase(database);
  });

  it("the primary migrates the fresh database once, before the workers start", () => {
    const rows = psql(database.url, `SELECT count(*) FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`);
    expect(Number(rows[0])).toBe(migrationFolders());
    expect(output.match(/Applied \d+ migrations? to/g), output).toHaveLength(1);
    expect(output.indexOf("Applied")).toBeLessThan(output.indexOf("OmaKoulu worker"));
    expect(output).not.toMatch(/multi-process-test-session-secret|integration-test-ballot-secret/);
  });

  it("both workers answer requests", async () => {
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push(await getFresh(`http://127.0.0.1:${port}/healthz`));
    expect(statuses.every((s) => s === 200), JSON.stringify(statuses)).toBe(true);
    // Each worker's connections are named after it: both have run /healthz's query (pools connect on first use).
    const names = psql(database.url, `SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'omakoulu-worker-%' ORDER BY 1`);
    expect(names).toEqual(["omakoulu-worker-1", "omakoulu-worker-2"]);
    const pids = workerLines().map((w) => w.pid);
    expect(new Set(pids).size).toBe(2);
    expect(pids.every(alive)).toBe(true);
  }, 60_000);

  it("a worker that dies is replaced, and the server answers meanwhile", async () => {
    const [first] = workerLines();
    if (!first) throw new Error("no worker");
    process.kill(first.pid, "SIGKILL");
    await waitUntil("a third worker", () => workerLines().length >= 3, 60_000);
    expect(output).toMatch(new RegExp(`worker pid ${first.pid} exited \\(SIGKILL\\); starting another in \\d+ ms`));
    for (let i = 0; i < 6; i++) expect(await getFresh(`http://127.0.0.1:${port}/healthz`)).toBe(200);
    expect(alive(first.pid)).toBe(false);
  }, 90_000);

  it("SIGTERM stops the primary and every worker", async () => {
    const primary = Number(/OmaKoulu primary pid (\d+)/.exec(output)?.[1]);
    expect(primary).toBeGreaterThan(0);
    // npm forwards the signal to the server (package.json's serve script execs node, so no shell is in between).
    child?.kill("SIGTERM");
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("still running"), 15_000))]);
    expect(code).toBe(0);
    await waitUntil("every process to stop", () => !alive(primary) && workerLines().every((w) => !alive(w.pid)), 10_000);
    expect(output).toMatch(/OmaKoulu primary received SIGTERM/);
  }, 30_000);
});
