// Casting ballots (online and paper). WHO voted (Participation) and WHAT was voted share no key: a
// ballot is found again only through its voterKey, an HMAC of the participation id and the area under
// BALLOT_SECRET, which lives outside the database. A cast's transaction writes the participation and
// the ballot sealed in the ballot box; the mixer (ballot-box.server.ts) later moves it, shuffled with
// at least BALLOT_MIX_BATCH others, into Ballot. See docs/decisions/004-secret-ballot.md and
// docs/decisions/009-ballot-box.md for the threat model.
import { createHash, createHmac, randomUUID } from "node:crypto";
import { ballotAreas, checkBallot, type BallotProblem, type BallotRoundRules, type AreaTotals } from "~/features/voting/ballot";
import { generateCode, hashCode, normaliseCode } from "~/features/access/codes";
import { helsinkiDay, parseClassLevels } from "~/features/rounds/phases";
import { afterCast, openBox, sealBallotInTx } from "~/features/voting/ballot-box.server";
import { appendAuditSql } from "~/server/audit.server";
import { db } from "~/server/db.server";
import { env } from "~/server/env.server";
import { isSqlUniqueViolation, keptWhileOthersDoNotWrite, sql, sqlDate, type Sql } from "~/server/sql.server";

export function ballotSecret(): string {
  return env().ballotSecret;
}

const hmac = (value: string) => createHmac("sha256", ballotSecret()).update(value).digest("hex");

export function voterKey(participationId: string, area: string): string {
  return hmac(`ballot:${participationId}:${area}`);
}

/** The seed of a voter's own project order: stable for the voter, unguessable for others. */
export function orderSeed(userId: string, roundId: string): number {
  return Number.parseInt(hmac(`order:${roundId}:${userId}`).slice(0, 8), 16);
}

export function receiptHash(receipt: string, area: string): string {
  return createHash("sha256").update(`omakoulu-receipt:${receipt}:${area}`).digest("hex");
}

export type Method = "online" | "paper";

export interface Voter {
  userId: string;
  roundId: string;
  schoolId: string;
  classLevel: number;
  areaSlug: string;
}

export type VoteRefusal =
  | { code: "not-voting-phase"; start: string; end: string }
  | { code: "not-eligible"; classLevel: number; levels: number[] }
  | { code: "voted-on-paper" }
  | { code: "voted-online" }
  | { code: "already-voted" }
  | { code: "invalid"; problems: BallotProblem[] };

export type CastResult = { ok: true; receipt: string; votedAt: Date; recast: boolean } | { ok: false; refusal: VoteRefusal };

/** The round's rules and the projects on this voter's ballots. */
export async function loadBallot(voter: Voter) {
  const round = await db.round.findUniqueOrThrow({ where: { id: voter.roundId }, include: { areas: true } });
  const rules: BallotRoundRules = {
    ballotStyle: round.ballotStyle === "budget" ? "budget" : "approval",
    maxPicks: round.maxPicks,
    budgets: new Map(round.areas.map((a) => [a.areaSlug, a.budget])),
  };
  const areas = ballotAreas(rules, voter.areaSlug);
  const projects = await db.ballotProject.findMany({ where: { roundId: round.id, areaSlug: { in: areas } } });
  return { round, rules, areas, projects };
}

/** Whether the voter may vote now; null when they may. */
export function eligibility(round: { votingStart: string; votingEnd: string; classLevels: string }, voter: Voter, today = helsinkiDay()): VoteRefusal | null {
  if (today < round.votingStart || today > round.votingEnd) return { code: "not-voting-phase", start: round.votingStart, end: round.votingEnd };
  const levels = parseClassLevels(round.classLevels);
  if (!levels.includes(voter.classLevel)) return { code: "not-eligible", classLevel: voter.classLevel, levels };
  return null;
}

/** What casting a ballot needs: the round's dates and rules, and the projects on the voter's ballot. */
export interface CastRules {
  round: { id: string; votingStart: string; votingEnd: string; classLevels: string };
  rules: BallotRoundRules;
  areas: string[];
  projects: Array<{ id: string; code: string; areaSlug: string; cost: number }>;
}

/**
 * The CastRules of a voter, read with plain SQL (sql.server.ts): the cast path's reads, instead of
 * loadBallot's whole rows through Prisma. Throws when the voter's round is gone, as loadBallot does.
 * On SQLite the answer is kept until staff (or anything else outside the cast path) next write to the
 * database (keptWhileOthersDoNotWrite); it is shared, so callers must not change it.
 */
export function castRules(voter: Pick<Voter, "roundId" | "areaSlug">): Promise<CastRules> {
  return keptCastRules(`${voter.roundId} ${voter.areaSlug}`);
}

const keptCastRules = keptWhileOthersDoNotWrite((key: string) => {
  const [roundId, areaSlug] = key.split(" ") as [string, string];
  return readCastRules({ roundId, areaSlug });
});

/** castRules, read now. */
async function readCastRules(voter: Pick<Voter, "roundId" | "areaSlug">): Promise<CastRules> {
  const client = sql();
  const round = await client.get<{ id: string; votingStart: string; votingEnd: string; classLevels: string; ballotStyle: string; maxPicks: number | null }>(
    `SELECT "id", "votingStart", "votingEnd", "classLevels", "ballotStyle", "maxPicks" FROM "Round" WHERE "id" = ?`,
    [voter.roundId],
  );
  if (!round) throw new Error(`round ${voter.roundId} not found`);
  const budgets = await client.all<{ areaSlug: string; budget: number }>(`SELECT "areaSlug", "budget" FROM "RoundArea" WHERE "roundId" = ?`, [round.id]);
  const rules: BallotRoundRules = {
    ballotStyle: round.ballotStyle === "budget" ? "budget" : "approval",
    maxPicks: round.maxPicks === null ? null : Number(round.maxPicks),
    budgets: new Map(budgets.map((a) => [a.areaSlug, Number(a.budget)])),
  };
  const areas = ballotAreas(rules, voter.areaSlug);
  const projects = await client.all<{ id: string; code: string; areaSlug: string; cost: number }>(
    `SELECT "id", "code", "areaSlug", "cost" FROM "BallotProject" WHERE "roundId" = ? AND "areaSlug" IN (${areas.map(() => "?").join(", ")})`,
    [round.id, ...areas],
  );
  return { round, rules, areas, projects: projects.map((p) => ({ ...p, cost: Number(p.cost) })) };
}

export function checkPicks(ballot: Pick<CastRules, "rules" | "areas" | "projects">, picks: ReadonlyMap<string, readonly string[]>): { problems: BallotProblem[]; totals: AreaTotals[] } {
  return checkBallot(ballot.rules, ballot.areas, ballot.projects.map((p) => ({ id: p.id, code: p.code, areaSlug: p.areaSlug, cost: p.cost })), picks);
}

/**
 * Writes a voter's participation and, sealed in the ballot box, the ballots of every area on their
 * ballot inside `tx` (an online recast supersedes the previous ballots when the box is mixed; see
 * ballot-box.server.ts). It never writes Ballot rows: only the mixer does. The picks must already have passed checkPicks and
 * the voter eligibility(); this only refuses what depends on an earlier cast (a paper ballot after
 * any vote, an online vote after a paper one). Used by castBallot and by the paper-ballot import,
 * which writes many voters in one transaction.
 */
export async function writeBallotInTx(
  tx: Sql,
  voter: Voter,
  areas: readonly string[],
  picks: ReadonlyMap<string, readonly string[]>,
  method: Method,
  actorId: string | null,
  receipt: string = generateCode(),
): Promise<CastResult> {
  const existing = await tx.get<{ id: string; method: string; casts: number }>(
    `SELECT "id", "method", "casts" FROM "Participation" WHERE "roundId" = ? AND "userId" = ?`,
    [voter.roundId, voter.userId],
  );
  if (existing) {
    if (method === "paper") return { ok: false, refusal: { code: existing.method === "paper" ? "already-voted" : "voted-online" } };
    if (existing.method === "paper") return { ok: false, refusal: { code: "voted-on-paper" } };
  }
  const votedAt = new Date();
  let participation: { id: string; casts: number };
  if (existing) {
    participation = { id: existing.id, casts: Number(existing.casts) + 1 };
    await tx.run(`UPDATE "Participation" SET "votedAt" = ?, "casts" = ?, "schoolId" = ?, "classLevel" = ? WHERE "id" = ?`, [
      sqlDate(votedAt),
      participation.casts,
      voter.schoolId,
      voter.classLevel,
      existing.id,
    ]);
  } else {
    participation = { id: randomUUID(), casts: 1 };
    await tx.run(`INSERT INTO "Participation" ("id", "roundId", "userId", "schoolId", "classLevel", "method", "votedAt", "casts") VALUES (?, ?, ?, ?, ?, ?, ?, 1)`, [
      participation.id,
      voter.roundId,
      voter.userId,
      voter.schoolId,
      voter.classLevel,
      method,
      sqlDate(votedAt),
    ]);
  }
  // The ballot of every area on the voter's ballot goes into the box sealed, one fixed-size entry per
  // area (an area without picks too: on a recast it removes the earlier ballot there). The cast
  // counter lets the mixer keep only the newest per voterKey.
  const normalised = normaliseCode(receipt) as string;
  await sealBallotInTx(
    tx,
    voter.roundId,
    areas.map((area) => ({
      area,
      picks: [...new Set(picks.get(area) ?? [])],
      voterKey: voterKey(participation.id, area),
      receiptHash: receiptHash(normalised, area),
      cast: participation.casts,
    })),
  );
  // The audit log records that a ballot was cast in the round. An online cast names no actor (the
  // actor would be the pupil, in the same transaction as their sealed ballot); a paper ballot names
  // the staff member who entered it, never the pupil.
  await appendAuditSql(tx, {
    actorId: method === "paper" ? actorId : null,
    action: method === "paper" ? "ballot.paper" : existing ? "ballot.recast" : "ballot.cast",
    subjectType: "round",
    subjectId: voter.roundId,
  });
  return { ok: true, receipt, votedAt, recast: Boolean(existing) };
}

/**
 * Casts (or, online, recasts) a ballot. One transaction writes the participation and the sealed
 * ballots of every area on the voter's ballot; nothing is written when anything is refused. The
 * database's unique constraint on (round, pupil) makes a second participation impossible even under
 * concurrent casts. After the commit, a round whose box holds a batch is scheduled for mixing.
 */
export async function castBallot(voter: Voter, picks: ReadonlyMap<string, readonly string[]>, method: Method, actorId: string | null): Promise<CastResult> {
  const ballot = await castRules(voter);
  const refusal = eligibility(ballot.round, voter);
  if (refusal) return { ok: false, refusal };
  const { problems } = checkPicks(ballot, picks);
  if (problems.length) return { ok: false, refusal: { code: "invalid", problems } };

  const receipt = generateCode();
  // Casts of one pupil take turns (see TransactionOptions.lockKey); other pupils' casts do not wait.
  const lockKey = `cast:${voter.roundId}:${voter.userId}`;
  const attempt = () => sql().transaction((tx) => writeBallotInTx(tx, voter, ballot.areas, picks, method, actorId, receipt), { lockKey });
  let result: CastResult;
  try {
    result = await attempt();
  } catch (error) {
    // Two casts of the same pupil raced to create the participation (PostgreSQL; SQLite's writers
    // take turns): the loser retries as a recast.
    if (!isSqlUniqueViolation(error)) throw error;
    result = await attempt();
  }
  // The ballot is durable in the box; a full box is mixed soon (a failure here never fails the cast).
  if (result.ok) await afterCast(voter.roundId, ballot.areas.length).catch((error: unknown) => console.error(`ballot box: ${(error as Error)?.message ?? String(error)}`));
  return result;
}

/** A ballot found by its receipt: counted (in Ballot) or received, sealed in the box and not yet counted. */
export interface ReceiptBallot {
  round: { nameFi: string; nameSv: string; nameEn: string };
  areaSlug: string;
  counted: boolean;
  projects: { code: string; titleFi: string; titleSv: string; titleEn: string }[];
}

/**
 * The ballots a receipt belongs to (its areas and picked projects), or null. A counted ballot is
 * looked up in Ballot; otherwise the sealed entries in the box are opened ("received, not yet
 * counted"). A ballot replaced by a later cast of the same voter (whose entry may still wait in the
 * box) is not found: a receipt stops working after a recast.
 */
export async function ballotsForReceipt(typed: string): Promise<ReceiptBallot[] | null> {
  const receipt = normaliseCode(typed);
  if (!receipt) return null;
  const areas = await db.area.findMany({ select: { slug: true } });
  const hashes = new Set(areas.map((a) => receiptHash(receipt, a.slug)));
  const box = await openBox();
  const newest = new Map<string, number>();
  for (const e of box) newest.set(e.payload.voterKey, Math.max(newest.get(e.payload.voterKey) ?? 0, e.payload.cast));
  const counted = await db.ballot.findMany({
    where: { receiptHash: { in: [...hashes] } },
    include: { round: true, picks: { include: { project: true } } },
  });
  const found: ReceiptBallot[] = counted
    .filter((b) => !newest.has(b.voterKey))
    .map((b) => ({ round: b.round, areaSlug: b.areaSlug, counted: true, projects: b.picks.map((p) => p.project) }));
  const sealed = box.filter((e) => hashes.has(e.payload.receiptHash) && e.payload.cast === newest.get(e.payload.voterKey) && e.payload.picks.length > 0);
  if (sealed.length) {
    const rounds = new Map((await db.round.findMany({ where: { id: { in: sealed.map((e) => e.roundId) } } })).map((r) => [r.id, r]));
    const projects = new Map((await db.ballotProject.findMany({ where: { id: { in: sealed.flatMap((e) => e.payload.picks) } } })).map((p) => [p.id, p]));
    for (const e of sealed) {
      const round = rounds.get(e.roundId);
      if (!round) continue;
      found.push({ round, areaSlug: e.payload.area, counted: false, projects: e.payload.picks.flatMap((id) => projects.get(id) ?? []) });
    }
  }
  return found.length ? found : null;
}

/**
 * The picks of a participation's newest ballots, by area: the newest sealed entry in the box when
 * there is one, else the counted ballot; found only through the secret voter keys.
 */
export async function picksOfVoter(roundId: string, participationId: string, areas: readonly string[]): Promise<Record<string, string[]>> {
  const keys = new Map(areas.map((area) => [voterKey(participationId, area), area]));
  const picks: Record<string, string[]> = {};
  const ballots = await db.ballot.findMany({ where: { voterKey: { in: [...keys.keys()] } }, select: { areaSlug: true, picks: { select: { projectId: true } } } });
  for (const b of ballots) picks[b.areaSlug] = b.picks.map((p) => p.projectId);
  const cast = new Map<string, number>();
  for (const e of await openBox(roundId)) {
    const area = keys.get(e.payload.voterKey);
    if (area === undefined || e.payload.cast <= (cast.get(area) ?? 0)) continue;
    cast.set(area, e.payload.cast);
    if (e.payload.picks.length) picks[area] = e.payload.picks;
    else delete picks[area];
  }
  return picks;
}

/** The voter behind a pupil's sign-in code (for paper ballots entered by staff). */
export async function voterForCode(typed: string) {
  const code = normaliseCode(typed);
  if (!code) return null;
  const pupil = await db.user.findUnique({ where: { codeHash: hashCode(code) }, include: { school: true } });
  if (!pupil || pupil.role !== "pupil" || pupil.codeRevokedAt || !pupil.roundId || !pupil.school || pupil.classLevel === null) return null;
  return {
    pupil,
    voter: { userId: pupil.personId ?? pupil.id, roundId: pupil.roundId, schoolId: pupil.school.id, classLevel: pupil.classLevel, areaSlug: pupil.school.areaSlug } satisfies Voter,
  };
}
