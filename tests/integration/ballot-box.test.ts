// The ballot box (docs/decisions/009-ballot-box.md) through HTTP against the built server: a cast
// seals its ballot into the box; the server mixes a round's box once it holds a batch
// (BALLOT_MIX_BATCH, here 20, at a random moment within BALLOT_MIX_DELAY_SECONDS, here 1) and
// otherwise waits until voting has ended; the CLI's `mix-ballots` does the same on demand. Counted
// ballots equal the casts, a recast before or after a mix leaves only the newest ballot, the receipt
// check shows "received, not yet counted" and then the counted picks, and no cast's audit row names
// the pupil.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { normaliseCode } from "~/features/access/codes";
import { daysFromToday, roundDefinition, votingPhases } from "../support/rounds";
import { GENEROUS_SIGNIN_LIMITS, pageText, setupServer, setupTmpDir, type Client, type Lang } from "./harness";

const BATCH = 20;
const server = setupServer({ label: "ballot-box", ...GENEROUS_SIGNIN_LIMITS, env: { BALLOT_MIX_BATCH: String(BATCH), BALLOT_MIX_DELAY_SECONDS: "1" } });
const tmp = setupTmpDir("ballot-box");

const CODES = ["BOX-1", "BOX-2", "BOX-3"] as const;
let unique = 0;

/** A round of its own with three projects in koillinen (approval, up to 3 picks), voting from yesterday for `days` more days. */
async function createRound(label: string, voting: [number, number] = [-1, 5]): Promise<{ slug: string; id: string; projects: Map<string, string> }> {
  const slug = `${label}-${Date.now().toString(36)}-${++unique}`;
  await writeRound(slug, voting);
  const lines = ["code,title_fi,title_sv,title_en,area,sector,cost", ...CODES.map((c) => `${c},Hanke ${c},Projekt ${c},Project ${c},koillinen,basic,1000`)];
  await server.cliOk(["import-projects", "--round", slug, tmp.csv(`${slug}-projects.csv`, lines)]);
  const round = await server.db.prisma.round.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  const projects = new Map((await server.db.roundProjects(slug)).map((p) => [p.code, p.id]));
  return { slug, id: round.id, projects };
}

async function writeRound(slug: string, voting: [number, number]) {
  const file = tmp.json(`${slug}-${++unique}.json`, roundDefinition(slug, { classLevels: [8], phases: votingPhases(...voting) }));
  await server.cliOk(["create-round", file]);
}

/** Project codes picked by the i-th pupil: every non-empty subset of the three, in turn. */
const picksOf = (i: number): string[] => CODES.filter((_, bit) => ((i % 7) + 1) & (1 << bit));

async function pupils(slug: string, count: number, lang: Lang = "en"): Promise<{ code: string; client: Client }[]> {
  const codes = await server.issueCodes({ round: slug, school: "00501", classLevel: 8, count });
  return Promise.all(codes.map(async (code) => ({ code, client: await server.signedInPupil(code, { lang }) })));
}

async function cast(client: Client, round: { projects: Map<string, string> }, codes: readonly string[]): Promise<string> {
  const res = await client.castBallot({ koillinen: codes.map((c) => round.projects.get(c) as string) });
  expect(res.status, pageText(res.body).slice(0, 400)).toBe(302);
  const page = await client.get("/vote/receipt");
  const receipt = /data-testid="receipt"[^>]*>\s*([^<]+?)\s*</.exec(page.body)?.[1];
  expect(receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return receipt as string;
}

const sealed = (roundId: string) => server.db.prisma.ballotBox.count({ where: { roundId } });
const counted = (roundId: string) => server.db.prisma.ballot.count({ where: { roundId } });

/** Every counted ballot of the round as its sorted project codes joined by spaces, sorted. */
async function countedBallots(roundId: string): Promise<string[]> {
  const ballots = await server.db.prisma.ballot.findMany({ where: { roundId }, select: { picks: { select: { project: { select: { code: true } } } } } });
  return ballots.map((b) => b.picks.map((p) => p.project.code).sort().join(" ")).sort();
}

const receiptHash = (receipt: string) => createHash("sha256").update(`omakoulu-receipt:${normaliseCode(receipt)}:koillinen`).digest("hex");

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("the server mixes a round's box once it holds a batch", () => {
  it(
    "19 casts wait sealed; the 20th starts the mix; the counted ballots are exactly the casts",
    async () => {
      const round = await createRound("batch");
      const voters = await pupils(round.slug, BATCH);
      const expected: string[] = [];
      for (const [i, voter] of voters.slice(0, BATCH - 1).entries()) {
        await cast(voter.client, round, picksOf(i));
        expected.push(picksOf(i).join(" "));
      }
      expect(await sealed(round.id)).toBe(BATCH - 1);
      // Below the batch nothing is mixed, however long it waits (the delay is at most 1 s here).
      await new Promise((r) => setTimeout(r, 2_500));
      expect(await counted(round.id)).toBe(0);
      expect(await sealed(round.id)).toBe(BATCH - 1);

      await cast(voters[BATCH - 1]!.client, round, picksOf(BATCH - 1));
      expected.push(picksOf(BATCH - 1).join(" "));
      await until("the server has mixed the batch", async () => (await sealed(round.id)) === 0);
      expect(await counted(round.id)).toBe(BATCH);
      expect(await countedBallots(round.id)).toEqual(expected.sort());
      // The mix is recorded without an actor, with its size.
      const mixes = await server.db.prisma.auditLog.findMany({ where: { action: "ballots.mix", subjectId: round.id } });
      expect(mixes.map((m) => [m.actorId, JSON.parse(m.detail) as unknown])).toEqual([[null, { entries: BATCH, ballots: BATCH }]]);
    },
    120_000,
  );
});

describe("recasts", () => {
  it(
    "a recast while the earlier ballot is still in the box, and one after it was counted: only the newest counts",
    async () => {
      const round = await createRound("recast");
      const [early, late, other] = await pupils(round.slug, 3);
      // Both in the box: the mix keeps the newest per voter.
      await cast(early!.client, round, ["BOX-1"]);
      await cast(early!.client, round, ["BOX-2", "BOX-3"]);
      await cast(late!.client, round, ["BOX-1", "BOX-2"]);
      await cast(other!.client, round, ["BOX-3"]);
      expect(await sealed(round.id)).toBe(4);
      await server.cliOk(["mix-ballots", "--round", round.slug, "--force"]);
      expect(await sealed(round.id)).toBe(0);
      expect(await countedBallots(round.id)).toEqual(["BOX-1 BOX-2", "BOX-2 BOX-3", "BOX-3"]);

      // After the mix: the recast waits in the box, the counted ballot stays until the next mix replaces it.
      await cast(late!.client, round, ["BOX-3"]);
      expect(await countedBallots(round.id)).toEqual(["BOX-1 BOX-2", "BOX-2 BOX-3", "BOX-3"]);
      // The pupil's own vote page starts from the newest picks, still sealed in the box.
      const page = await late!.client.get("/vote");
      const ticked = [...page.body.matchAll(/<input[^>]*>/gi)].map((m) => m[0]).filter((tag) => /\bchecked\b/i.test(tag)).map((tag) => /value="([^"]+)"/.exec(tag)?.[1]);
      expect(ticked).toEqual([round.projects.get("BOX-3")]);
      expect(pageText(page.body)).toContain("You voted on");
      await server.cliOk(["mix-ballots", "--round", round.slug, "--force"]);
      expect(await countedBallots(round.id)).toEqual(["BOX-2 BOX-3", "BOX-3", "BOX-3"]);
      expect(await server.db.prisma.participation.count({ where: { roundId: round.id } })).toBe(3);
    },
    120_000,
  );
});

describe("receipts", () => {
  const PENDING: Record<Lang, string> = {
    en: "Received, not yet counted",
    fi: "Vastaanotettu, ei vielä laskettu",
    sv: "Mottagen, inte räknad ännu",
  };
  const COUNTED: Record<Lang, string> = { en: "Counted:", fi: "Laskettu:", sv: "Räknad:" };

  it(
    "before the mix: received, not yet counted, with the picks; after it: counted, with the same picks (fi, sv, en)",
    async () => {
      const round = await createRound("receipt");
      const [voter] = await pupils(round.slug, 1);
      const receipt = await cast(voter!.client, round, ["BOX-1", "BOX-3"]);
      expect(await server.db.prisma.ballot.count({ where: { receiptHash: receiptHash(receipt) } })).toBe(0);
      const check = async (lang: Lang) => {
        const client = server.client();
        client.setLanguage(lang);
        const res = await client.post("/vote/check", { receipt });
        expect(res.status).toBe(200);
        return pageText(res.body);
      };
      for (const lang of ["fi", "sv", "en"] as const) {
        const text = await check(lang);
        expect(text, lang).toContain(PENDING[lang]);
        expect(text, lang).not.toContain(COUNTED[lang]);
        expect(text).toContain("BOX-1");
        expect(text).toContain("BOX-3");
        expect(text).not.toContain("BOX-2");
      }
      await server.cliOk(["mix-ballots", "--round", round.slug, "--force"]);
      expect(await server.db.prisma.ballot.count({ where: { receiptHash: receiptHash(receipt) } })).toBe(1);
      for (const lang of ["fi", "sv", "en"] as const) {
        const text = await check(lang);
        expect(text, lang).toContain(COUNTED[lang]);
        expect(text, lang).not.toContain(PENDING[lang]);
        expect(text).toContain("BOX-1");
        expect(text).toContain("BOX-3");
        expect(text).not.toContain("BOX-2");
      }
    },
    60_000,
  );
});

describe("the audit log", () => {
  it("no audit row written by a cast names the pupil", async () => {
    const round = await createRound("audit");
    const voters = await pupils(round.slug, 3);
    // After their sign-ins (which the log records with the pupil as actor, as it should).
    await new Promise((r) => setTimeout(r, 20));
    const since = new Date();
    for (const voter of voters) await cast(voter.client, round, ["BOX-2"]);
    await cast(voters[0]!.client, round, ["BOX-1"]);
    const ids = await Promise.all(voters.map((v) => server.db.pupilId(v.code)));
    const rows = await server.db.prisma.auditLog.findMany({ where: { at: { gte: since }, subjectId: round.id } });
    expect(rows.filter((r) => r.action === "ballot.cast")).toHaveLength(3);
    expect(rows.filter((r) => r.action === "ballot.recast")).toHaveLength(1);
    for (const row of rows) {
      expect(row.actorId, row.action).toBeNull();
      for (const id of ids) expect(row.detail).not.toContain(id);
    }
    // Nothing the casts wrote to the audit log refers to these pupils at all.
    expect(await server.db.prisma.auditLog.count({ where: { at: { gte: since }, OR: [{ actorId: { in: ids } }, { subjectId: { in: ids } }] } })).toBe(0);
  });
});

describe("several mixers at once", () => {
  it(
    "the server's timer and two CLI commands mixing the same box move every entry exactly once",
    async () => {
      const round = await createRound("racing");
      const voters = await pupils(round.slug, 2 * BATCH);
      for (const [i, voter] of voters.entries()) await cast(voter.client, round, picksOf(i));
      // The server has scheduled its own mix (a full batch, within a second); two commands start too.
      const commands = await Promise.all([0, 1].map(() => server.cli(["mix-ballots", "--round", round.slug, "--force"])));
      for (const command of commands) expect(command.code, command.stderr).toBe(0);
      await until("the box is empty", async () => (await sealed(round.id)) === 0);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await countedBallots(round.id)).toEqual(voters.map((_, i) => picksOf(i).join(" ")).sort());
      // Each mix that committed says how many entries it moved: together, each entry once. A mixer
      // that read entries another had already moved starts over instead of committing them again.
      const mixes = await server.db.prisma.auditLog.findMany({ where: { action: "ballots.mix", subjectId: round.id }, select: { detail: true } });
      expect(mixes.length).toBeGreaterThanOrEqual(1);
      expect(mixes.reduce((sum, m) => sum + (JSON.parse(m.detail) as { entries: number }).entries, 0)).toBe(2 * BATCH);
    },
    120_000,
  );
});

describe("a small round", () => {
  it(
    "waits for a batch while voting is open (the CLI too, unless --force) and is mixed once voting has ended",
    async () => {
      const round = await createRound("small");
      const voters = await pupils(round.slug, 3);
      for (const [i, voter] of voters.entries()) await cast(voter.client, round, picksOf(i));
      const waiting = await server.cli(["mix-ballots", "--round", round.slug]);
      expect(waiting.code, waiting.stderr).toBe(0);
      expect(waiting.stderr).toContain(`round ${round.slug}: 3 sealed entries wait for a batch of ${BATCH} or the end of voting (--force mixes them now).`);
      expect(await counted(round.id)).toBe(0);
      expect(await sealed(round.id)).toBe(3);

      // Voting ends (it started yesterday and ends yesterday): the same command now mixes what is left.
      await writeRound(round.slug, [-1, -1]);
      expect(await server.db.prisma.round.findUniqueOrThrow({ where: { id: round.id }, select: { votingEnd: true } })).toEqual({ votingEnd: daysFromToday(-1) });
      const mixed = await server.cli(["mix-ballots"]);
      expect(mixed.code, mixed.stderr).toBe(0);
      expect(mixed.stderr).toContain(`round ${round.slug}: 3 sealed entries mixed, 3 ballots counted.`);
      expect(await sealed(round.id)).toBe(0);
      expect(await countedBallots(round.id)).toEqual([0, 1, 2].map((i) => picksOf(i).join(" ")).sort());
    },
    90_000,
  );

  it("`mix-ballots` refuses an unknown round (exit 1) and an unknown option (exit 2)", async () => {
    const unknown = await server.cli(["mix-ballots", "--round", "no-such-round"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Error: no round has the slug "no-such-round"');
    const option = await server.cli(["mix-ballots", "--now"]);
    expect(option.code).toBe(2);
  });
});
