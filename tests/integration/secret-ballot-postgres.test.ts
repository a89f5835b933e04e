// Issues 11 and 14 on PostgreSQL: whoever can read the tables, or holds a dump of them, must not pair
// a participation (who) with its ballot (what) (docs/decisions/009-ballot-box.md). In PostgreSQL every
// row carries the id of the transaction that wrote it (xmin) and a heap keeps rows in insertion order
// (ctid), so a design that wrote both in the cast's transaction would be joined by one query. After a
// burst of 40 casts over HTTP and one mix:
//   - no participation's xmin is any ballot's or pick's xmin; all 40 ballots share the mix's xmin;
//   - the ballots' heap order (ctid, which is also pg_dump's order) does not follow the order of the
//     casts (rank correlation; an unshuffled mixer gives 1);
//   - Ballot and BallotPick have no column about the voter or time (the catalogue, as
//     voting.test.ts checks SQLite's);
//   - while sealed, every box entry has the same size, and a dump holds no ballot in clear (no
//     receipt hash or voter key before the mix); after the mix the box is empty.
// Runs in the PostgreSQL run of the suite only (TEST_DATABASE=postgres).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { normaliseCode } from "~/features/access/codes";
import { roundDefinition, votingPhases } from "../support/rounds";
import { GENEROUS_SIGNIN_LIMITS, onPostgres, pageText, setupServer, setupTmpDir, type Client } from "./harness";

const PUPILS = 40;
const CODES = ["PGB-1", "PGB-2", "PGB-3"] as const;

describe.skipIf(!onPostgres())("a PostgreSQL dump after a burst of casts and a mix", () => {
  // The server never mixes by itself here: the test mixes once, with the CLI, after the burst.
  const server = setupServer({ label: "secret-pg", ...GENEROUS_SIGNIN_LIMITS, env: { BALLOT_MIX_BATCH: "1000000" } });
  const tmp = setupTmpDir("secret-pg");

  const receiptHash = (receipt: string) => createHash("sha256").update(`omakoulu-receipt:${normaliseCode(receipt)}:koillinen`).digest("hex");
  const dump = (table: string) => execFileSync("pg_dump", ["--data-only", "--table", `"${table}"`, server.database.url], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });

  async function cast(client: Client, projects: Map<string, string>, codes: readonly string[]): Promise<string> {
    const res = await client.castBallot({ koillinen: codes.map((c) => projects.get(c) as string) });
    expect(res.status, pageText(res.body).slice(0, 300)).toBe(302);
    const page = await client.get("/vote/receipt");
    const receipt = /data-testid="receipt"[^>]*>\s*([^<]+?)\s*</.exec(page.body)?.[1];
    expect(receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    return receipt as string;
  }

  /** Spearman's rank correlation of two orderings of the same items. */
  function spearman(a: readonly string[], b: readonly string[]): number {
    const rank = new Map(b.map((item, i) => [item, i]));
    const n = a.length;
    const d2 = a.reduce((sum, item, i) => sum + (i - (rank.get(item) as number)) ** 2, 0);
    return 1 - (6 * d2) / (n * (n * n - 1));
  }

  it(
    "pairs no participation with its ballot by transaction id, heap order, size or clear text",
    async () => {
      const slug = `secret-pg-${Date.now().toString(36)}`;
      await server.cliOk(["create-round", tmp.json(`${slug}.json`, roundDefinition(slug, { classLevels: [8], phases: votingPhases(-1, 5) }))]);
      const lines = ["code,title_fi,title_sv,title_en,area,sector,cost", ...CODES.map((c) => `${c},Hanke ${c},Projekt ${c},Project ${c},koillinen,basic,1000`)];
      await server.cliOk(["import-projects", "--round", slug, tmp.csv(`${slug}-projects.csv`, lines)]);
      const round = await server.db.prisma.round.findUniqueOrThrow({ where: { slug }, select: { id: true } });
      const projects = new Map((await server.db.roundProjects(slug)).map((p) => [p.code, p.id]));
      const codes = await server.issueCodes({ round: slug, school: "00501", classLevel: 8, count: PUPILS });
      const clients = await Promise.all(codes.map((code) => server.signedInPupil(code)));

      // The burst: one cast after another, so that the order of the casts is known.
      const castOrder: string[] = [];
      for (const [i, client] of clients.entries()) {
        const picks = CODES.filter((_, bit) => ((i % 7) + 1) & (1 << bit));
        castOrder.push(receiptHash(await cast(client, projects, picks)));
      }
      const prisma = server.db.prisma;

      // Sealed: one fixed size, nothing of a ballot in clear in the tables or a dump of them.
      const sizes = await prisma.$queryRaw<{ size: number }[]>`SELECT DISTINCT octet_length("sealed")::int AS size FROM "BallotBox" WHERE "roundId" = ${round.id}`;
      expect(sizes).toHaveLength(1);
      expect(await prisma.ballotBox.count({ where: { roundId: round.id } })).toBe(PUPILS);
      expect(await prisma.ballot.count({ where: { roundId: round.id } })).toBe(0);
      const before = dump("BallotBox") + dump("Participation") + dump("AuditLog");
      for (const hash of castOrder) expect(before.includes(hash), "a receipt hash in clear before the mix").toBe(false);

      const mixed = await server.cli(["mix-ballots", "--round", slug, "--force"]);
      expect(mixed.code, mixed.stderr).toBe(0);
      expect(await prisma.ballotBox.count({ where: { roundId: round.id } })).toBe(0);
      expect(await prisma.ballot.count({ where: { roundId: round.id } })).toBe(PUPILS);

      // Transaction ids: the casts' transactions wrote the participations; one other wrote the ballots.
      const participationXmins = await prisma.$queryRaw<{ xmin: string }[]>`SELECT xmin::text AS xmin FROM "Participation" WHERE "roundId" = ${round.id}`;
      const ballotRows = await prisma.$queryRaw<{ xmin: string; ctid: string; receiptHash: string }[]>`
        SELECT xmin::text AS xmin, ctid::text AS ctid, "receiptHash" FROM "Ballot" WHERE "roundId" = ${round.id}`;
      const pickXmins = await prisma.$queryRaw<{ xmin: string }[]>`
        SELECT DISTINCT p.xmin::text AS xmin FROM "BallotPick" p JOIN "Ballot" b ON b.id = p."ballotId" WHERE b."roundId" = ${round.id}`;
      expect(participationXmins).toHaveLength(PUPILS);
      expect(new Set(participationXmins.map((r) => r.xmin)).size, "each cast is a transaction of its own").toBe(PUPILS);
      const ballotXmins = new Set(ballotRows.map((r) => r.xmin));
      expect(ballotXmins.size, "all ballots written by the one mix transaction").toBe(1);
      for (const { xmin } of participationXmins) {
        expect(ballotXmins.has(xmin), `participation xmin ${xmin} is a ballot's`).toBe(false);
      }
      // The picks were written by that same transaction, not by any cast's.
      expect(pickXmins.map((p) => p.xmin)).toEqual([...ballotXmins]);

      // Heap order (ctid = what a sequential scan and pg_dump show) against the order of the casts.
      const heapOrder = [...ballotRows]
        .sort((a, b) => {
          const [pa, ia] = a.ctid.slice(1, -1).split(",").map(Number) as [number, number];
          const [pb, ib] = b.ctid.slice(1, -1).split(",").map(Number) as [number, number];
          return pa - pb || ia - ib;
        })
        .map((r) => r.receiptHash);
      expect(new Set(heapOrder)).toEqual(new Set(castOrder));
      const dumped = dump("Ballot");
      const dumpOrder = castOrder.map((hash) => [hash, dumped.indexOf(hash)] as const).sort((a, b) => a[1] - b[1]).map(([hash]) => hash);
      expect(dumpOrder).toEqual(heapOrder);
      // An unshuffled mixer gives 1 (or -1); a shuffle of 40 gives |rho| >= 0.5 about once in 2,000 runs.
      expect(Math.abs(spearman(heapOrder, castOrder))).toBeLessThan(0.5);
    },
    180_000,
  );

  it("Ballot and BallotPick hold nothing about the voter or time, and refer only to Round, Ballot and BallotProject", async () => {
    const prisma = server.db.prisma;
    const FORBIDDEN_COLUMN = /user|participation|person|pupil|created|updated|voted|time|date|^at$|seq|order/i;
    for (const table of ["Ballot", "BallotPick", "BallotBox"]) {
      const columns = await prisma.$queryRaw<{ name: string; type: string }[]>`
        SELECT column_name::text AS name, data_type::text AS type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table}`;
      expect(columns.length, table).toBeGreaterThan(0);
      expect(columns.filter((c) => FORBIDDEN_COLUMN.test(c.name)).map((c) => c.name), table).toEqual([]);
      expect(columns.filter((c) => /date|time/i.test(c.type)).map((c) => c.name), `${table} column types`).toEqual([]);
      const references = await prisma.$queryRaw<{ target: string }[]>`
        SELECT DISTINCT ccu.table_name::text AS target FROM information_schema.table_constraints tc
        JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
        WHERE tc.table_name = ${table} AND tc.constraint_type = 'FOREIGN KEY'`;
      for (const { target } of references) expect(["Round", "Ballot", "BallotProject"], `${table} → ${target}`).toContain(target);
    }
    const ballotColumns = await prisma.$queryRaw<{ name: string }[]>`
      SELECT column_name::text AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'Ballot' ORDER BY column_name`;
    expect(ballotColumns.map((c) => c.name)).toEqual(["areaSlug", "id", "receiptHash", "roundId", "voterKey"]);
    const participationColumns = await prisma.$queryRaw<{ name: string }[]>`
      SELECT column_name::text AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'Participation'`;
    expect(participationColumns.map((c) => c.name).filter((c) => /ballot|receipt|pick|project|voterkey/i.test(c))).toEqual([]);
  });
});
