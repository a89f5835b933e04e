// Issue 14: a copy of the SQLite file and its WAL must not pair a pupil with their ballot
// (docs/decisions/009-ballot-box.md). A burst of casts by 80 pupils goes through HTTP; the files are
// copied after every 20 casts of the burst and again right after the mix (a backup taken at that moment: the test holds
// a read transaction so the mixer's checkpoint cannot empty the WAL before the copy). The WAL is then
// parsed frame by frame, per committed transaction, and each page is attributed to its table through
// SQLite's dbstat on the copy:
//   - no transaction writes both a Participation page and a Ballot/BallotPick page, and no cast's
//     transaction holds anything of a ballot in clear (its receipt hash or voter key);
//   - one transaction (the mix) writes all 80 ballots and no participation; afterwards the WAL is
//     empty and nothing of the deleted box entries is left in the file (secure_delete);
//   - the mixer inserts the ballots in an order unrelated to the order of the casts. SQLite's own
//     layout hides that order (Ballot is WITHOUT ROWID, ordered by random ids, and a page's free
//     space is reused in no particular order), but a heap-ordered store shows it (PostgreSQL's ctid,
//     a rowid table). The test records it with a probe: a trigger, added to this test's copy of the
//     database only, that appends each new Ballot row's receipt hash to a rowid table.
import { createHash, createHmac } from "node:crypto";
import { spawn } from "node:child_process";
import fs from "node:fs";
import Database from "better-sqlite3";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normaliseCode } from "~/features/access/codes";
import { built, BUILT_CLI } from "../support/built";
import { withSqlite } from "../support/fixtures";
import { roundDefinition, votingPhases } from "../support/rounds";
import { BALLOT_SECRET, GENEROUS_SIGNIN_LIMITS, onPostgres, pageText, ROOT, setupServer, setupTmpDir, TMP, type Client } from "./harness";

const PUPILS = 80;
/** The batch the CLI's mixer is given (the server itself never mixes here). */
const BATCH = 30;

const server = setupServer({
  label: "secret-files",
  ...GENEROUS_SIGNIN_LIMITS,
  env: { BALLOT_MIX_BATCH: "1000000" },
  // The probe of the order in which ballots are inserted (see the top of the file).
  beforeStart: (database) => {
    if (onPostgres()) return; // tests/integration/secret-ballot-postgres.test.ts is the PostgreSQL counterpart
    withSqlite(database.file, (db) =>
      db.exec(`CREATE TABLE "ProbeInsertOrder" ("seq" INTEGER PRIMARY KEY AUTOINCREMENT, "receiptHash" TEXT NOT NULL);
        CREATE TRIGGER "probe_insert_order" AFTER INSERT ON "Ballot" BEGIN INSERT INTO "ProbeInsertOrder" ("receiptHash") VALUES (NEW."receiptHash"); END;`),
    );
  },
});
const tmp = setupTmpDir("secret-files");

// ---- the WAL ---------------------------------------------------------------------------------------

interface WalTransaction {
  /** The page images this transaction wrote (the last image of each page). */
  pages: Map<number, Buffer>;
}

/** The committed transactions of a WAL file, in order (https://www.sqlite.org/fileformat2.html#walformat). */
function walTransactions(wal: Buffer): { pageSize: number; transactions: WalTransaction[] } {
  expect(wal.length, "the WAL has a header").toBeGreaterThanOrEqual(32);
  const magic = wal.readUInt32BE(0);
  expect([0x377f0682, 0x377f0683]).toContain(magic);
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  const transactions: WalTransaction[] = [];
  let current = new Map<number, Buffer>();
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    // A frame of an earlier generation of the WAL (before a restart) carries other salts: the log ends there.
    if (wal.readUInt32BE(at + 8) !== salt1 || wal.readUInt32BE(at + 12) !== salt2) break;
    const page = wal.readUInt32BE(at);
    current.set(page, wal.subarray(at + 24, at + 24 + pageSize));
    if (wal.readUInt32BE(at + 4) !== 0) {
      transactions.push({ pages: current });
      current = new Map();
    }
  }
  return { pageSize, transactions };
}

/** A copy of the database file and its WAL as they are now: the WAL's bytes and the table of each page (dbstat on the copy). */
function copyFiles(label: string): { wal: Buffer; tableOf: Map<number, string> } {
  const copy = path.join(TMP, `secret-files-${process.pid}-${label}.db`);
  fs.copyFileSync(server.database.file, copy);
  fs.copyFileSync(`${server.database.file}-wal`, `${copy}-wal`);
  const wal = fs.readFileSync(`${copy}-wal`);
  try {
    const tableOf = withSqlite(copy, (db) => {
      const rows = db.prepare("SELECT name, pageno FROM dbstat").all() as { name: string; pageno: number }[];
      return new Map(rows.map((r) => [r.pageno, r.name]));
    });
    return { wal, tableOf };
  } finally {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${copy}${suffix}`, { force: true });
  }
}

/** The tables (and indexes) whose pages a transaction wrote; "?" for a page no table owns now (free). */
const tablesOf = (tx: WalTransaction, tableOf: Map<number, string>) => new Set([...tx.pages.keys()].map((p) => tableOf.get(p) ?? "?"));
const BALLOT_SIDE = /^(Ballot|BallotPick|sqlite_autoindex_Ballot_\d+|sqlite_autoindex_BallotPick_\d+|Ballot_.+|BallotPick_.+)$/;
const WHO_SIDE = /^(Participation|sqlite_autoindex_Participation_\d+|Participation_.+)$/;

const contains = (tx: WalTransaction, text: string) => {
  const needle = Buffer.from(text, "utf8");
  return [...tx.pages.values()].some((page) => page.includes(needle));
};

// ---- statistics --------------------------------------------------------------------------------------

/** Spearman's rank correlation of two rankings of the same n items (ranks 0..n-1, no ties). */
function spearman(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const d2 = a.reduce((sum, r, i) => sum + (r - b[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

// ---- the test ----------------------------------------------------------------------------------------

const receiptHash = (receipt: string) => createHash("sha256").update(`omakoulu-receipt:${normaliseCode(receipt)}:koillinen`).digest("hex");
const voterKey = (participationId: string) => createHmac("sha256", BALLOT_SECRET).update(`ballot:${participationId}:koillinen`).digest("hex");

/** Runs the CLI in the background (the harness's runCli waits for it), with the mixer's batch. */
function startMix(): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test", DATABASE_URL: server.database.url, BALLOT_SECRET, BALLOT_MIX_BATCH: String(BATCH), UPLOAD_DIR: path.join(TMP, "uploads") };
    const child = spawn(process.execPath, [built(BUILT_CLI), "mix-ballots"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe.skipIf(onPostgres())("a copy of the database files after a burst of casts and a mix", () => {
  it(
    "pairs no pupil with a ballot: no transaction holds both, the mix holds the whole batch, and the ballots' order is not the casts'",
    async () => {
      const slug = `files-${Date.now().toString(36)}`;
      await server.cliOk(["create-round", tmp.json(`${slug}.json`, roundDefinition(slug, { classLevels: [8], phases: votingPhases(-1, 5) }))]);
      const lines = ["code,title_fi,title_sv,title_en,area,sector,cost", ...["F-1", "F-2", "F-3"].map((c) => `${c},Hanke ${c},Projekt ${c},Project ${c},koillinen,basic,1000`)];
      await server.cliOk(["import-projects", "--round", slug, tmp.csv(`${slug}.csv`, lines)]);
      const projects = (await server.db.roundProjects(slug)).map((p) => p.id);
      const roundId = (await server.db.prisma.round.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
      const codes = await server.issueCodes({ round: slug, school: "00501", classLevel: 8, count: PUPILS });
      const clients: Client[] = await Promise.all(codes.map((code) => server.signedInPupil(code)));
      const userIds = await Promise.all(codes.map((code) => server.db.pupilId(code)));

      // The burst: each pupil casts once, in this order, in groups of CHUNK. Before each group the WAL
      // is emptied, and a reader (a backup) holds the database as it was until the group's files are
      // copied, so that no checkpoint (the server's, in its background thread) lets the WAL start
      // again from its beginning during the group: every cast is seen in a copy.
      const CHUNK = 20;
      const receipts: string[] = [];
      let hashes: string[] = [];
      let keys: string[] = [];
      for (let first = 0; first < PUPILS; first += CHUNK) {
        withSqlite(server.database.file, (db) => {
          const [result] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
          expect(result?.busy).toBe(0);
        });
        const backup = new Database(server.database.file, { readonly: true });
        backup.exec("BEGIN");
        backup.prepare(`SELECT count(*) FROM "Participation"`).get();
        for (let i = first; i < first + CHUNK; i++) {
          const client = clients[i]!;
          const res = await client.castBallot({ koillinen: [projects[i % 3]!, ...(i % 2 ? [projects[(i + 1) % 3]!] : [])] });
          expect(res.status, pageText(res.body).slice(0, 300)).toBe(302);
          const receipt = /data-testid="receipt"[^>]*>\s*([^<]+?)\s*</.exec((await client.get("/vote/receipt")).body)?.[1];
          expect(receipt).toBeTruthy();
          receipts.push(receipt as string);
        }
        const participations = await server.db.prisma.participation.findMany({ where: { roundId }, select: { id: true, userId: true } });
        expect(participations).toHaveLength(first + CHUNK);
        hashes = receipts.map(receiptHash);
        keys = participations.map((p) => voterKey(p.id));

        // 1. Every cast is a transaction of its own that wrote its participation and its sealed entry
        //    (and its audit row), no ballot page, and nothing of a ballot in clear.
        const copy = copyFiles(`casts-${first}`);
        backup.exec("COMMIT");
        backup.close();
        const casts = walTransactions(copy.wal).transactions;
        for (const tx of casts) {
          const tables = tablesOf(tx, copy.tableOf);
          expect([...tables].filter((t) => BALLOT_SIDE.test(t)), "a cast's transaction writes no ballot page").toEqual([]);
          for (const text of [...hashes, ...keys]) expect(contains(tx, text)).toBe(false);
        }
        const who = casts.filter((tx) => [...tablesOf(tx, copy.tableOf)].some((t) => WHO_SIDE.test(t)));
        expect(who, "one transaction per cast").toHaveLength(CHUNK);
        for (const tx of who) {
          const tables = [...tablesOf(tx, copy.tableOf)];
          expect(tables).toContain("BallotBox");
          expect(tables.filter((t) => !/^(Participation|BallotBox|AuditLog|sqlite_schema|\?)$|^(Participation|BallotBox|AuditLog)_|^sqlite_autoindex_(Participation|BallotBox|AuditLog)_/.test(t)), "the tables a cast writes").toEqual([]);
        }
      }
      expect(await server.db.prisma.ballot.count({ where: { roundId } })).toBe(0);

      // The sealed entries as stored (the mixer deletes them; secure_delete must leave nothing of them).
      const sealedEntries = withSqlite(server.database.file, (db) => (db.prepare(`SELECT "sealed" FROM "BallotBox" WHERE "roundId" = ?`).all(roundId) as { sealed: Buffer }[]).map((r) => r.sealed));
      expect(sealedEntries).toHaveLength(PUPILS);

      // 2. The mix, with a backup reading the files at that moment.
      const reader = new Database(server.database.file, { timeout: 20_000 });
      let mixed: { code: number | null; stderr: string };
      let afterMix: ReturnType<typeof copyFiles>;
      try {
        reader.exec("BEGIN");
        reader.prepare(`SELECT count(*) FROM "Ballot"`).get();
        const mixing = startMix();
        const deadline = Date.now() + 60_000;
        while (withSqlite(server.database.file, (db) => (db.prepare(`SELECT count(*) AS n FROM "BallotBox" WHERE "roundId" = ?`).get(roundId) as { n: number }).n) > 0) {
          if (Date.now() > deadline) throw new Error("the mix did not happen within 60 s");
          await new Promise((r) => setTimeout(r, 100));
        }
        afterMix = copyFiles("mix");
        reader.exec("COMMIT");
        mixed = await mixing;
      } finally {
        reader.close();
      }
      expect(mixed.code, mixed.stderr).toBe(0);
      expect(mixed.stderr).toContain(`${PUPILS} sealed entries mixed, ${PUPILS} ballots counted`);

      const all = walTransactions(afterMix.wal).transactions;
      const withBallots = all.filter((tx) => [...tablesOf(tx, afterMix.tableOf)].some((t) => BALLOT_SIDE.test(t)));
      expect(withBallots, "one transaction writes ballots: the mix").toHaveLength(1);
      const mix = withBallots[0] as WalTransaction;
      for (const text of hashes) expect(contains(mix, text), "every ballot of the burst is in the mix").toBe(true);
      expect([...tablesOf(mix, afterMix.tableOf)].filter((t) => WHO_SIDE.test(t)), "the mix writes no participation").toEqual([]);
      // Outside the audit log's pages (whose older rows record the pupils' sign-ins, as every copy
      // of the file shows anyway), nothing the mix wrote holds a pupil's id.
      const notAudit: WalTransaction = { pages: new Map([...mix.pages].filter(([page]) => !/^(AuditLog|sqlite_autoindex_AuditLog_\d+)$|^AuditLog_/.test(afterMix.tableOf.get(page) ?? ""))) };
      for (const id of userIds) expect(contains(notAudit, id)).toBe(false);
      for (const tx of all) {
        const tables = [...tablesOf(tx, afterMix.tableOf)];
        expect(tables.some((t) => BALLOT_SIDE.test(t)) && tables.some((t) => WHO_SIDE.test(t)), "a transaction with both a participation and ballots").toBe(false);
      }

      // 3. The mixer inserted the ballots in an order unrelated to the casts'. Inserted in the order
      //    of the casts, rho would be 1; a random permutation of 80 gives 0 with a standard deviation
      //    of 1/sqrt(79) ≈ 0.11, so the bound 0.5 is over 4 standard deviations away from both.
      const inserted = withSqlite(server.database.file, (db) => (db.prepare(`SELECT "receiptHash" FROM "ProbeInsertOrder" ORDER BY "seq"`).all() as { receiptHash: string }[]).map((r) => r.receiptHash));
      const castRank = new Map(hashes.map((hash, rank) => [hash, rank]));
      const order = inserted.filter((hash) => castRank.has(hash));
      expect(order, "every ballot of the burst inserted once").toHaveLength(PUPILS);
      expect(new Set(order).size).toBe(PUPILS);
      const rho = spearman(
        order.map((hash) => castRank.get(hash)!),
        order.map((_, i) => i),
      );
      expect(Math.abs(rho), `Spearman's rho between the order of the casts and the order of insertion`).toBeLessThan(0.5);

      // 4. After the mix, the checkpoint emptied the WAL and every ballot is counted.
      expect(fs.statSync(`${server.database.file}-wal`).size).toBe(0);
      expect(await server.db.prisma.ballotBox.count({ where: { roundId } })).toBe(0);
      expect(await server.db.prisma.ballot.count({ where: { roundId } })).toBe(PUPILS);
      // Nothing of the deleted box entries is left in the file: secure_delete zeroed their cells and
      // pages (without it, most of them stay readable in the free space of the pages).
      const file = fs.readFileSync(server.database.file);
      const left = sealedEntries.filter((entry) => [0, 1000, 2000].some((at) => file.includes(entry.subarray(at, at + 32))));
      expect(left, "deleted box entries still readable in the database file").toEqual([]);
    },
    240_000,
  );
});
