// A full disk under a running server, and a server on a read-only file (issue 13, SQLite).
// The full disk: the server's own file-size limit is lowered with prlimit(1) (RLIMIT_FSIZE; Node
// ignores SIGXFSZ, so a write past the limit fails with EFBIG as it would with ENOSPC on a full
// disk): every write that grows a file fails, in the server's real connections, while reads still
// work. A cast then gets a clear, translated 503 (not a crash), the process stays up, the earlier
// acknowledged ballots are all there, and once space is back casts are acknowledged again.
// The read-only file: a server started on it answers a cast the same way.
// PostgreSQL keeps its files in its own server: skipped there.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { Fixtures } from "../support/fixtures";
import { GENEROUS_SIGNIN_LIMITS, UNREACHED_RATE_LIMITS, issueCodes, onPostgres, pageText, startServer, type TestServer } from "../integration/harness";
import { AREAS, ballotProjects, countedPicks, envNumber, expectEveryParticipationHasItsBallots, mix, postCast, printFigures, randomPicks, ROUND, signInAll, type CastOutcome, seededDatabase, trackResources } from "./support";

const PUPILS = Math.min(envNumber("RELIABILITY_PUPILS", 100), 20);

function prlimitWorks(): boolean {
  try {
    execFileSync("prlimit", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Sets the running process's soft file-size limit (bytes; "unlimited" lifts it; the hard limit stays unlimited). */
function setFileSizeLimit(pid: number, limit: number | "unlimited"): void {
  execFileSync("prlimit", ["--pid", String(pid), `--fsize=${limit}:unlimited`], { stdio: "pipe" });
}

/**
 * Makes a file read-only for the server (or writable again). chmod alone does not stop root (the
 * tests may run as root in a container): then the immutable attribute (chattr +i) is set too.
 */
function setReadOnly(file: string, readOnly: boolean): void {
  if (!readOnly && process.getuid?.() === 0) execFileSync("chattr", ["-i", file], { stdio: "pipe" });
  fs.chmodSync(file, readOnly ? 0o444 : 0o644);
  if (readOnly && process.getuid?.() === 0) execFileSync("chattr", ["+i", file], { stdio: "pipe" });
}

// A failed test may leave a file read-only (and immutable): writable again before it is removed.
const resources = trackResources((database) => {
  if (database.kind === "sqlite") for (const suffix of ["", "-wal", "-shm"]) if (fs.existsSync(`${database.file}${suffix}`)) setReadOnly(`${database.file}${suffix}`, false);
});
const { servers, databases } = resources;

describe.skipIf(onPostgres() || !prlimitWorks())("a full disk or a read-only database (SQLite)", () => {
  it("a cast gets a clear 503, the server stays up, no acknowledged ballot is lost, and casting works again when space is back", async () => {
    const database = await seededDatabase("disk-full");
    databases.push(database);
    const codes = await issueCodes(database.url, { round: ROUND, school: "00501", classLevel: 8, count: PUPILS });
    const server = await startServer({ database, ...GENEROUS_SIGNIN_LIMITS, label: "disk-full", env: { BALLOT_MIX_BATCH: "1000000", ...UNREACHED_RATE_LIMITS } });
    servers.push(server);
    const projects = await ballotProjects(server.db);
    const clients = await signInAll(server, codes);

    // Every pupil casts once while there is space.
    const first = await Promise.all(clients.map((client) => postCast(server.baseUrl, client, randomPicks(projects))));
    expect(first.filter((o) => o.kind !== "acknowledged")).toEqual([]);
    const acknowledged = first as Extract<CastOutcome, { kind: "acknowledged" }>[];

    // The disk is full: no file of the server's may grow by a single byte.
    setFileSizeLimit(server.pid, 0);
    let full: CastOutcome[];
    try {
      full = await Promise.all(clients.map((client) => postCast(server.baseUrl, client, randomPicks(projects))));
      // Still up: the health check and a page that only reads answer.
      const health = await fetch(`${server.baseUrl}/healthz`);
      expect(health.status).toBe(200);
      const page = await clients[0]?.get("/vote");
      expect(page?.status).toBe(200);
    } finally {
      setFileSizeLimit(server.pid, "unlimited");
    }
    const statuses = full.map((o) => (o.kind === "refused" ? o.status : o.kind));
    const refused = full.filter((o): o is Extract<CastOutcome, { kind: "refused" }> => o.kind === "refused");
    expect(statuses.filter((s) => s !== 503), `statuses while the disk is full: ${JSON.stringify(statuses)}`).toEqual([]);
    const message = pageText(refused[0]?.body ?? "");
    expect(message).toContain("Your vote was not saved");

    // Space is back: the same pupils cast again, acknowledged; the server never restarted.
    const after = await Promise.all(clients.map((client) => postCast(server.baseUrl, client, randomPicks(projects))));
    expect(after.filter((o) => o.kind !== "acknowledged").map((o) => (o.kind === "refused" ? `${o.status} ${pageText(o.body).slice(0, 300)}` : o.kind))).toEqual([]);
    const last = after as Extract<CastOutcome, { kind: "acknowledged" }>[];

    const db = (resources.fixtures = new Fixtures(database));
    await mix(database, db);
    const round = await db.prisma.round.findFirstOrThrow({ where: { slug: ROUND }, select: { id: true } });
    for (const [i, code] of codes.entries()) {
      const participation = await db.prisma.participation.findUniqueOrThrow({ where: { roundId_userId: { roundId: round.id, userId: await db.pupilId(code) } } });
      // The refused cast left no trace: two acknowledged casts, the last one counted.
      expect(participation.casts, `pupil ${code}`).toBe(2);
      for (const area of AREAS) expect(await countedPicks(db, participation.id, area)).toEqual([...(last[i]?.picks[area] ?? [])].sort());
    }
    const totals = await expectEveryParticipationHasItsBallots(db, await Promise.all(codes.map((c) => db.pupilId(c))));
    expect(server.logs()).not.toMatch(/SQLITE_CORRUPT|malformed/);

    printFigures("a full disk under a running server (SQLite, prlimit --fsize=0 on the server)", {
      pupils: PUPILS,
      "acknowledged before the disk filled": acknowledged.length,
      "casts while full": full.length,
      "  answered 503": statuses.filter((s) => s === 503).length,
      "  other answers": statuses.filter((s) => s !== 503).length,
      "the 503's message (en)": message.match(/Your vote was not saved[^.]*\./)?.[0] ?? "",
      "acknowledged after space came back": last.length,
      "participations / their ballots": `${totals.participations} / ${totals.ballots} (${totals.missing} missing)`,
      "server restarts": 0,
    });
  });

  it("a server started on a read-only database file answers a cast with the same 503 and keeps the earlier ballots", async () => {
    const readOnly = await seededDatabase("read-only");
    databases.push(readOnly);
    const [code] = await issueCodes(readOnly.url, { round: ROUND, school: "00501", classLevel: 8, count: 1 });
    const options = { database: readOnly, ...GENEROUS_SIGNIN_LIMITS, label: "read-only", env: { BALLOT_MIX_BATCH: "1000000", ...UNREACHED_RATE_LIMITS } };
    const writable = await startServer(options);
    servers.push(writable);
    const projects = await ballotProjects(writable.db);
    const [client] = await signInAll(writable, [code as string]);
    if (!client) throw new Error("no client");
    const picks = randomPicks(projects);
    const cast = await postCast(writable.baseUrl, client, picks);
    expect(cast.kind).toBe("acknowledged");
    await writable.stop();

    // The file (and its WAL files, if any are left) become read-only (chmod 444, and chattr +i when
    // running as root); a new server starts on it.
    const files = ["", "-wal", "-shm"].map((suffix) => `${readOnly.file}${suffix}`).filter((file) => fs.existsSync(file));
    for (const file of files) setReadOnly(file, true);
    const started = performance.now();
    let server: TestServer | null = null;
    let startError = "";
    try {
      server = await startServer(options);
      servers.push(server);
    } catch (error) {
      startError = (error as Error).message;
    }
    const startMs = performance.now() - started;
    let status: number | string = "no server";
    let message = "";
    if (server) {
      const refused = await postCast(server.baseUrl, client, randomPicks(projects));
      status = refused.kind === "refused" ? refused.status : refused.kind;
      message = refused.kind === "refused" ? pageText(refused.body) : "";
      expect(status, message.slice(0, 300)).toBe(503);
      expect(message).toContain("Your vote was not saved");
      expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
      await server.stop();
    } else {
      // Refusing to start is acceptable only with a message that names the problem.
      expect(startError).toMatch(/read-only|readonly|permission|EACCES/i);
    }
    for (const file of files) setReadOnly(file, false);

    // The acknowledged ballot is there.
    const db = new Fixtures(readOnly);
    try {
      await mix(readOnly, db);
      const round = await db.prisma.round.findFirstOrThrow({ where: { slug: ROUND }, select: { id: true } });
      const participation = await db.prisma.participation.findUniqueOrThrow({ where: { roundId_userId: { roundId: round.id, userId: await db.pupilId(code as string) } } });
      expect(participation.casts).toBe(1);
      for (const area of AREAS) expect(await countedPicks(db, participation.id, area)).toEqual([...(picks[area] ?? [])].sort());
    } finally {
      await db.close();
    }

    printFigures(`a server on a read-only database file (SQLite, chmod 444${process.getuid?.() === 0 ? " + chattr +i, as root" : ""})`, {
      "server started": server ? `yes, in ${startMs.toFixed(0)} ms` : `no: ${startError.split("\n").slice(0, 3).join(" ")}`,
      "a cast answered": status,
      message: message.match(/Your vote was not saved[^.]*\./)?.[0] ?? "",
      "the acknowledged ballot before": "counted after the mix",
    });
  });
});
