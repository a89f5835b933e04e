// The ballot box and its mixer (docs/decisions/009-ballot-box.md). A cast's transaction writes the
// participation and one sealed BallotBox entry per area of the voter's ballot (sealBallotInTx); the
// mixer (mixBallots) moves a round's entries into Ballot/BallotPick in a crypto-random order, in one
// transaction of its own, once the box holds at least BALLOT_MIX_BATCH entries of the round (at a
// random moment within BALLOT_MIX_DELAY_SECONDS after that) or voting has ended. So no transaction
// holds both who voted and what they voted, and every acknowledged ballot is in exactly one place:
// sealed in the box or counted in Ballot.
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { newestPerVoter, open, seal, shuffle, type BoxPayload } from "~/features/voting/ballot-box";
import { helsinkiDay } from "~/features/rounds/phases";
import { appendAudit } from "~/server/audit.server";
import { isPostgres } from "~/server/database-url.server";
import { db as defaultDb, retryWhenBusy, type Db } from "~/server/db.server";
import { env } from "~/server/env.server";
import { sql, type Sql } from "~/server/sql.server";

/** The key of PostgreSQL's transaction-level advisory lock that only one mixer holds at a time ("OMAKBOX1"). */
export const MIX_LOCK_KEY = 0x4f4d414b424f5831n;

/** Rows per statement when inserting or deleting in bulk (well under either database's parameter limit). */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function secret(): string {
  return env().ballotSecret;
}

/**
 * The id of a new box entry: a random prefix drawn once per process, then a counter, so that the
 * entries one process writes land one after the other in the box's index (on SQLite the table itself,
 * WITHOUT ROWID) instead of on a random page each. A random id cost a cast about 100 µs more
 * (decision 009, "Entry ids"). The id holds no time; the order it records is the one the cast's own
 * transaction already shows (SQLite's WAL, PostgreSQL's xmin) next to a sealed entry.
 */
export function nextBoxEntryId(): string {
  boxIds.counter += 1;
  return `${boxIds.prefix}-${boxIds.counter.toString(16).padStart(13, "0")}`;
}
const boxIds = { prefix: randomBytes(8).toString("hex"), counter: 0 };

/** Writes one sealed entry per payload (one per area of a cast) inside the cast's transaction. */
export async function sealBallotInTx(tx: Sql, roundId: string, payloads: readonly BoxPayload[]): Promise<void> {
  if (!payloads.length) return;
  const values = payloads.flatMap((p) => [nextBoxEntryId(), roundId, seal(secret(), roundId, p)]);
  await tx.run(`INSERT INTO "BallotBox" ("id", "roundId", "sealed") VALUES ${payloads.map(() => "(?, ?, ?)").join(", ")}`, values);
}

/**
 * The opened entries of a round's box (or of every round's), with their ids. Read with plain SQL
 * (sql.server.ts): Prisma turned each 2 KB sealed entry into about 25 KB of memory, so that mixing a
 * box of 10,000 entries took the process from about 120 MB to 370 MB (and 1.2 s to read, against
 * about 20 MB and 0.1 s this way).
 */
export async function openBox(roundId?: string): Promise<{ id: string; roundId: string; payload: BoxPayload }[]> {
  type Row = { id: string; roundId: string; sealed: Uint8Array };
  const rows = roundId
    ? await sql().all<Row>(`SELECT "id", "roundId", "sealed" FROM "BallotBox" WHERE "roundId" = ?`, [roundId])
    : await sql().all<Row>(`SELECT "id", "roundId", "sealed" FROM "BallotBox"`);
  return rows.map((r) => ({ id: r.id, roundId: r.roundId, payload: open(secret(), r.roundId, r.sealed) }));
}

/** Whether voting in the round has ended (Helsinki day): then whatever is left in its box is mixed. */
export function votingEnded(round: { votingEnd: string }, today = helsinkiDay()): boolean {
  return today > round.votingEnd;
}

export interface MixOptions {
  /** Mix even a batch smaller than BALLOT_MIX_BATCH while voting is open (CLI --force, tests). */
  force?: boolean;
  /** The batch size (default BALLOT_MIX_BATCH). */
  batch?: number;
  today?: string;
}

export interface MixResult {
  roundId: string;
  /** Box entries moved out of the box (counted or superseded by a newer cast of the same voter). */
  moved: number;
  /** Ballots written (entries with picks among the newest per voter). */
  counted: number;
  /** Why nothing was mixed, if so. */
  skipped?: "below-batch" | "empty" | "locked";
}

/**
 * Mixes the box of `roundId` (or of every round with entries): reads the round's sealed entries,
 * opens them, shuffles them and keeps the newest per voterKey; then, in one transaction, deletes
 * exactly the entries it read, replaces the earlier counted ballots of those voterKeys and inserts
 * Ballot/BallotPick rows in the shuffled order. A round whose box holds fewer than the batch is left
 * alone while its voting is open (unless `force`). An entry that cannot be opened (another
 * BALLOT_SECRET) stops the mix with an error and nothing of that round moves. The box is read through
 * the process's sql(), so `client` must be the process's database too (every caller passes `db`).
 */
export async function mixBallots(client: Db = defaultDb, roundId?: string, options: MixOptions = {}): Promise<MixResult[]> {
  const rounds = roundId ? [roundId] : (await client.ballotBox.groupBy({ by: ["roundId"] })).map((r) => r.roundId);
  const postgres = isPostgres();
  const results: MixResult[] = [];
  if (!postgres) {
    // Freed pages (the deleted box entries, replaced ballots) are overwritten with zeros. Per connection.
    await client.$queryRawUnsafe("PRAGMA secure_delete = ON");
  }
  for (const id of rounds) results.push(await mixRoundAgainOnConflict(client, id, postgres, options));
  if (!postgres && results.some((r) => r.moved > 0)) {
    // Copy the WAL (whose frames pair each cast's participation with its sealed entry) into the
    // database file and empty it. It cannot wait for a checkpoint already under way (the server's
    // checkpoint thread): then it is tried again a few times.
    for (let attempt = 1; attempt <= 5; attempt++) {
      const [row] = await client.$queryRawUnsafe<{ busy: number | bigint }[]>("PRAGMA wal_checkpoint(TRUNCATE)");
      if (Number(row?.busy ?? 0) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
  return results;
}

/** Another mixer took some of the entries this one read (mixRound): read the box again. */
class MixConflict extends Error {
  constructor() {
    super("another mixer moved some of these box entries first");
    this.name = "MixConflict";
  }
}

async function mixRoundAgainOnConflict(client: Db, roundId: string, postgres: boolean, options: MixOptions): Promise<MixResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await retryWhenBusy(() => mixRound(client, roundId, postgres, options));
    } catch (error) {
      if (!(error instanceof MixConflict) || attempt >= 5) throw error;
    }
  }
}

async function mixRound(client: Db, roundId: string, postgres: boolean, options: MixOptions): Promise<MixResult> {
  const batch = options.batch ?? env().ballotMixBatch;
  const round = await client.round.findUnique({ where: { id: roundId }, select: { votingEnd: true } });
  // Read and opened before the transaction: entries are only ever inserted and deleted, never
  // changed, and the transaction deletes exactly these. If another mixer got some of them first,
  // fewer are deleted, and the whole mix is rolled back and read again. Opening thousands of entries
  // outside it also keeps the write lock (SQLite) short.
  const entries = await openBox(roundId);
  if (!entries.length) return { roundId, moved: 0, counted: 0, skipped: "empty" };
  if (entries.length < batch && !options.force && !(round && votingEnded(round, options.today))) {
    return { roundId, moved: 0, counted: 0, skipped: "below-batch" };
  }
  const { kept } = newestPerVoter(shuffle(entries));
  const ballots = kept
    .filter((e) => e.payload.picks.length > 0)
    .map((e) => ({ id: randomUUID(), roundId, areaSlug: e.payload.area, voterKey: e.payload.voterKey, receiptHash: e.payload.receiptHash, picks: [...new Set(e.payload.picks)] }));
  return client.$transaction(
    async (tx) => {
      if (postgres) {
        const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${MIX_LOCK_KEY}) AS locked`;
        if (!lock?.locked) return { roundId, moved: 0, counted: 0, skipped: "locked" as const };
      }
      // A recast replaces the voter's earlier counted ballot in the area (or removes it when the recast picks nothing there).
      for (const keys of chunks(kept.map((e) => e.payload.voterKey))) await tx.ballot.deleteMany({ where: { voterKey: { in: keys } } });
      for (const part of chunks(ballots)) {
        await tx.ballot.createMany({ data: part.map(({ picks: _picks, ...ballot }) => ballot) });
      }
      for (const part of chunks(ballots.flatMap((b) => b.picks.map((projectId) => ({ ballotId: b.id, projectId }))))) {
        await tx.ballotPick.createMany({ data: part });
      }
      // Last, so that the pages the entries free are not reused for these ballots in this transaction.
      let deleted = 0;
      for (const ids of chunks(entries.map((e) => e.id))) deleted += (await tx.ballotBox.deleteMany({ where: { id: { in: ids } } })).count;
      if (deleted !== entries.length) throw new MixConflict();
      await appendAudit(tx, { actorId: null, action: "ballots.mix", subjectType: "round", subjectId: roundId, detail: { entries: entries.length, ballots: ballots.length } });
      return { roundId, moved: entries.length, counted: ballots.length };
    },
    { maxWait: 30_000, timeout: 300_000 },
  );
}

/** Mixes whatever is left in the box of a round whose voting has ended (before results, publishing, exports). */
export async function mixIfEnded(client: Db, round: { id: string; votingEnd: string }): Promise<void> {
  if (!votingEnded(round)) return;
  if ((await client.ballotBox.count({ where: { roundId: round.id } })) === 0) return;
  await mixBallots(client, round.id);
}

// ---- the server's timer ----------------------------------------------------------------------------

const pending = new Set<string>();
let sweeper: NodeJS.Timeout | null = null;

function report(error: unknown) {
  // The entries stay in the box; the next cast, sweep or the CLI tries again.
  console.error(`ballot box: mixing failed: ${(error as Error)?.message ?? String(error)}`);
}

/**
 * Per round, how many more entries this process may put in the box before it can hold a batch, as
 * of its last count: until then afterCast need not count again. Entries that another process adds
 * (a PostgreSQL worker, a CLI import) are seen at the next count, so the batch may then be mixed a
 * little fuller, never emptier.
 */
const room = new Map<string, number>();

/**
 * Called after a cast committed `entries` entries (one per area of the ballot): when the round's box
 * holds a batch, mixes it at a random moment within BALLOT_MIX_DELAY_SECONDS (a timer that does not
 * keep the process alive). The first call also starts an hourly sweep that mixes the leftovers of
 * rounds whose voting has ended.
 */
export async function afterCast(roundId: string, entries: number, client: Db = defaultDb): Promise<void> {
  startSweeper(client);
  if (pending.has(roundId)) return;
  const left = (room.get(roundId) ?? 0) - entries;
  if (left > 0) {
    room.set(roundId, left);
    return;
  }
  // Plain SQL: this runs after casts (sql.server.ts).
  const count = Number((await sql().get<{ n: number | string }>(`SELECT count(*) AS "n" FROM "BallotBox" WHERE "roundId" = ?`, [roundId]))?.n ?? 0);
  if (count < env().ballotMixBatch) {
    room.set(roundId, env().ballotMixBatch - count);
    return;
  }
  room.delete(roundId);
  pending.add(roundId);
  const delayMs = randomInt(Math.max(1, Math.round(env().ballotMixDelaySeconds * 1000)) + 1);
  setTimeout(() => {
    pending.delete(roundId);
    mixBallots(client, roundId).catch(report);
  }, delayMs).unref();
}

/** Starts (once per process) the sweep, soon after start and then hourly, for rounds whose voting has ended with entries in the box. */
export function startSweeper(client: Db = defaultDb): void {
  if (sweeper) return;
  sweeper = setInterval(() => {
    sweepEnded(client).catch(report);
  }, 3_600_000);
  sweeper.unref();
  // And once soon after start: a server restarted after voting ended sweeps what was left.
  setTimeout(() => sweepEnded(client).catch(report), 5_000 + randomInt(25_000)).unref();
}

async function sweepEnded(client: Db): Promise<void> {
  const rounds = await client.round.findMany({ where: { ballotBox: { some: {} } }, select: { id: true, votingEnd: true } });
  for (const round of rounds) await mixIfEnded(client, round);
}
